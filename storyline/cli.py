"""Command line: `storyline build INPUT... -o OUTDIR` and the other commands.

Exit codes: 0 every input read, 1 some inputs failed (listed at the end), 2 usage error.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Iterable
from pathlib import Path

from tqdm import tqdm

from storyline.config import Config

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse exits 2 on usage errors; keep that, say it plainly
        self.print_usage(sys.stderr)
        print(f"storyline: error: {message}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def _progress_factory(quiet: bool):
    def progress(items: Iterable, desc: str, total: int | None = None) -> Iterable:
        if quiet:
            return items
        return tqdm(items, desc=desc, total=total, unit="doc", file=sys.stderr, leave=False)
    return progress


def _load_config(args: argparse.Namespace) -> Config:
    try:
        config = Config.load(args.config) if args.config else Config.load()
    except (OSError, ValueError) as exc:
        print(f"storyline: error: config {args.config}: {exc}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE) from None
    if getattr(args, "workers", None) is not None:
        config = config.with_section("ingest", workers=args.workers)
    if hasattr(args, "engine"):
        from storyline.engines import apply_build_options
        config = apply_build_options(config, args)
    return config


def _report_failures(story, quiet: bool) -> int:
    if not story.failures:
        return EXIT_OK
    print(f"\n{len(story.failures)} input(s) could not be read:", file=sys.stderr)
    for failure in story.failures:
        print(f"  {failure.path}: {failure.reason}", file=sys.stderr)
    return EXIT_SOME_FAILED


def cmd_build(args: argparse.Namespace) -> int:
    from storyline.pipeline import build
    from storyline.render import write_outputs

    config = _load_config(args)
    outdir = Path(args.output)
    try:
        outdir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        print(f"storyline: error: cannot create output folder {outdir}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    from storyline.engines import EngineUnavailable
    try:
        story = build(args.inputs, config, progress=_progress_factory(args.quiet))
    except EngineUnavailable as exc:
        print(f"storyline: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if args.target_entities and not Path(args.target_entities).is_file():
        print(f"storyline: error: --target-entities {args.target_entities}: no such file", file=sys.stderr)
        return EXIT_USAGE
    if not story.documents and story.failures and not args.quiet:
        print("storyline: no input could be read", file=sys.stderr)
    written = write_outputs(story, outdir, target_entities=args.target_entities)
    if not args.quiet:
        print(f"{len(story.documents)} documents, {len(story.entities)} entities, {len(story.events)} events"
              f" -> {', '.join(str(p) for p in written)}", file=sys.stderr)
    return _report_failures(story, args.quiet)


def _read_story(path: str) -> dict:
    """story.json from a build folder or a path to the file itself."""
    import json
    file = Path(path) / "story.json" if Path(path).is_dir() else Path(path)
    try:
        return json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        print(f"storyline: error: cannot read story {file}: {exc}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE) from None


def cmd_asof(args: argparse.Namespace) -> int:
    from storyline.states import as_of
    try:
        rows = as_of(_read_story(args.story), args.date, args.entity)
    except ValueError as exc:
        print(f"storyline: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if args.json:
        import json
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return EXIT_OK
    if not rows:
        print(f"no tracked state involves {args.entity!r}" if args.entity else "no tracked states")
    for row in rows:
        span = f"{(row['from'] or {}).get('value', '?')} .. {(row['until'] or {}).get('value', 'open')}"
        print(f"{row['status']:9}  {row.get('subject_name') or row['subject'] or '?'} {row['relation']} "
              f"{row.get('object_name') or row['object'] or '?'}  [{span}]  evidence: {', '.join(row['evidence'])}")
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from storyline.render.graph import export
    story = _read_story(args.story)
    outdir = Path(args.output or (args.story if Path(args.story).is_dir() else Path(args.story).parent))
    for fmt in args.format:
        for path in export(story, fmt, outdir):
            if not args.quiet:
                print(path)
    return EXIT_OK


def make_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="storyline", description="News articles in, dated source-cited timeline out.")
    parser.add_argument("--config", help="TOML file overriding the packaged defaults key by key")
    verbosity = parser.add_mutually_exclusive_group()
    verbosity.add_argument("-q", "--quiet", action="store_true", help="no progress bar, errors only")
    verbosity.add_argument("-v", "--verbose", action="store_true", help="log each step")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    b = sub.add_parser("build", help="build story.json, report.md and story.html from articles")
    b.add_argument("inputs", nargs="+", help="files, folders, globs, URLs, files listing URLs, or - for stdin")
    b.add_argument("-o", "--output", required=True, help="output folder")
    b.add_argument("--workers", type=int, help="processes for the per-document stage (default: CPU cores)")
    b.add_argument("--target-entities", help="file with one entity name per line: writes entity_timelines/")
    b.set_defaults(func=cmd_build)
    from storyline.engines import register_build_options
    register_build_options(b)

    from storyline.serve.cli import register as register_serve
    from storyline.store.cli import register as register_add
    from storyline.stories.cli import register as register_stories
    register_add(sub)
    register_serve(sub)
    register_stories(sub)

    a = sub.add_parser("asof", help="what held on a date: states with their status and evidence")
    a.add_argument("date", help="ISO date at any precision: 2025, 2025-04, 2025-04-17")
    a.add_argument("--story", default="out", help="build folder or story.json (default: out)")
    a.add_argument("--entity", help="only states involving this entity (name, alias or id)")
    a.add_argument("--json", action="store_true", help="print JSON")
    a.set_defaults(func=cmd_asof)

    from storyline.render.graph import FORMATS
    e = sub.add_parser("export", help="knowledge-graph exports of a build: graphml, gexf, jsonld, csv")
    e.add_argument("story", help="build folder or story.json")
    e.add_argument("--format", action="append", choices=FORMATS, required=True, help="repeat for several")
    e.add_argument("-o", "--output", help="folder for the exports (default: beside story.json)")
    e.set_defaults(func=cmd_export)

    # -q/-v also after the command name ("storyline build ... -q"); SUPPRESS keeps the global value.
    for command in sub.choices.values():
        group = command.add_mutually_exclusive_group()
        group.add_argument("-q", "--quiet", action="store_true", default=argparse.SUPPRESS, help="errors only")
        group.add_argument("-v", "--verbose", action="store_true", default=argparse.SUPPRESS, help="log each step")
        if not any(a.dest == "config" for a in command._actions):
            command.add_argument("--config", default=argparse.SUPPRESS, help="TOML file overriding the defaults")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    # subcommand options may repeat the global ones
    level = logging.ERROR if args.quiet else logging.INFO if args.verbose else logging.WARNING
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    return int(args.func(args))


if __name__ == "__main__":
    raise SystemExit(main())
