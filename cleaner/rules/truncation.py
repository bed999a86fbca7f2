from ..shapes import is_teaser
from . import note, rule


@rule("truncation", kind="truncation")
def truncation(page):
    """Flags a body cut off mid-sentence (`truncated`, with the reason); removes nothing.

    Signals: the last block kept ends without sentence punctuation yet is long enough to be prose
    (at least 20 tokens), or ends in an ellipsis while a `more`-style link was on the page.
    False positives: short last lines (a sign-off, a heading) are not judged.
    Example: a body ending "…对问题隐患习以" -> truncated, "the last paragraph stops mid-sentence".
    """
    kept = page.free()
    if not kept:
        return
    last = kept[-1]
    if last.tokens >= 20 and not last.ends_sentence:
        yield note(truncated=True, truncated_reason=f"the last paragraph stops mid-sentence: …{last.text[-12:]!r}")
    elif is_teaser(last) and last.tokens >= 20:
        yield note(truncated=True, truncated_reason="the last paragraph ends in an ellipsis")
