"""The `cleaner batch` arguments: argparse to `BatchOptions`, and the exit code from the `Report`.

Exit codes: 0 every input cleaned (some may be empty or flagged), 1 some input failed (listed in
OUT/errors.jsonl) or OUT could not be written (a full disk: run again with --resume), 2 usage error (bad arguments, IN_DIR missing, --resume on an OUT made with other
options), 130 interrupted (Ctrl-C or SIGTERM; run again with --resume to go on).
"""
from __future__ import annotations

import argparse
import signal
import sys
from pathlib import Path

from .batch import EXIT_FAILED, EXIT_INTERRUPTED, EXIT_USAGE, FORMATS, BatchOptions, UsageError, run
from .site_boilerplate import SiteOptions


def add_parser(sub) -> None:
    p = sub.add_parser("batch", help="clean every page under a folder into OUT (parallel, resumable)",
                       description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("in_dir", metavar="IN_DIR", help=".txt .html .htm .xhtml .json .jsonl files, gzipped or not")
    p.add_argument("out", metavar="OUT", help="output folder (mirrors IN_DIR for json/txt/md)")
    p.add_argument("--format", choices=list(FORMATS), default="jsonl",
                   help="jsonl: OUT/documents.jsonl, one Document a line (default); json, txt, md: a file per page")
    p.add_argument("--glob", action="append", default=[], metavar="PATTERN",
                   help="only inputs whose relative path (or name) matches; repeatable")
    p.add_argument("--workers", type=int, default=0, metavar="N", help="worker processes (default: one per core)")
    p.add_argument("--resume", action="store_true", help="skip inputs the manifest in OUT says are done")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar, no summary")
    p.add_argument("--report", type=Path, metavar="REPORT.html", help="write an HTML report of the batch")
    p.add_argument("--report-top", type=int, default=10, metavar="N", help="worst pages listed per board (10)")
    p.add_argument("--site-boilerplate", action="store_true",
                   help="learn blocks that repeat across a site's pages in this batch and remove them")
    p.add_argument("--site-min-pages", type=int, default=SiteOptions.min_pages, metavar="N",
                   help=f"distinct pages a site needs before anything is learned ({SiteOptions.min_pages})")
    p.add_argument("--site-min-share", type=float, default=SiteOptions.min_share, metavar="F",
                   help=f"share of a site's pages a block must be on ({SiteOptions.min_share})")
    p.add_argument("--dry-run", action="store_true", help="list what would be done (and what was learned); write nothing")
    p.add_argument("--field", action="append", default=[], metavar="NAME",
                   help="record field holding the page, tried in order (default: html, then text)")
    p.add_argument("--url-field", default="url", metavar="NAME")
    p.add_argument("--id-field", default="id", metavar="NAME", help="record field naming its output file")
    p.add_argument("--max-bytes", type=int, default=50_000_000, metavar="N", help="largest input, after gunzip")
    p.add_argument("--max-ratio", type=float, default=100.0, metavar="R", help="largest gunzip expansion (gzip bombs)")
    p.add_argument("--timeout", type=float, default=120.0, metavar="S", help="seconds per page, 0 for none")
    p.add_argument("--disable", action="append", default=[], metavar="RULE", help="skip a rule (repeatable)")


def main(args: argparse.Namespace) -> int:
    try:
        options = BatchOptions(
            src=Path(args.in_dir), out=Path(args.out), format=args.format, globs=tuple(args.glob),
            workers=args.workers, resume=args.resume, quiet=args.quiet, dry_run=args.dry_run, report=args.report,
            report_top=args.report_top, site_boilerplate=args.site_boilerplate,
            site=SiteOptions(min_pages=args.site_min_pages, min_share=args.site_min_share),
            fields=tuple(args.field) or ("html", "text"), url_field=args.url_field, id_field=args.id_field,
            max_bytes=args.max_bytes, max_ratio=args.max_ratio, timeout=args.timeout, disable=tuple(args.disable),
        )
        try:
            previous = signal.signal(signal.SIGTERM, _interrupt)
        except ValueError:  # not the main thread: leave SIGTERM alone
            return run(options).exit_code
        try:
            return run(options).exit_code
        finally:
            signal.signal(signal.SIGTERM, previous)
    except UsageError as error:
        print(f"cleaner batch: {error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except OSError as error:  # OUT cannot be written: a full disk, a read-only folder
        print(f"cleaner batch: {error}\nwhat is already in {args.out} is intact: fix the cause and run again with --resume",
              file=sys.stderr)
        return EXIT_FAILED


def _interrupt(signum, frame):
    raise KeyboardInterrupt
