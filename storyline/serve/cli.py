"""`storyline serve PATH [--host 127.0.0.1] [--port N]`: the HTTP API and the web page.

Binds to loopback by default. On any other address a token is required (--token or the
STORYLINE_TOKEN environment variable) and every /api/ request must send "Authorization: Bearer TOKEN".
"""

from __future__ import annotations

import argparse
import ipaddress
import os
import sys

EXIT_OK, EXIT_USAGE = 0, 2
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")


def register(sub: argparse._SubParsersAction) -> None:
    s = sub.add_parser(
        "serve",
        help="serve a store or a build folder over HTTP (API + web page)",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    s.add_argument("path", help="store file, or build folder (its story.db, else its story.json)")
    s.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    s.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    s.add_argument(
        "--token",
        help="require this bearer token on /api/ (default: $STORYLINE_TOKEN; "
        "required when not bound to loopback)",
    )
    s.add_argument(
        "--max-request-mb", type=float, default=20.0, help="largest request body accepted (default 20)"
    )
    s.set_defaults(func=cmd_serve)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from storyline.serve.app import ServeSettings, create_app, open_source

    token = args.token or os.environ.get("STORYLINE_TOKEN") or None
    loopback = is_loopback(args.host)
    if not loopback and not token:
        print(
            f"storyline: error: binding to {args.host} exposes the API beyond this machine; "
            "give a token with --token or STORYLINE_TOKEN",
            file=sys.stderr,
        )
        return EXIT_USAGE
    if token is not None and len(token) < 16:
        print("storyline: error: the token must be at least 16 characters", file=sys.stderr)
        return EXIT_USAGE
    try:
        source = open_source(args.path)
    except (OSError, ValueError) as exc:
        print(f"storyline: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    settings = ServeSettings(
        token=token,
        max_request_bytes=int(args.max_request_mb * 1_000_000),
        allowed_hosts=ServeSettings.allowed_hosts if loopback else (),
    )
    app = create_app(source, settings)
    shown = f"[{args.host}]" if ":" in args.host else args.host
    if not getattr(args, "quiet", False):
        print(
            f"storyline: serving {args.path} on http://{shown}:{args.port}/"
            f" ({'read-only' if not source.writable else 'articles can be added'})",
            file=sys.stderr,
        )
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning", access_log=False)
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    """`python -m storyline.serve.cli PATH ...` (the same command as `storyline serve`)."""
    parser = argparse.ArgumentParser(prog="storyline")
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["serve", *(argv if argv is not None else sys.argv[1:])])
    return int(args.func(args))


if __name__ == "__main__":
    raise SystemExit(main())
