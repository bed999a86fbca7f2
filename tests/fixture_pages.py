"""The real-page fixtures (fixtures/gold.jsonl and the text views it names), with the benchmarks' scorer.

Helpers only; the tests import them. Nothing here reads outside the repository.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

import cleaner
from cleaner.scoring import prf, squash  # noqa: F401  (the tests import them from here)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

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


def known_params(items, test: str, known: dict, name=short) -> list:
    """A pytest param per item, with the test id `name(item)`, marked as a strict xfail where `known` gives
    (id, test) a reason: when a fix makes one pass, the suite says so and the entry must go."""
    found = []
    for item in items:
        reason = known.get((name(item), test))
        found.append(pytest.param(item, id=name(item), marks=[pytest.mark.xfail(strict=True, reason=reason)] if reason else []))
    return found
