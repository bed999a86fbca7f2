"""Scrapy item pipeline: clean each item's page field and add the article body and metadata.

    # settings.py
    ITEM_PIPELINES = {"cleaner.contrib.scrapy.CleanerPipeline": 300}
    CLEANER_FIELD = "html"               # the field holding the page; a list is tried in order
                                         # (default: ["html", "text"])
    CLEANER_URL_FIELD = "url"            # the page's URL, if the item has one
    CLEANER_RULES = ["myproject.rules:promo_codes"]   # extra rules, as import paths
    CLEANER_DISABLE = ["navigation"]     # built-in rules to skip
    CLEANER_BODY_FIELD = "body"          # where the body goes
    CLEANER_METADATA_FIELD = "metadata"  # where the metadata goes (a dict); None to leave out
    CLEANER_REMOVED_FIELD = None         # set a name to keep the audit trail (a list of dicts)
    CLEANER_KEEP_SOURCE = True           # False drops the page field once cleaned

An item with nothing left after cleaning, or with no page field at all, is dropped with `DropItem` and a
reason that names the field and what removed it. `scrapy.Item` classes must declare the fields the
pipeline adds; dicts, dataclasses and attrs items take them as they are. Cleaning runs in the crawler's
thread: the cleaner takes milliseconds per page, so keep CONCURRENT_REQUESTS in line with that, or feed
a `cleaner batch` from a feed export for large crawls.
"""
from __future__ import annotations

from collections import Counter

from itemadapter import ItemAdapter
from scrapy.exceptions import DropItem, NotConfigured

from ..engine import Cleaner
from ..errors import CleanerError
from . import load_rules


class CleanerPipeline:
    def __init__(self, cleaner: Cleaner, fields=("html", "text"), url_field: str | None = "url", body_field="body",
                 metadata_field: str | None = "metadata", removed_field: str | None = None, keep_source: bool = True):
        self.cleaner = cleaner
        self.fields = (fields,) if isinstance(fields, str) else tuple(fields)
        self.url_field = url_field
        self.body_field = body_field
        self.metadata_field = metadata_field
        self.removed_field = removed_field
        self.keep_source = keep_source
        self.stats = None

    @classmethod
    def from_crawler(cls, crawler):
        s = crawler.settings
        try:
            cleaner = Cleaner(disable=s.getlist("CLEANER_DISABLE"), extra_rules=load_rules(s.getlist("CLEANER_RULES")))
        except (CleanerError, ValueError, TypeError, ImportError, AttributeError) as error:
            raise NotConfigured(f"CleanerPipeline: {error}") from error
        field = s.getlist("CLEANER_FIELD") or ("html", "text")  # a list, or a name, or "html,text"
        pipeline = cls(
            cleaner, fields=field, url_field=s.get("CLEANER_URL_FIELD", "url"),
            body_field=s.get("CLEANER_BODY_FIELD", "body"), metadata_field=s.get("CLEANER_METADATA_FIELD", "metadata"),
            removed_field=s.get("CLEANER_REMOVED_FIELD"), keep_source=s.getbool("CLEANER_KEEP_SOURCE", True),
        )
        pipeline.stats = crawler.stats
        return pipeline

    def process_item(self, item, spider=None):
        adapter = ItemAdapter(item)
        field = next((f for f in self.fields if isinstance(adapter.get(f), (str, bytes)) and adapter.get(f)), None)
        if field is None:
            self._count("no_field")
            raise DropItem(f"cleaner: the item has no page in {' or '.join(repr(f) for f in self.fields)}")
        url = adapter.get(self.url_field) if self.url_field else None
        page = adapter[field]
        try:
            if field == "html" or field.endswith("_html"):
                doc = self.cleaner.clean_html(page, url=url if isinstance(url, str) else None)
            else:
                doc = self.cleaner.clean(page, url=url if isinstance(url, str) else None)
        except CleanerError as error:
            self._count("failed")
            raise DropItem(f"cleaner: field {field!r} could not be cleaned: {error}") from error
        if not doc.body:
            self._count("empty")
            by_rule = ", ".join(f"{r} {n}" for r, n in Counter(r.rule for r in doc.removed).most_common()) or "nothing"
            raise DropItem(f"cleaner: nothing left of field {field!r} after cleaning (removed by rule: {by_rule})")
        adapter[self.body_field] = doc.body
        data = doc.to_dict()
        if self.metadata_field:
            adapter[self.metadata_field] = data["metadata"]
        if self.removed_field:
            adapter[self.removed_field] = data["removed"]
        if not self.keep_source:
            del adapter[field]
        self._count("cleaned")
        return item

    def _count(self, what: str) -> None:
        if self.stats is not None:
            self.stats.inc_value(f"cleaner/{what}")
