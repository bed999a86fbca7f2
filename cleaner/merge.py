"""Joining the pages of one multi-page article (see `Metadata.pages`) into one `Document`."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from .document import Document, Removal
from .errors import InputError

LEAD_LOOKAHEAD = 5  # how far into a later page its repeat of the lead may reach


def merge_pages(documents: Sequence[Document]) -> Document:
    """The pages of one article, in the order given, as one Document.

    A later page often repeats the article's lead (a summary, the first paragraph, a byline the rules
    kept): paragraphs at the start of a page that already appear at the start of an earlier page are
    dropped, and recorded as removals of rule `merge_pages`. Sources are joined with a newline and every
    removal's offsets shifted into the joined source, so the audit trail still points at the text.
    Metadata is the first page's, with list fields (related links, contacts, pages, flags) accumulated
    and `truncated` taken from the last page.

    >>> from cleaner import Cleaner
    >>> c = Cleaner()
    >>> one = c.clean_text("Lead paragraph that both pages repeat.\\nFirst page text, long enough to stay.")
    >>> two = c.clean_text("Lead paragraph that both pages repeat.\\nSecond page text, long enough to stay.")
    >>> merge_pages([one, two]).paragraphs
    ['Lead paragraph that both pages repeat.', 'First page text, long enough to stay.', 'Second page text, long enough to stay.']
    """
    documents = list(documents)
    if not documents:
        raise InputError("merge_pages needs at least one document")
    if len(documents) == 1:
        return documents[0]
    first = documents[0]
    paragraphs = list(first.paragraphs)
    leads = [_key(p) for p in first.paragraphs[:LEAD_LOOKAHEAD]]
    removals = list(first.removed)
    meta = first.metadata
    sources = [first.source]
    offset = len(first.source) + 1
    for number, doc in enumerate(documents[1:], start=2):
        page = doc.paragraphs
        skip = 0
        while skip < min(len(page), LEAD_LOOKAHEAD) and _key(page[skip]) in leads:
            skip += 1
        if skip == len(page):  # a page that only repeats the lead is kept whole: nothing to tell apart
            skip = 0
        for paragraph in page[:skip]:
            start = doc.source.find(paragraph)
            start = max(start, 0)
            removals.append(
                Removal(offset + start, offset + start + len(paragraph), "merge_pages", "duplicate",
                        f"page {number} repeats the article's lead", paragraph)
            )
        paragraphs += page[skip:]
        leads += [_key(p) for p in page[skip : skip + LEAD_LOOKAHEAD]]
        removals += [replace(r, start=r.start + offset, end=r.end + offset) for r in doc.removed]
        meta = meta.merged({
            "related": doc.metadata.related, "contacts": doc.metadata.contacts, "pages": doc.metadata.pages,
            "flags": doc.metadata.flags, "keywords": doc.metadata.keywords,
        })
        sources.append(doc.source)
        offset += len(doc.source) + 1
    last = documents[-1].metadata
    meta = replace(meta, truncated=last.truncated, truncated_reason=last.truncated_reason)
    removals.sort(key=lambda r: r.start)
    return Document(body="\n".join(paragraphs), metadata=meta, removed=tuple(removals), mode=first.mode, source="\n".join(sources))


def _key(paragraph: str) -> str:
    return "".join(paragraph.split()).lower()
