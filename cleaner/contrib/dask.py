"""Clean pages across a Dask cluster: a `dask.bag` of pages, or a dataframe column of them.

    import dask.bag as db
    from cleaner.contrib.dask import clean_bag, clean_frame

    docs = clean_bag(db.read_text("pages/*.txt", linedelimiter="\\0"))   # or any bag of str/bytes/dicts
    frame = clean_frame(ddf, "html", url_column="url")                    # adds body, title, ... columns

Each partition builds one `Cleaner` (from the options given here, which travel to the workers as plain
data) and cleans its pages in order, so the result equals a serial `Cleaner(...).clean()` over the same
pages whatever the cluster. Extra rules are given as `Rule` objects defined at module level in a module
the workers can import, or as import paths ("package.module:name").
"""
from __future__ import annotations

from collections.abc import Iterable

from ..document import Document
from ..engine import Cleaner
from . import load_rules

FRAME_COLUMNS = {"body": object, "title": object, "author": object, "published": object, "site": object,
                 "language": object, "truncated": bool, "flags": object, "removed": "int64"}


def _cleaner(disable: tuple[str, ...], rules: tuple) -> Cleaner:
    return Cleaner(disable=disable, extra_rules=load_rules(rules))


def _clean_one(cleaner: Cleaner, page, url=None, html: bool | None = None) -> Document:
    if html:
        return cleaner.clean_html(page, url=url)
    return cleaner.clean(page, url=url)


def clean_pages(pages: Iterable, *, field: str | None = None, url_field: str = "url", disable: Iterable[str] = (),
                rules: Iterable = ()) -> list[dict]:
    """Clean a partition of pages (str or bytes, or dicts holding the page in `field`); what `clean_bag`
    runs on each partition, and a serial reference for it.

    A page gives `Document.to_dict()`; a dict gives itself plus "body", "metadata" and "removed".
    """
    cleaner = _cleaner(tuple(disable), tuple(rules))
    out = []
    for page in pages:
        if isinstance(page, dict):
            key = field or next((k for k in ("html", "text") if isinstance(page.get(k), (str, bytes))), None)
            if key is None:
                raise KeyError(f"a page dict without {field or 'an html or text'} field: {sorted(page)[:10]}")
            url = page.get(url_field) if isinstance(page.get(url_field), str) else None
            doc = _clean_one(cleaner, page[key], url, html=key == "html")
            data = doc.to_dict()
            out.append({**page, "body": data["body"], "metadata": data["metadata"], "removed": data["removed"]})
        else:
            out.append(_clean_one(cleaner, page).to_dict())
    return out


def clean_bag(bag, *, field: str | None = None, url_field: str = "url", disable: Iterable[str] = (), rules: Iterable = ()):
    """A bag of pages to a bag of cleaned dicts (see `clean_pages`), partition by partition."""
    return bag.map_partitions(clean_pages, field=field, url_field=url_field, disable=tuple(disable),
                              rules=tuple(rules))


def clean_rows(frame, column: str, url_column: str | None = None, html: bool | None = None,
               disable: Iterable[str] = (), rules: Iterable = ()):
    """A pandas frame with the FRAME_COLUMNS added from cleaning `column`: what `clean_frame` runs on
    each partition, and a serial reference for it."""
    import pandas as pd

    cleaner = _cleaner(tuple(disable), tuple(rules))
    urls = frame[url_column] if url_column else [None] * len(frame)
    rows = []
    for page, url in zip(frame[column], urls):
        if not isinstance(page, (str, bytes)):
            rows.append({"body": None, "title": None, "author": None, "published": None, "site": None, "language": None,
                         "truncated": False, "flags": ("no page in this row",), "removed": 0})
            continue
        doc = _clean_one(cleaner, page, url if isinstance(url, str) else None, html)
        m = doc.metadata
        rows.append({"body": doc.body, "title": m.title, "author": m.author, "published": m.published, "site": m.site,
                     "language": m.language, "truncated": m.truncated, "flags": m.flags, "removed": len(doc.removed)})
    added = pd.DataFrame(rows, index=frame.index, columns=list(FRAME_COLUMNS), dtype=object).astype(FRAME_COLUMNS)
    return frame.assign(**{name: added[name] for name in FRAME_COLUMNS})


def clean_frame(frame, column: str, *, url_column: str | None = None, html: bool | None = None,
                disable: Iterable[str] = (), rules: Iterable = ()):
    """A dask dataframe with body, title, author, published, site, language, truncated, flags and removed
    (the number of removed spans) added from cleaning the pages in `column`."""
    meta = frame._meta.assign(**{name: _empty(kind) for name, kind in FRAME_COLUMNS.items()})
    return frame.map_partitions(clean_rows, column, url_column, html, tuple(disable), tuple(rules), meta=meta)


def _empty(kind):
    import pandas as pd

    return pd.Series([], dtype=kind)
