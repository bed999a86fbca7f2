"""The scorer the issues' figures use (../shared/eval/score.py), reimplemented so bench runs without it:
token multisets, one token per CJK character, lower-cased words otherwise."""
from __future__ import annotations

import re
from collections import Counter

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
    return re.sub(r"\s+", "", text or "")


def snippet_score(pred: str | None, must_have, must_not) -> tuple[int, int]:
    s = squash(pred)
    ok = sum(squash(w) in s for w in must_have) + sum(squash(w) not in s for w in must_not)
    return ok, len(must_have) + len(must_not)


DATE = re.compile(r"(\d{4})(?:\D{1,3}(\d{1,2})(?:\D{1,3}(\d{1,2}))?)?")


def norm_text(value: str | None) -> str:
    """Casefolded, whitespace collapsed and stripped; None is ""."""
    return " ".join((value or "").split()).casefold()


def norm_date(value: str | None) -> str:
    """The first date in `value` as YYYY-MM-DD, or as YYYY-MM / YYYY when that is all it gives; "" when none."""
    match = DATE.search(value or "")
    if not match:
        return ""
    return "-".join(part.zfill(2) for part in match.groups() if part)


def meta_match(field: str, pred: str | None, gold: str) -> bool:
    """Gold "" (the page shows none) matches an empty prediction; a partial gold date matches any date it starts."""
    if field == "date":
        gold, pred = norm_date(gold), norm_date(pred)
        return pred[:len(gold)] == gold if gold else not pred
    return norm_text(pred) == norm_text(gold)
