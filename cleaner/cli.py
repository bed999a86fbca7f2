"""The `cleaner` command: a thin shell over the library. `main(argv) -> exit code`.

Exit codes: 0 all good, 1 some input failed (or the reader of the output left before it was written), 2 usage error.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import batch_cli
from .engine import Cleaner
from .errors import CleanerError


def _read(path: str) -> bytes:
    return sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="cleaner", description="Scraped pages to clean articles.")
    sub = parser.add_subparsers(dest="command", required=True)
    clean = sub.add_parser("clean", help="clean one file (or - for stdin) and print the body")
    clean.add_argument("file")
    clean.add_argument("--json", action="store_true", help="print the whole Document as JSON")
    clean.add_argument("--url", help="the page's URL, if known")
    clean.add_argument("--disable", action="append", default=[], metavar="RULE", help="skip a rule (repeatable)")
    explain = sub.add_parser("explain", help="list every removed span with its rule and reason")
    explain.add_argument("file")
    explain.add_argument("--url")
    explain.add_argument("--disable", action="append", default=[], metavar="RULE")
    explain.add_argument("--html", metavar="REPORT.html", help="also write a self-contained page with each removal marked")
    sub.add_parser("rules", help="list the rules in the order they run")
    batch_cli.add_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    try:
        return _main(argv)
    except BrokenPipeError:
        # The reader of the output left (`cleaner clean page.html | head`): stop quietly, as other Unix tools do, with
        # what is still buffered sent nowhere, so that Python's own flush at exit does not fail again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


def _main(argv: list[str] | None) -> int:
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit:
        return int(exit.code or 0)
    if args.command == "batch":
        return batch_cli.main(args)
    try:
        cleaner = Cleaner(disable=getattr(args, "disable", ()))
        doc = None if args.command == "rules" else cleaner.clean(_read(args.file), url=args.url)
    except (OSError, CleanerError) as error:
        print(f"cleaner: {error}", file=sys.stderr)
        return 2 if isinstance(error, KeyError) else 1
    if doc is None:
        for rule in cleaner.rules:
            print(f"{rule.name:16s} {rule.kind:11s} {rule.doc.splitlines()[0] if rule.doc else ''}")
        return 0
    if args.command == "explain":
        _explain(doc)
        if args.html:
            from .report import write_document_report

            write_document_report(args.html, doc, args.file)
            print(f"\nreport: {args.html}")
    elif args.json:
        print(doc.to_json(indent=2))
    else:
        print(doc.body)
    return 0


def _explain(doc) -> None:
    for removal in doc.removed:
        text = removal.text if len(removal.text) <= 60 else removal.text[:57] + "..."
        print(f"{removal.start:>7}-{removal.end:<7} {removal.rule:16s} {text}\n{'':16}  why: {removal.reason}")
    meta = {k: v for k, v in doc.to_dict()["metadata"].items() if v not in (None, (), [], {}, False)}
    print(f"\nkept {len(doc.body)} characters in {len(doc.paragraphs)} paragraph(s); removed {len(doc.removed)} span(s)")
    for key, value in meta.items():
        print(f"  {key}: {value}")


if __name__ == "__main__":
    sys.exit(main())
