from ..blocks import cjk_count
from . import note, rule

FIELDS = {"title": "title", "author": "author", "published": "published", "modified": "modified", "canonical": "canonical_url",
          "site_name": "site_name", "description": "description", "image": "image", "keywords": "keywords", "pages": "pages",
          "unavailable": "unavailable", "flags": "flags", "prev": "prev", "next": "next"}


def _language(page, declared: str) -> str | None:
    """The page's <html lang>, unless its text says otherwise (templates often leave lang="en" on Chinese pages)."""
    sample = "".join(b.text for b in page.blocks[:400])[:20_000]
    cjk = cjk_count(sample)
    share = cjk / max(1, len(sample.replace(" ", "")))
    if declared in ("zh", "ja", "ko"):
        return declared if share > 0.05 else None
    return declared if share < 0.2 else None


@rule("page_meta", kind="metadata")
def page_meta(page):
    """What an HTML page declares of itself (JSON-LD, <meta>, <time>, <link rel>, the text by its <h1>):
    title, author, dates, canonical URL, site name, description, image, keywords, language, the other
    pages of a multi-page article, and whether it is an error, paywall or login page. Removes nothing;
    yields nothing for text pages.

    False positives: <html lang> is checked against the text's script; dates and authors found in the
    text are only read near the title.
    Example: <meta property="article:published_time" content="2024-06-27T09:30:00+08:00"> -> published.
    """
    declared = page.declared
    if page.mode != "html" or not declared:
        return
    meta = {field: declared[key] for key, field in FIELDS.items() if declared.get(key)}
    if declared.get("language"):
        language = _language(page, declared["language"])
        if language:
            meta["language"] = language
    if meta:
        yield note(**meta)
