"""`storyline stories INPUT...`: list the stories a mixed collection of articles holds.

Runs the same document stage as `storyline build` (so `build` splits the input the same way), on
the engine the config or --engine/--master choose, then story detection; prints one line per story
or, with --json, the `stories` list of story.json.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable

from storyline.config import Config
from storyline.models import Story, StoryCluster

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2


def register(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add the `stories` command to the CLI's sub-parsers."""
    from storyline.engines import register_build_options
    p = sub.add_parser("stories", help="list the stories in a mixed collection of articles")
    p.add_argument("inputs", nargs="+",
                   help="files, folders, globs, URLs, files listing URLs, or - for stdin")
    p.add_argument("--json", action="store_true", help="print the stories as JSON (as in story.json)")
    p.add_argument("--no-analyse", action="store_true",
                   help="skip the language analysis: faster, but articles have no publication dates")
    p.add_argument("--workers", type=int, help="processes for the per-document stage (default: CPU cores)")
    register_build_options(p)
    p.set_defaults(func=cmd_stories)
    return p


def _config(args: argparse.Namespace) -> Config:
    from storyline.engines import apply_build_options
    config = Config.load(args.config) if getattr(args, "config", None) else Config.load()
    if args.workers is not None:
        config = config.with_section("ingest", workers=args.workers)
    return apply_build_options(config, args)


def format_clusters(clusters: Iterable[StoryCluster]) -> str:
    lines = []
    for c in clusters:
        span = f"{c.first_published or '?'}..{c.last_published or '?'}" if c.first_published else "undated"
        plural = "s" if len(c.documents) != 1 else " "
        lines.append(f"{c.id}  {len(c.documents):4d} article{plural}  {span:22s}  {c.title or '(no title)'}")
        lines.append(f"{'':22s}  {', '.join(c.keywords)}")
    return "\n".join(lines)


def cmd_stories(args: argparse.Namespace) -> int:
    from storyline.engines import EngineUnavailable, open_engine
    from storyline.stories import stories_json
    try:
        config = _config(args)
    except (OSError, ValueError) as exc:
        print(f"storyline: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    story = Story()
    try:
        with open_engine(config) as engine:
            from storyline.pipeline import analysed_documents
            docs = analysed_documents(args.inputs, config, story, engine, analyse=not args.no_analyse)
            clusters = engine.detect_stories(docs, config.stories)
    except EngineUnavailable as exc:
        print(f"storyline: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if args.json:
        json.dump(stories_json(clusters), sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        print(f"{len(clusters)} stor{'y' if len(clusters) == 1 else 'ies'} in {len(docs)} articles")
        if clusters:
            print(format_clusters(clusters))
    for failure in story.failures:
        print(f"  {failure.path}: {failure.reason}", file=sys.stderr)
    return EXIT_SOME_FAILED if story.failures else EXIT_OK
