"""Loading the evaluation corpora in ../shared/corpora: records, their text views, their HTML."""
from __future__ import annotations

import gzip
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

CORPORA = Path(os.environ.get("CLEANER_CORPORA", Path(__file__).resolve().parents[1].parent / "shared" / "corpora"))
TEXT_SETS = ("chinese-wce", "scrapinghub", "magic-html-bench", "cleaneval-dev", "readability-testpages", "trafilatura-eval")


@dataclass
class Record:
    set: str
    id: str
    url: str | None
    lang: str | None
    gold: dict

    @property
    def group(self) -> str:
        """The set, split where a set mixes kinds of page (magic-html-bench: article / forum)."""
        kind = self.gold.get("extra", {}).get("page_type")
        return f"{self.set}:{kind}" if kind else self.set

    @property
    def text_path(self) -> Path:
        return CORPORA / self.set / "texts" / (self.id.replace("/", "__") + ".txt")

    def text(self) -> str | None:
        path = self.text_path
        return path.read_text(encoding="utf-8") if path.exists() else None

    def html_bytes(self) -> bytes:
        with gzip.open(CORPORA / self.set / self.gold["html_path"], "rb") as f:
            return f.read()


def records(name: str) -> Iterator[Record]:
    with open(CORPORA / name / "gold.jsonl", encoding="utf-8") as f:
        for line in f:
            gold = json.loads(line)
            yield Record(name, gold["id"], gold.get("url"), gold.get("lang"), gold)
