"""HTML reports: every removal marked and labelled, metadata beside it, and no page content can run."""
from __future__ import annotations

from pathlib import Path

import lxml.html
from test_batch import article, batch

import cleaner
from cleaner.cli import main
from cleaner.report import render_document

HOSTILE = """\
Harbour bridge repairs <script>document.body.setAttribute('data-pwned','script')</script>
Home | News | Sport | Weather
The city council said on Monday that repairs to bridge number 3 would begin next spring, after engineers found \
cracks in two of its supports <img src=x onerror="document.body.setAttribute('data-pwned','img')">.
Work on the bridge is expected to take eight months, and traffic will be moved to a temporary crossing on the \
north side of the harbour.
Residents who live near the bridge have asked the council to limit night work, and officials said noisy work \
would stop at ten in the evening.
Read more: <a href="javascript:document.body.setAttribute('data-pwned','link')">click here</a>
Share this article: Facebook Twitter Email <iframe src="javascript:alert(1)"></iframe>
如若转载，请注明出处：javascript:alert(document.cookie)//https://www.example.com/1.html
Copyright 2024 Harbour Times. All rights reserved. "><svg onload=alert(1)><style>*{display:none}</style>
"""

HOSTILE_HTML = """<!doctype html><html><head><meta charset="utf-8"><title>Bridge &lt;script&gt;alert(1)&lt;/script&gt;</title>
<link rel="canonical" href="javascript:alert(1)"><meta property="og:site_name" content="&quot;><script>alert(1)</script>">
</head><body><nav><a href="javascript:alert(1)">Home</a> <a href="/news">News</a></nav>
<article><h1>Harbour bridge repairs &lt;img src=x onerror=alert(1)&gt;</h1>
<p>The city council said on Monday that repairs to bridge number 3 would begin next spring, after engineers found cracks
in two of its supports.</p><script>document.body.setAttribute('data-pwned','script')</script>
<p>Work on the bridge is expected to take eight months, and traffic will be moved to a temporary crossing on the north
side of the harbour.</p>
<p>Residents who live near the bridge have asked the council to limit night work, and officials said noisy work would
stop at ten in the evening.</p></article>
<div class="related"><h3>Related articles</h3><ul>
<li><a href="javascript:document.body.setAttribute('data-pwned','rel')">Bridge closed &lt;b&gt;again&lt;/b&gt;</a></li>
<li><a href="https://example.com/2">Ferry times change</a></li>
<li><a href="data:text/html,<script>alert(1)</script>">Data link</a></li></ul></div>
<footer>Copyright 2024 Harbour Times. All rights reserved.</footer></body></html>
"""


def assert_inert(page: str) -> lxml.html.HtmlElement:
    """No element, attribute or URL in the page can run code; returns the parsed page."""
    tree = lxml.html.fromstring(page)
    assert not tree.xpath("//script | //iframe | //object | //embed | //svg | //img | //form | //base")
    assert len(tree.xpath("//style")) == 1  # ours
    for element in tree.iter():
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), (element.tag, name)
            if name in ("href", "src", "action"):
                assert value.startswith(("#", "http://", "https://")) or not value.split("/")[0].count(":"), value
    [csp] = tree.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")
    assert "default-src 'none'" in csp and "script-src" not in csp
    return tree


def test_document_view_marks_every_removal_and_escapes_the_page():
    doc = cleaner.clean(HOSTILE, url="https://www.example.com/1.html")
    page = render_document(doc, "<b>evil</b>.txt")
    tree = assert_inert(page)
    marks = tree.xpath("//pre[@id='source']//mark")
    assert len(marks) == len(doc.removed) >= 3
    for mark, removal in zip(marks, sorted(doc.removed, key=lambda r: r.start)):
        assert mark.get("title") == f"{removal.rule}: {removal.reason}"
        assert f"k-{removal.kind}" in mark.get("class")
        assert mark.text_content().endswith(removal.text)
    labels = tree.xpath("//mark/span[@class='label']")
    assert labels and {label.text.strip() for label in labels} == {r.rule for r in doc.removed}
    # the input reads back whole once the labels are taken out
    for label in labels:
        label.drop_tree()
    assert tree.xpath("//pre[@id='source']")[0].text_content() == HOSTILE
    assert tree.xpath("//title")[0].text == "cleaner explain: <b>evil</b>.txt"
    metadata = {row.xpath("th")[0].text: row.xpath("td")[0] for row in tree.xpath("//table[@class='meta']//tr")}
    assert metadata["site"].text == "example.com"


def test_an_html_page_with_scripts_and_javascript_links_is_shown_inert():
    doc = cleaner.Cleaner().clean_html(HOSTILE_HTML)
    tree = assert_inert(render_document(doc, "hostile.html"))
    assert tree.xpath("//mark") and "alert(1)" in tree.text_content()
    assert tree.xpath("//a[@href='https://example.com/2']")


def test_only_http_links_are_links():
    doc = cleaner.clean(HOSTILE, url="javascript:alert(1)")
    tree = assert_inert(render_document(doc, "x"))
    assert all(a.get("href").startswith(("#", "https://", "http://")) for a in tree.xpath("//a"))


def test_explain_html_writes_the_view(tmp_path, capsys):
    page = tmp_path / "page.txt"
    page.write_text(HOSTILE, encoding="utf-8")
    assert main(["explain", str(page), "--html", str(tmp_path / "view.html")]) == 0
    assert "why:" in capsys.readouterr().out  # the text listing is still printed
    tree = assert_inert((tmp_path / "view.html").read_text(encoding="utf-8"))
    assert tree.xpath("//mark")


def test_batch_report_has_totals_by_rule_and_site_and_views_of_the_worst_pages(tmp_path):
    src = tmp_path / "in"
    (src / "site").mkdir(parents=True)
    for n in range(4):
        (src / f"site/{n}.txt").write_text(article(n), encoding="utf-8")
    (src / "<img src=x onerror=alert(1)>.txt").write_text(HOSTILE, encoding="utf-8")
    (src / "flagged.txt").write_bytes(bytes(range(32)) * 100 + article(9).encode())
    (src / "cut.txt").write_text(article(8) + "The council will publish the full plan for the works in…\n", encoding="utf-8")
    report_path = tmp_path / "reports/batch.html"
    report_path.parent.mkdir()
    report = batch(src, tmp_path / "out", report=report_path, report_top=3)
    tree = assert_inert(report_path.read_text(encoding="utf-8"))
    text = tree.text_content()
    for rule in report.rules:
        assert rule in text
    assert "folder:site" in text and "example.com" in text
    links = tree.xpath("//aside//a/@href")
    assert links and len(set(links)) <= 9  # a page on two boards has one view
    for href in set(links):
        view = report_path.parent / href
        assert view.exists()
        view_tree = assert_inert(view.read_text(encoding="utf-8"))
        assert view_tree.xpath("//a[text()='back to the batch report']/@href") == ["../batch.html"]
    names = tree.xpath("//aside//a/text()")
    assert "<img src=x onerror=alert(1)>.txt" in names
    assert report.worst["flagged"] and report.worst["flagged"][0][2] == "flagged.txt"


def test_report_is_written_beside_a_relative_path(tmp_path, monkeypatch):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(article(1), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["batch", "in", "out", "--workers", "1", "-q", "--report", "r.html"]) == 0
    assert Path(tmp_path / "r.html").exists() and (tmp_path / "r_files/001.html").exists()
