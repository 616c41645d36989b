"""The `ladder` command: argument parsing and exit codes, nothing else.

Exit codes: 0 ok, 1 content errors (or warnings under --strict), 2 bad usage.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import report
from .build import build
from .errors import ContentError, LadderError, UsageError


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ladder", description="Build career-framework sites from YAML.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="command")

    build_cmd = commands.add_parser("build", help="build the site into the output folder")
    build_cmd.add_argument("--content", type=Path, default=Path("content"), help="content folder (default: content)")
    build_cmd.add_argument("--output", type=Path, default=Path("output"), help="output folder (default: output)")
    build_cmd.add_argument("--base-url", help="where the site is published, e.g. https://org.github.io/frameworks/")
    build_cmd.add_argument("--strict", action="store_true", help="treat warnings as errors")

    check_cmd = commands.add_parser("check", help="validate the content and write nothing")
    check_cmd.add_argument("--content", type=Path, default=Path("content"), help="content folder (default: content)")
    check_cmd.add_argument("--strict", action="store_true", help="treat warnings as errors")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "build":
            result = build(args.content, args.output, base_url=args.base_url, strict=args.strict,
                           progress=report.progress)
        else:
            result = build(args.content, None, strict=args.strict, progress=report.progress)
    except ContentError as exc:
        report.problems(exc.problems)
        report.failure(exc)
        return 1
    except UsageError as exc:
        print(f"ladder: error: {exc}", file=sys.stderr)
        return 2
    except LadderError as exc:
        print(f"ladder: error: {exc}", file=sys.stderr)
        return 1
    report.problems(result.warnings)
    report.summary(args.command, result)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
