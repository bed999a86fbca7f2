"""The Scrapy pipeline in a real crawl: a Scrapy crawler (in its own process) fetches pages served on
localhost, and `CleanerPipeline` cleans them, adds body and metadata, and drops the empty one."""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from test_batch import html_article

from cleaner import remove, rule

pytest.importorskip("scrapy", reason="Scrapy not installed: pip install 'cleaner[scrapy]' (.ci/run does)")

ROOT = Path(__file__).resolve().parents[1]
MENU_ONLY = ("<html><head><title>Menu</title></head><body><nav><ul><li><a href='/'>Home</a></li>"
             "<li><a href='/news'>News</a></li></ul></nav>"
             "<footer>Copyright 2024 Harbour Times. All rights reserved.</footer></body></html>")
PROMO = html_article(4).replace("</article>", "<p>Use promo code HARBOUR24 for ten percent off your subscription</p></article>")
PAGES = {
    "/a1.html": html_article(1), "/a2.html": html_article(2), "/a3.html": html_article(3), "/menu.html": MENU_ONLY,
    "/promo.html": PROMO,
}
INDEX = "<html><body>" + "".join(f"<a href='{p}'>{p}</a>" for p in PAGES) + "</body></html>"


@rule("promo_codes", kind="ad")
def promo_codes(page):
    """Test rule, loaded by the crawler from CLEANER_RULES: lines handing out promo codes."""
    for block in page.free():
        if "promo code" in block.text.lower():
            yield remove(block.index, "a promo code line")


class Pages(BaseHTTPRequestHandler):
    def do_GET(self):
        body = INDEX if self.path == "/" else PAGES.get(self.path)
        self.send_response(200 if body else 404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.end_headers()
        self.wfile.write((body or "not found").encode("utf-8"))

    def log_message(self, *args):
        pass


CRAWL = """
import json, sys
import scrapy
from scrapy import signals
from scrapy.crawler import CrawlerProcess

class Site(scrapy.Spider):
    name = "site"
    start_urls = [sys.argv[1]]

    def parse(self, response):
        if response.url.endswith("/"):
            yield from response.follow_all(css="a", callback=self.parse)
        else:
            yield {"url": response.url, "html": response.text}

dropped = []
process = CrawlerProcess(settings={
    "ITEM_PIPELINES": {"cleaner.contrib.scrapy.CleanerPipeline": 300},
    "CLEANER_FIELD": "html",
    "CLEANER_RULES": ["test_contrib_scrapy:promo_codes"],
    "CLEANER_KEEP_SOURCE": False,
    "FEEDS": {sys.argv[2]: {"format": "json"}},
    "ROBOTSTXT_OBEY": False, "LOG_LEVEL": "WARNING", "TELNETCONSOLE_ENABLED": False,
})
crawler = process.create_crawler(Site)
def on_dropped(item, response, exception, spider):
    dropped.append({"url": item["url"], "reason": str(exception)})

crawler.signals.connect(on_dropped, signal=signals.item_dropped)
process.crawl(crawler)
process.start()
stats = {k: v for k, v in crawler.stats.get_stats().items() if k.startswith(("cleaner/", "item_"))}
json.dump({"dropped": dropped, "stats": stats}, open(sys.argv[3], "w"))
"""


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Pages)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


def test_a_real_crawl_cleans_items_and_drops_the_empty_one(tmp_path, server):
    script = tmp_path / "crawl.py"
    script.write_text(textwrap.dedent(CRAWL), encoding="utf-8")
    items_path, report_path = tmp_path / "items.json", tmp_path / "report.json"
    env = {"PYTHONPATH": f"{ROOT}:{ROOT / 'tests'}", "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, str(script), server, str(items_path), str(report_path)], env=env,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    items = {item["url"].rsplit("/", 1)[1]: item for item in json.loads(items_path.read_text(encoding="utf-8"))}
    assert sorted(items) == ["a1.html", "a2.html", "a3.html", "promo.html"]
    for item in items.values():
        assert "repairs to bridge number" in item["body"]
        assert "Copyright" not in item["body"] and "html" not in item  # CLEANER_KEEP_SOURCE = False
        assert item["metadata"]["title"].startswith("Bridge") and item["metadata"]["language"] == "en"
    assert "promo code" not in items["promo.html"]["body"]  # the rule from CLEANER_RULES ran
    report = json.loads(report_path.read_text(encoding="utf-8"))
    [dropped] = report["dropped"]
    assert dropped["url"].endswith("/menu.html")
    assert dropped["reason"].startswith("cleaner: nothing left of field 'html' after cleaning (removed by rule:")
    assert report["stats"]["cleaner/cleaned"] == 4 and report["stats"]["cleaner/empty"] == 1
    assert report["stats"]["item_dropped_count"] == 1


def test_pipeline_on_its_own_takes_settings_and_drops_with_reasons():
    from scrapy.exceptions import DropItem, NotConfigured
    from scrapy.utils.test import get_crawler

    from cleaner.contrib.scrapy import CleanerPipeline

    crawler = get_crawler(settings_dict={"CLEANER_FIELD": ["text", "html"], "CLEANER_DISABLE": ["navigation"],
                                         "CLEANER_REMOVED_FIELD": "removed", "CLEANER_METADATA_FIELD": "meta"})
    pipeline = CleanerPipeline.from_crawler(crawler)
    item = pipeline.process_item({"html": html_article(5), "url": "https://www.example.com/5.html"})
    assert "bridge number 5" in item["body"] and item["meta"]["site"] == "example.com"
    assert item["removed"] and "html" in item
    with pytest.raises(DropItem, match="has no page in 'text' or 'html'"):
        pipeline.process_item({"title": "nothing"})
    with pytest.raises(NotConfigured, match="unknown rule"):
        CleanerPipeline.from_crawler(get_crawler(settings_dict={"CLEANER_DISABLE": ["nope"]}))
    with pytest.raises(NotConfigured, match="package.module:name"):
        CleanerPipeline.from_crawler(get_crawler(settings_dict={"CLEANER_RULES": ["nope"]}))
