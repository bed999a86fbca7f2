from ..document import Contact
from ..patterns import URL, find_contacts
from . import remove, rule

SOURCE_KEY = ("出处", "原文", "本文链接", "本文地址", "永久链接", "转载", "source", "originally", "permalink")


@rule("notice", kind="notice")
def notice(page):
    """Copyright, disclaimer and reprint notices.

    Signals: phrases of the `notice` family (版权所有, 本站仅提供信息存储空间服务, 如若转载请注明出处,
    © 2024, All rights reserved, originally appeared on). A URL next to a reprint phrase becomes
    `source_url`; emails and other contacts in the notice go to `contacts`.
    False positives: one mention in a long block (an article sentence about 版权) is kept; the
    block must be short, be mostly notice phrases, or hold two different notice phrases.
    Example: "如若转载,请注明出处:https://example.com/1.html" -> removed, source_url set.
    """
    for block in page.free():
        spans = page.hits[block.index].get("notice")
        if not spans:
            continue
        distinct = list(dict.fromkeys(block.text[s:e].lower() for s, e in spans))
        if block.tokens > 40 and len(distinct) < 2 and page.coverage(block.index, "notice") < 0.15:
            continue
        meta = {"contacts": tuple(Contact(k, v) for k, v in find_contacts(block.text) if k != "url")}
        url = URL.search(block.text)
        if url and any(key in block.text.lower() for key in SOURCE_KEY):
            meta["source_url"] = url.group()
        yield remove(block.index, f"notice phrase(s) {', '.join(map(repr, distinct[:3]))}", **meta)
