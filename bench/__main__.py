"""`python -m bench quality|speed|scale` — see bench/README.md."""
from __future__ import annotations

import argparse
import sys

from .corpora import TEXT_SETS
from .tools import TOOLS

DEFAULT_SETS = ("chinese-wce", "scrapinghub", "magic-html-bench", "cleaneval-dev", "readability-testpages")


def names(known):
    def parse(value: str) -> list[str]:
        chosen = [v.strip() for v in value.split(",") if v.strip()]
        unknown = sorted(set(chosen) - set(known))
        if unknown:
            raise argparse.ArgumentTypeError(f"unknown: {', '.join(unknown)}; known: {', '.join(known)}")
        return chosen
    return parse


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="python -m bench", description="Benchmarks for cleaner.")
    sub = top.add_subparsers(dest="command", required=True)
    quality = sub.add_parser("quality", help="P / R / F1, snippet and metadata accuracy, pages/s per tool and set")
    quality.add_argument("--mode", choices=("text", "html"), default="text")
    quality.add_argument("--sets", type=names(TEXT_SETS), default=list(TEXT_SETS), help="comma-separated (default: all)")
    quality.add_argument("--tools", type=names(TOOLS), default=list(TOOLS), help="comma-separated (default: all installed)")
    quality.add_argument("--limit", type=int, help="first N pages of each set")
    quality.add_argument("--jobs", type=int, default=2, help="worker processes (default 2; 1 with --profile)")
    speed = sub.add_parser("speed", help="pages/s, MB/s and peak RSS of cleaner against floors and trafilatura (one core)")
    speed.add_argument("--sets", type=names(TEXT_SETS), default=list(DEFAULT_SETS), help="comma-separated")
    speed.add_argument("--limit", type=int, help="first N pages of each set")
    for command in (quality, speed):
        command.add_argument("--profile", action="store_true", help="write bench/results/profile-<command>.txt")
    scale = sub.add_parser("scale", help="time and peak memory as documents and file counts grow")
    scale.add_argument("--quick", action="store_true", help="a tiny run")
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.command == "quality":
        from .quality import main as run
    elif args.command == "speed":
        from .speed import main as run
    else:
        from .scale import main as run
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
