"""Regex safety: every pattern in `cleaner` is a `regex` pattern, and none backtracks out of linear time.

Each module-level pattern (and the phrase scanner) is run over inputs crafted to make it backtrack: long
runs of separators, spaces, digits, letters and of the words the pattern itself looks for, each ended by a
character that makes the match fail at the last moment (near-miss repetitions). Going from 20,000 to
80,000 characters must cost about four times as much, not sixteen, and never over two seconds: a quadratic
pattern on a 20 MB line would run for days. `CLEANER_REGEX_FULL=1` tries many more attacks.

Where a pattern is also run with a `timeout=` (the phrase scanner, contacts, comment headers, pagination),
a `TimeoutError` inside a rule is caught by the engine and the rule is skipped with a flag.
"""
from __future__ import annotations

import importlib
import os
import pkgutil
import re
import time

import pytest
import regex

import cleaner
from cleaner.patterns import compile_scanner

SIZE = 20_000  # characters of crafted input
QUICK = 0.05  # seconds at SIZE under which a pattern is clearly linear (2.5 microseconds a character)
RATIO = 10.0  # from SIZE to 4 * SIZE, linear work grows 4x (up to ~10x on a loaded machine), quadratic 16x
BUDGET = 10.0  # seconds at 16 * SIZE (a timeout): a linear pattern takes well under one
FULL = bool(os.environ.get("CLEANER_REGEX_FULL"))  # many more attacks, and the scanner's whole alternation (minutes)
# What the crafted inputs repeat: spaces of every kind, separators, digits, letters, and pairs of them.
UNITS = [" ", "\u2002", "\n", "1", "a", ".", "-", ">", "|", "<", "<a ", "1 ", "a ", "：", "年"]
MORE_UNITS = ["\t", "\u3000", "\u00a0", "\u200b", ",", "/", ":", "@", "#", "*", "(", "a.", "1-", "1:", " > ", "<!--", "。", "，",
              "\\", "&", "_", "•", "www.", "http://"]
PREFIXES = ["", "1", "a"]
MORE_PREFIXES = ["x", "<", "(", "<a ", "1 "]
ENDS = ["x"]
MORE_ENDS = ["\x00", "\u2603", "!"]
LITERAL = regex.compile(r"[A-Za-z]{2,}|[\p{Han}]{2,}")


def _modules():
    for info in pkgutil.walk_packages(cleaner.__path__, "cleaner."):
        if info.name.startswith("cleaner.contrib"):
            continue  # the adapters import Scrapy and Dask
        yield importlib.import_module(info.name)


def patterns() -> dict[str, object]:
    # The phrase scanner runs its phrases by pieces (tested below); the whole alternation only where it cannot.
    found: dict[str, object] = {"patterns.compile_scanner().pattern": compile_scanner().pattern} if FULL else {}
    for module in _modules():
        for name, value in vars(module).items():
            values = value.items() if isinstance(value, dict) else [(None, value)]
            for key, item in values:
                if isinstance(item, (re.Pattern, regex.Pattern)):
                    label = f"{module.__name__.removeprefix('cleaner.')}.{name}" + (f"[{key}]" if key else "")
                    found.setdefault(label, item)
    return found


PATTERNS = patterns()


def attacks(pattern) -> list[tuple[str, str, str]]:
    """(prefix, repeated unit, end) triples: each makes a long near-miss input for the pattern. The words of
    the pattern itself serve as prefixes and units too ("上一篇 上一篇 ...", "says says ...")."""
    source = pattern.pattern if isinstance(pattern.pattern, str) else pattern.pattern.decode("latin-1")
    words = sorted(set(LITERAL.findall(source)), key=lambda w: (len(w), w))
    words = words if FULL else words[:4]
    units = UNITS + (MORE_UNITS if FULL else []) + [w + " " for w in words]
    prefixes = PREFIXES + (MORE_PREFIXES + words if FULL else [])
    ends = ENDS + (MORE_ENDS if FULL else [])
    return [(prefix, unit, end) for prefix in prefixes for unit in units for end in ends]


def run(pattern, text: str) -> float:
    """Seconds to run the pattern over the text as the code does (finditer and an anchored match)."""
    subject = text if isinstance(pattern.pattern, str) else text.encode("utf-8")
    timeout = {"timeout": BUDGET} if isinstance(pattern, regex.Pattern) else {}
    start = time.perf_counter()
    try:
        for _ in pattern.finditer(subject, **timeout):
            pass
        pattern.match(subject, **timeout)
    except TimeoutError:
        return float("inf")
    return time.perf_counter() - start


def superlinear(pattern, prefix: str, unit: str, end: str) -> str | None:
    """Why the pattern is not linear on this attack, or None. Slow at SIZE, it is timed at 4x SIZE, and if that
    took over RATIO times as long, at 16x: linear work grows about 4x a step, quadratic 16x (soon over BUDGET)."""
    small = run(pattern, crafted(prefix, unit, end))
    if small < QUICK:
        return None
    times = [small, min(run(pattern, crafted(prefix, unit, end, 4 * SIZE)) for _ in range(2))]
    if times[1] / times[0] <= RATIO:
        return None
    times.append(min(run(pattern, crafted(prefix, unit, end, 16 * SIZE)) for _ in range(2)))
    if times[2] == float("inf") or times[2] / times[1] > RATIO:
        return f"{prefix!r} + {unit!r} * n + {end!r}: " + ", ".join(f"{t:.3f} s" for t in times) + f" at {SIZE:,} x 1, 4, 16"
    return None


def crafted(prefix: str, unit: str, end: str, size: int = SIZE) -> str:
    return prefix + unit * max(1, size // len(unit)) + end


def test_every_pattern_is_a_regex_pattern():
    """The `regex` module (timeouts, possessive quantifiers, (*SKIP)), never `re`: one engine to reason about.
    `cleaner.scoring` is exempt: the benchmark's scorer mirrors the shared evaluator's `re` tokenizer and never
    reads a page being cleaned."""
    assert len(PATTERNS) > 40
    stdlib = sorted(label for label, p in PATTERNS.items() if isinstance(p, re.Pattern) and not label.startswith("scoring."))
    assert not stdlib, f"compiled with re, not regex: {stdlib}"


@pytest.mark.parametrize("label", sorted(PATTERNS))
def test_pattern_runs_in_linear_time_on_crafted_input(label):
    pattern = PATTERNS[label]
    slow = []
    for attack in attacks(pattern):
        why = superlinear(pattern, *attack)
        if why:
            slow.append(why)
            if len(slow) >= 3:
                break
    assert not slow, f"{label} backtracks superlinearly on:\n" + "\n".join(slow)


def scan_time(scanner, attack: tuple[str, str, str], size: int) -> float:
    text = crafted(*attack, size)
    start = time.perf_counter()
    try:
        scanner.scan([text, text[: size // 2]])
    except TimeoutError:  # the scanner's own budget: the engine would fail the page with RuleFailed
        return float("inf")
    return time.perf_counter() - start


def test_the_phrase_scanner_runs_in_linear_time_on_crafted_blocks():
    scanner = compile_scanner()
    slow = []
    for attack in attacks(scanner.pattern):
        small = scan_time(scanner, attack, SIZE)
        if small < QUICK:
            continue
        times = [small, min(scan_time(scanner, attack, 4 * SIZE) for _ in range(2))]
        if times[1] / times[0] > RATIO:
            times.append(min(scan_time(scanner, attack, 16 * SIZE) for _ in range(2)))
            if times[2] == float("inf") or times[2] / times[1] > RATIO:
                slow.append(f"{attack}: " + ", ".join(f"{t:.3f} s" for t in times))
    assert not slow, "the scanner backtracks superlinearly on:\n" + "\n".join(slow[:5])


def test_timeouts_stop_a_runaway_scan_and_the_rule_is_skipped():
    """A pattern run with a timeout raises TimeoutError; the engine turns that into a flag, not a failure."""
    evil = regex.compile(r"^(a|a)*$")
    with pytest.raises(TimeoutError):
        evil.match("a" * 40 + "!", timeout=0.05)

    @cleaner.rule("evil", kind="test")
    def runaway(page):
        """Test rule: a pattern that backtracks exponentially, with a timeout."""
        for block in page.blocks:
            evil.match(block.text, timeout=0.05)
        return ()

    doc = cleaner.Cleaner(extra_rules=[runaway]).clean("a" * 40 + "!\n" + "A second line of text, with words.\n")
    assert any("rule evil skipped: TimeoutError" in flag for flag in doc.metadata.flags)
