"""The real-page fixtures (fixtures/gold.jsonl and the text views it names) and the scorer the benchmarks use.

Helpers only; the tests import them. Nothing here reads outside the repository.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import cleaner

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

# The token F1 of ../shared/eval/score.py, copied so the tests run without it: one token per CJK
# character (and kana, hangul), lower-cased words otherwise, compared as multisets.
TOKEN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u3040-\u30ff\uac00-\ud7af]|[^\W_]+", re.UNICODE)


def tokens(text: str | None) -> list[str]:
    return [t.lower() for t in TOKEN.findall(text or "")]


def prf(pred: str | None, gold: str | None) -> tuple[float, float, float]:
    p, g = Counter(tokens(pred)), Counter(tokens(gold))
    if not p and not g:
        return 1.0, 1.0, 1.0
    overlap = sum((p & g).values())
    precision = overlap / sum(p.values()) if p else 0.0
    recall = overlap / sum(g.values()) if g else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def squash(text: str | None) -> str:
    """Whitespace-free form, for phrase checks that ignore line wraps and layout spaces."""
    return re.sub(r"\s+", "", text or "")


@dataclass(frozen=True)
class Page:
    """One fixture page: its text view and its gold."""

    name: str  # the text view's file name without .txt: <set>__<id with / as __>
    set: str
    id: str
    lang: str
    page_type: str | None
    url: str | None
    gold: str
    must_keep: tuple[str, ...]
    must_drop: tuple[str, ...]

    @property
    def text(self) -> str:
        return (FIXTURES / "texts" / f"{self.name}.txt").read_text(encoding="utf-8")


@cache
def pages() -> tuple[Page, ...]:
    found = []
    for line in (FIXTURES / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        name = Path(r["file"]).stem
        found.append(Page(name, r["set"], r["id"], r["lang"], r["page_type"], r["url"], r["body"],
                          tuple(r["must_keep"]), tuple(r["must_drop"])))
    return tuple(found)


@cache
def cleaned(name: str) -> cleaner.Document:
    """The cleaned fixture, computed once per test session (documents are frozen)."""
    page = next(p for p in pages() if p.name == name)
    return cleaner.clean(page.text)


def short(name: str) -> str:
    """A readable test id: set and the first characters of the page id."""
    set_name, _, rest = name.partition("__")
    rest = rest.removeprefix("article__").removeprefix("forum__")
    return f"{set_name}:{rest[:8]}"
