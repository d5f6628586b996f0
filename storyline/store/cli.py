"""`storyline add STORE INPUT...`: add articles to a story incrementally.

STORE is a store file (created if missing) or a build folder: then its story.db is used and its
story.json, report.md and story.html are written again.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2


def register(sub: argparse._SubParsersAction) -> None:
    a = sub.add_parser(
        "add",
        help="add articles to a story store incrementally (creates it if missing)",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    a.add_argument("store", help="store file (story.db) or a build folder holding one")
    a.add_argument(
        "inputs", nargs="*", help="files, folders, globs, URLs; none: only finish an add that was interrupted"
    )
    a.add_argument("--workers", type=int, help="processes for the per-document stage (default: CPU cores)")
    a.set_defaults(func=cmd_add)


def cmd_add(args: argparse.Namespace) -> int:
    from storyline.config import Config
    from storyline.store.db import resolve_store_path
    from storyline.store.incremental import StoreConfigError, add_inputs
    from storyline.store.schema import StoreVersionError

    quiet = getattr(args, "quiet", False)
    try:
        config = Config.load(args.config) if getattr(args, "config", None) else None
    except (OSError, ValueError) as exc:
        print(f"storyline: error: config {args.config}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if args.workers is not None:
        config = (config or Config.load()).with_section("ingest", workers=args.workers)
    target = Path(args.store)
    db_path = resolve_store_path(target)
    try:
        result = add_inputs(db_path, list(args.inputs), config, progress=_progress(quiet))
    except (StoreConfigError, StoreVersionError) as exc:
        print(f"storyline: error: {db_path}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    story = result.story
    assert story is not None
    if target.is_dir():
        from storyline.render import write_outputs

        write_outputs(story, target)
    if not quiet:
        skipped = f", {len(result.skipped)} already in the store" if result.skipped else ""
        print(
            f"added {result.added} documents{skipped}; analysed {result.analysed}. {db_path} now holds "
            f"{len(story.documents)} documents, {len(story.entities)} entities, {len(story.events)} events"
            f" (event merge: {result.merge_reused} groups of linked mentions reused, {result.merge_clustered}"
            f" clustered; {sum(result.seconds.values()):.1f} s)",
            file=sys.stderr,
        )
    if result.failures:
        print(f"\n{len(result.failures)} input(s) could not be read:", file=sys.stderr)
        for failure in result.failures:
            print(f"  {failure.path}: {failure.reason}", file=sys.stderr)
        return EXIT_SOME_FAILED
    return EXIT_OK


def _progress(quiet: bool):
    from storyline.cli import _progress_factory

    return _progress_factory(quiet)
