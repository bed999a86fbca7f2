"""Scoring an extracted body against a gold one, as the public extraction benchmarks do.

Token precision, recall and F1 over multisets: one token per CJK character (and kana, hangul),
lower-cased words otherwise; the same measure as ../shared/eval/score.py, shipped so that tests,
benchmarks and users evaluating their own pages share one definition.
"""
from __future__ import annotations

import re
from collections import Counter

TOKEN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u3040-\u30ff\uac00-\ud7af]|[^\W_]+", re.UNICODE)


def tokens(text: str | None) -> list[str]:
    return [t.lower() for t in TOKEN.findall(text or "")]


def prf(pred: str | None, gold: str | None) -> tuple[float, float, float]:
    """(precision, recall, F1) of `pred` against `gold`; two empty texts agree perfectly.

    >>> prf("猫在睡觉", "猫在睡")
    (0.75, 1.0, 0.8571428571428571)
    """
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


def snippet_score(pred: str | None, must_have, must_not) -> tuple[int, int]:
    """(satisfied, total): `must_have` snippets present plus `must_not` snippets absent."""
    s = squash(pred)
    ok = sum(squash(w) in s for w in must_have) + sum(squash(w) not in s for w in must_not)
    return ok, len(must_have) + len(must_not)
