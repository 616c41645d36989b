"""The `ladder` command: argument parsing and exit codes, nothing else.

Exit codes: 0 ok, 1 content errors (or warnings under --strict), 2 bad usage.

The rest of Ladder is imported by `main`, not here, so that `run` can import
it with garbage collection off (see `run`).
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from pathlib import Path


def _command(commands, name: str, help: str, output: bool = False) -> argparse.ArgumentParser:  # noqa: A002
    """A subcommand with the options every command shares."""
    command = commands.add_parser(name, help=help)
    command.add_argument("--content", type=Path, default=Path("content"), help="content folder (default: content)")
    if output:
        command.add_argument("--output", type=Path, default=Path("output"), help="output folder (default: output)")
        command.add_argument("--base-url", help="where the site is published, e.g. https://org.github.io/frameworks/")
    return command


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ladder", description="Build career-framework sites from YAML.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="command")

    build_cmd = _command(commands, "build", "build the site into the output folder", output=True)
    build_cmd.add_argument("--strict", action="store_true", help="treat warnings as errors")
    build_cmd.add_argument("--no-search", action="store_true", help="skip the Pagefind search index (faster)")
    build_cmd.add_argument("--force", action="store_true", help="build even if nothing changed since the last build")

    check_cmd = _command(commands, "check", "validate the content and write nothing")
    check_cmd.add_argument("--strict", action="store_true", help="treat warnings as errors")

    deploy_cmd = _command(commands, "deploy", "build, then publish the site to a gh-pages branch", output=True)
    deploy_cmd.add_argument("--branch", default="gh-pages", help="branch to publish to (default: gh-pages)")
    deploy_cmd.add_argument("--remote", default="origin", help="remote to push to (default: origin)")
    deploy_cmd.add_argument("--no-push", action="store_true", help="commit to the branch but do not push")
    deploy_cmd.add_argument("--message", default="Publish frameworks", help="commit message")

    serve_cmd = _command(commands, "serve", "live preview: rebuild on save and reload the browser")
    serve_cmd.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    serve_cmd.add_argument("--port", type=int, default=8000, help="port (default: 8000; 0 picks a free one)")
    serve_cmd.add_argument("--open", action="store_true", help="open the preview in a browser")
    serve_cmd.add_argument("--poll", action="store_true",
                           help="poll for changes instead of native file events (network and container mounts)")
    serve_cmd.add_argument("--base-url", help="serve under this URL's path, as when published, e.g. /frameworks/")
    serve_cmd.add_argument("--output", type=Path, help="preview folder (default: a temporary folder)")

    new_cmd = commands.add_parser(
        "new", help="make a repository for a new site (ladder new DIR), or a framework (ladder new framework PATH)",
        usage="ladder new DIR [--title T] [--requirement REQ]\n       "
              "ladder new framework PATH [--title T] [--levels N] [--content content]")
    new_cmd.add_argument("target", nargs="+", metavar="DIR | framework PATH",
                         help="a folder for a new site, or 'framework' and the file to make")
    new_cmd.add_argument("--title", default="", help="the site's or framework's title")
    new_cmd.add_argument("--levels", type=int, default=3, help="a new framework's number of levels (default: 3)")
    new_cmd.add_argument("--content", type=Path, default=Path("content"),
                         help="the site's content folder, for a new framework (default: content)")
    new_cmd.add_argument("--requirement", default="",
                         help="how the new site installs Ladder, as a pip requirement "
                              "(default: the Ladder running now, as pip freeze says it)")

    schema_cmd = commands.add_parser("schema", help="print the JSON Schema of framework files, for editors")
    schema_cmd.add_argument("kind", nargs="?", default="framework", choices=("framework", "site", "mappings"),
                            help="which files: framework (default), site (site.yml) or mappings (mappings.yml)")

    suggest_cmd = _command(commands, "suggest-mappings", "propose theme members for unmapped topics")
    suggest_cmd.add_argument("--top", type=int, default=3, help="closest topics to list for each (default: 3)")
    suggest_cmd.add_argument("--min-score", type=float, default=0.05,
                             help="leave out matches scoring below this, from 0 to 1 (default: 0.05)")
    suggest_cmd.add_argument("--evaluate", action="store_true",
                             help="print how often the top suggestion agrees with the existing themes")

    export_cmd = _command(commands, "export", "write every framework as JSON, CSV, Excel or 1EdTech CASE")
    export_cmd.add_argument("--format", required=True, choices=("json", "csv", "xlsx", "case"), help="what to write")
    export_cmd.add_argument("--output", type=Path,
                            help="a file (frameworks.json, .csv, .xlsx: every framework in one) or a folder "
                                 "(one file per framework); default frameworks.<format>, or case/ for CASE")
    export_cmd.add_argument("--framework", metavar="PATH", help="export only the framework with this path")
    export_cmd.add_argument("--base-url", help="where the site is published (CASE identifiers and links come from it)")

    import_cmd = commands.add_parser("import", help="make a framework file from a spreadsheet (.xlsx or .csv)")
    import_cmd.add_argument("file", type=Path, help="the spreadsheet")
    import_cmd.add_argument("--into", type=Path, default=Path("content"), help="content folder (default: content)")
    import_cmd.add_argument("--path", help="the framework's path, e.g. /customer-support (default: from the sheet)")
    import_cmd.add_argument("--title", help="the framework's title (default: from the sheet)")
    import_cmd.add_argument("--layout", choices=("grid", "long"), help="force a layout instead of detecting it")
    import_cmd.add_argument("--sheet", help="the sheet to read (default: the first)")
    import_cmd.add_argument("--framework", metavar="PATH", help="the framework to take from a sheet that holds several")
    import_cmd.add_argument("--kind", choices=("progression", "standard", "unit"),
                            help="the kind of framework (default: progression, or standard when no row has a level)")
    import_cmd.add_argument("--force", action="store_true", help="replace the framework file if it exists")
    return parser


def main(argv: list[str] | None = None) -> int:
    from ..building.engine import build, check
    from ..errors import ContentError, LadderError, UsageError
    from . import report

    parser = _parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "schema":
            from .schema import schema_text

            print(schema_text(args.kind), end="")
            return 0
        if args.command == "new":
            return _new(parser, args)
        if args.command == "suggest-mappings":
            from .suggest_mappings import suggest_mappings

            print(suggest_mappings(args.content, args.top, args.min_score, args.evaluate), end="")
            return 0
        if args.command == "export":
            from .export import export

            exported = export(args.content, args.format, args.output, args.base_url, args.framework)
            report.progress(f"exported {exported.frameworks} framework{'' if exported.frameworks == 1 else 's'} "
                            f"as {args.format} → {', '.join(str(p) for p in exported.written[:3])}"
                            + (f" and {len(exported.written) - 3} more" if len(exported.written) > 3 else ""))
            return 0
        if args.command == "import":
            from .import_sheet import import_sheet

            imported = import_sheet(args.file, args.into, path=args.path, title=args.title, layout=args.layout,
                                    sheet=args.sheet, framework=args.framework, kind=args.kind, force=args.force)
            report.problems(imported.warnings)
            report.progress(imported.summary)
            return 0
        if args.command == "serve":
            from .serve import serve

            try:
                serve(args.content, args.host, args.port, args.open, args.poll, args.output, args.base_url,
                      log=lambda line: print(line, file=sys.stderr, flush=True))
            except KeyboardInterrupt:  # Ctrl-C before the preview was up
                print("ladder: stopped", file=sys.stderr)
            return 0
        if args.command == "deploy":
            from .deploy import deploy

            result = build(args.content, args.output, base_url=args.base_url, strict=True, progress=report.progress,
                           search=True)
            deploy(args.output, args.branch, args.remote, push=not args.no_push, message=args.message)
            report.progress(f"committed {args.output} to {args.branch}" + ("" if args.no_push else f" and pushed to {args.remote}"))
        elif args.command == "build":
            result = build(args.content, args.output, base_url=args.base_url, strict=args.strict,
                           progress=report.progress, search=not args.no_search, force=args.force or args.strict)
        else:
            result = check(args.content, strict=args.strict)
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
    report.summary("check" if args.command == "check" else "build", result)
    return 0


def _new(parser: argparse.ArgumentParser, args) -> int:
    from .new import new_framework, new_site, shown

    if args.target[0] == "framework" and len(args.target) == 2:
        made = new_framework(Path(args.target[1]), args.content, args.title, args.levels)
        print(f"ladder: made {shown(made)}; fill in its topics, then run: ladder check", file=sys.stderr)
        return 0
    if len(args.target) != 1:
        parser.error("expected `ladder new DIR` or `ladder new framework PATH`"
                     + (" (for a site in a folder named 'framework', write ./framework)"
                        if args.target == ["framework"] else ""))
    folder = Path(args.target[0])
    for note in new_site(folder, args.title, args.requirement):
        print(f"ladder: note: {note}", file=sys.stderr)
    print(f"ladder: made a new site in {folder}. Next:\n"
          f"  cd {folder}\n"
          "  ladder serve --open      # preview it while you edit content/\n"
          "  git init && git add . && git commit -m 'Our career frameworks'\n"
          "then push it to GitHub and, in Settings → Pages, set Source to GitHub Actions.", file=sys.stderr)
    return 0


def run() -> None:
    """The `ladder` command: `main`, with two savings for a process that
    lives a tenth of a second after an edit. Ladder's modules are imported
    with garbage collection off, then frozen: importing makes tens of
    thousands of objects that last the whole run, and collecting among them
    is wasted (8 ms). And the exit skips tearing the interpreter down module
    by module: everything is written and closed by then (15 ms)."""
    gc.disable()
    from ..building import engine  # noqa: F401 - what `main` imports, imported here with collection off
    from . import report  # noqa: F401

    gc.freeze()
    gc.enable()
    code = main()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe: nothing more can be said
            pass
    os._exit(code)


if __name__ == "__main__":  # pragma: no cover
    run()
