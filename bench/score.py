"""The scorer the issues' figures use (cleaner.scoring, shared with the tests), and metadata matching."""
from __future__ import annotations

import re

from cleaner.scoring import prf, snippet_score, squash, tokens

__all__ = ["meta_match", "norm_date", "norm_text", "prf", "snippet_score", "squash", "tokens"]

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
