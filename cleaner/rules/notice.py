import regex

from ..document import Contact
from ..hanzi import with_traditional
from ..patterns import URL, find_contacts
from . import remove, remove_span, rule

SENTENCE = regex.compile(r"[^。！？!?.]+(?:[。！？!?.]+|$)")
WHOLE_BLOCK_TOKENS = 150  # longer blocks lose only the sentences that hold the notice

SOURCE_KEY = with_traditional(("出处", "原文", "本文链接", "本文地址", "永久链接", "转载", "source", "originally", "permalink"))


@rule("notice", kind="notice")
def notice(page):
    """Copyright, disclaimer and reprint notices.

    Signals: phrases of the `notice` family (版权所有, 本站仅提供信息存储空间服务, 如若转载请注明出处,
    © 2024, All rights reserved, originally appeared on). A URL next to a reprint phrase becomes
    `source_url`; emails and other contacts in the notice go to `contacts`.
    False positives: one mention in a long block (an article sentence about 版权) is kept; the
    block must be short, be mostly notice phrases, or hold two different notice phrases. A block
    over 150 tokens (an old page's whole article on one line) loses only the sentences that hold
    the notice.
    Example: "如若转载,请注明出处:https://example.com/1.html" -> removed, source_url set.
    """
    for index in page.with_hits("notice"):
        if index in page.claimed:
            continue
        block, spans = page.blocks[index], page.hits[index]["notice"]
        distinct = list(dict.fromkeys(block.text[s:e].lower() for s, e in spans))
        if block.tokens > 40 and len(distinct) < 2 and page.coverage(block.index, "notice") < 0.15:
            continue
        meta = {"contacts": tuple(Contact(k, v) for k, v in find_contacts(block.text) if k != "url")}
        url = URL.search(block.text)
        if url and any(key in block.text.lower() for key in SOURCE_KEY):
            meta["source_url"] = url.group()
        why = f"notice phrase(s) {', '.join(map(repr, distinct[:3]))}"
        if block.tokens <= WHOLE_BLOCK_TOKENS:
            yield remove(block.index, why, **meta)
            continue
        for n, (start, end) in enumerate(_sentences_with(block.text, spans)):
            yield remove_span(block.index, start, end, why, **(meta if n == 0 else {}))


def _sentences_with(text: str, spans) -> list[tuple[int, int]]:
    """The sentences of `text` that overlap any of `spans`, in order."""
    return [
        (m.start(), m.end())
        for m in SENTENCE.finditer(text, timeout=1.0)
        if any(s < m.end() and e > m.start() for s, e in spans)
    ]
