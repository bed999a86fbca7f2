"""Invariants of text-mode cleaning, checked on every real page in fixtures/texts.

- spans: every removal is a real span of `doc.source` (its text is the source's text there), and no two overlap;
- accounting: every visible character of the input is either in the body or inside exactly one removed span;
- order: the body is the input's kept characters in input order (paragraphs are an ordered subsequence of
  the input; a paragraph may be a block with inner spans cut out, so this is checked character by character);
- nothing invented: every body character comes from the input;
- idempotence: cleaning the body again removes nothing.

"Visible" leaves out whitespace and the zero-width characters the text front end strips as space at the
edges of a line (U+200B, U+FEFF). Pages that break an invariant today are listed in KNOWN with the
reason, as strict xfails: when a fix makes one pass, the suite says so and the entry must go.
"""
from __future__ import annotations

from collections import Counter

import pytest
from fixture_pages import cleaned, known_params, pages, short

import cleaner

INVISIBLE = "\u200b\ufeff"

# (page, invariant) -> why it fails today. Pages are named as in the test ids: <set>:<first 8 of the id>.
TITLE_AGAIN = "title, on the cleaned body: "
KNOWN: dict[tuple[str, str], str] = {
    ("magic-html-bench:22b2f108", "idempotence"): "outside_article, on the cleaned body: the posts' headers are gone, so no "
                                                  "thread is found and the one-line replies are cut as a gap",
    ("magic-html-bench:a4c329f2", "idempotence"): "comments, on the cleaned body: the next answer's '赞同 161 · 29 条评论' bar "
                                                  "opens a comment section and the rest of the thread goes",
    ("magic-html-bench:d231b170", "idempotence"): "comments, on the cleaned body: the article's own date-and-time "
                                                  "byline made the first pass take the page for a thread; once the "
                                                  "byline is gone, '评论' opens a comment section",
}


def _visible(ch: str) -> bool:
    return not ch.isspace() and ch not in INVISIBLE


def squash(text: str) -> str:
    return "".join(ch for ch in text if _visible(ch))


def params(invariant: str) -> list:
    return known_params([p.name for p in pages()], invariant, KNOWN)


def test_known_failures_name_real_pages_and_invariants():
    names = {short(p.name) for p in pages()}
    assert len(names) == len(pages()), "test ids must tell pages apart"
    for page, invariant in KNOWN:
        assert page in names, page
        assert invariant in ("spans", "accounting", "order", "invented", "idempotence"), invariant


def _kept(doc: cleaner.Document) -> str:
    """The source's visible characters outside every removed span, in source order."""
    removed = [False] * len(doc.source)
    for r in doc.removed:
        removed[r.start : r.end] = [True] * (r.end - r.start)
    return "".join(ch for ch, gone in zip(doc.source, removed) if not gone and _visible(ch))


@pytest.mark.parametrize("name", params("spans"))
def test_removed_spans_are_exact_and_disjoint(name):
    doc = cleaned(name)
    previous = None
    for r in sorted(doc.removed, key=lambda r: (r.start, r.end)):
        assert 0 <= r.start < r.end <= len(doc.source), r
        assert doc.source[r.start : r.end] == r.text, f"{r.rule}: the removal's text is not the source's text at its offsets"
        assert r.rule and r.reason, f"removal without a rule or a reason: {r}"
        if previous is not None:
            assert r.start >= previous.end, f"{previous.rule} [{previous.start}, {previous.end}) overlaps {r.rule} [{r.start}, {r.end})"
        previous = r


@pytest.mark.parametrize("name", params("accounting"))
def test_every_visible_character_is_kept_or_removed(name):
    page = next(p for p in pages() if p.name == name)
    doc = cleaned(name)
    repaired = any("mojibake" in flag for flag in doc.metadata.flags)
    assert doc.source == page.text or repaired, "the offsets must point into the input itself"
    kept, body = Counter(_kept(doc)), Counter(squash(doc.body))
    lost, extra = kept - body, body - kept
    assert not lost, f"{sum(lost.values())} characters neither in the body nor in a removed span: {''.join(lost.elements())[:80]!r}"
    assert not extra, f"{sum(extra.values())} body characters that a removed span also claims: {''.join(extra.elements())[:80]!r}"


@pytest.mark.parametrize("name", params("order"))
def test_body_is_the_input_in_order(name):
    doc = cleaned(name)
    kept, cursor = _kept(doc), 0
    for n, paragraph in enumerate(doc.paragraphs):
        chars = squash(paragraph)
        assert kept[cursor : cursor + len(chars)] == chars, (
            f"paragraph {n} is not the next kept text of the input: {paragraph[:60]!r} vs {kept[cursor:cursor + 40]!r}"
        )
        cursor += len(chars)
    assert cursor == len(kept)


@pytest.mark.parametrize("name", params("invented"))
def test_nothing_invented(name):
    doc = cleaned(name)
    invented = Counter(squash(doc.body)) - Counter(squash(doc.source))
    assert not invented, f"body characters not in the input: {''.join(invented.elements())[:80]!r}"


@pytest.mark.parametrize("name", params("idempotence"))
def test_cleaning_the_body_again_changes_nothing(name):
    doc = cleaned(name)
    again = cleaner.clean(doc.body)
    assert again.body == doc.body, f"second pass removed: {[(r.rule, r.reason, r.text[:40]) for r in again.removed][:5]}"
