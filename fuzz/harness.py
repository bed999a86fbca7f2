#!/usr/bin/env python3
"""Fuzz `cleaner.clean()` on text and on HTML, as str and as bytes, with atheris (libFuzzer).

    pip install atheris
    python fuzz/seed.py                       # fuzz/corpus/ from fixtures/ plus hand-made hostile pages
    python fuzz/harness.py fuzz/corpus -max_total_time=1800 -timeout=20 -rss_limit_mb=3072 \
        -max_len=65536 -artifact_prefix=fuzz/artifacts/

An input's first byte picks the front end (its value mod 4), the rest is the page:

    0  clean(bytes)        the bytes as a scraper saved them (encoding detected, HTML recognised by its start)
    1  clean(str)          the bytes read as UTF-8, each invalid byte a lone surrogate (surrogateescape)
    2  clean_html(bytes)
    3  clean_html(str)     as 1

A crash is any exception but `cleaner.errors.CleanerError`, or a broken invariant of the result (a removed
span that is not the source's text at its offsets, two spans that overlap, a visible character neither in the
body nor in a removed span, the body out of input order). libFuzzer's -timeout and -rss_limit_mb turn a
hang or a blow-up into a crash too. `FUZZ_IDEMPOTENCE=1` also checks that cleaning the body again changes
nothing for text pages (off by default: the property tests own it; HTML bodies are a known strict xfail,
see tests/test_properties.py). Crashes land in fuzz/artifacts/; replay one with
`python fuzz/harness.py fuzz/artifacts/crash-...`.

`one_input(data)` is importable without atheris: tests/test_hostile_fuzz.py replays the seeds and regressions through it.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the checkout's cleaner, installed or not

INVISIBLE = "\u200b\ufeff"
MODES = ("clean(bytes)", "clean(str)", "clean_html(bytes)", "clean_html(str)")


def _visible(ch: str) -> bool:
    return not ch.isspace() and ch not in INVISIBLE


def squash(text: str) -> str:
    return "".join(ch for ch in text if _visible(ch))


def check(doc) -> None:
    """The invariants every result keeps, whatever the input (AssertionError says which one broke)."""
    source = doc.source
    removed = bytearray(len(source))
    previous_end = 0
    for r in sorted(doc.removed, key=lambda r: (r.start, r.end)):
        assert 0 <= r.start < r.end <= len(source), f"span out of range: {r}"
        assert source[r.start : r.end] == r.text, f"{r.rule}: removal text is not the source's text at its offsets"
        assert r.start >= previous_end, f"{r.rule}: span [{r.start}, {r.end}) overlaps the previous one"
        assert r.rule and r.reason, f"removal without a rule or reason: {r}"
        previous_end = r.end
        removed[r.start : r.end] = b"\x01" * (r.end - r.start)
    kept = "".join(ch for ch, gone in zip(source, removed) if not gone and _visible(ch))
    body = squash(doc.body)
    assert body == kept, f"body is not the kept input in order: body {body[:80]!r} vs kept {kept[:80]!r}"
    assert all(p and p == p.strip() for p in doc.paragraphs), "empty or unstripped paragraph"


def page_of(data: bytes) -> tuple[str, str | bytes]:
    """(mode, page) for a fuzzer input."""
    if not data:
        return MODES[0], b""
    mode, rest = data[0] % 4, data[1:]
    return MODES[mode], rest if mode % 2 == 0 else rest.decode("utf-8", "surrogateescape")


def one_input(data: bytes) -> None:
    import cleaner
    from cleaner.errors import CleanerError

    mode, page = page_of(data)
    try:
        doc = cleaner.clean(page) if mode.startswith("clean(") else cleaner.Cleaner.clean_html(_cleaner(), page)
    except CleanerError:
        return
    check(doc)
    if os.environ.get("FUZZ_IDEMPOTENCE") == "1" and doc.mode == "text":  # HTML bodies: a known strict xfail
        again = _cleaner().clean_text(doc.body)  # a body is text, whatever it starts with
        assert again.body == doc.body, f"not idempotent: {[(r.rule, r.text[:40]) for r in again.removed][:3]}"


_CLEANER = None


def _cleaner():
    global _CLEANER
    if _CLEANER is None:
        import cleaner

        _CLEANER = cleaner.Cleaner()
    return _CLEANER


def main() -> None:
    import atheris

    with atheris.instrument_imports(include=["cleaner"]):
        import cleaner
        import cleaner.html
        import cleaner.html_meta

        cleaner.default_rules()  # imports (and so instruments) every rule module

    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
