"""The reports in a real headless browser (Debian's chromium, which .ci/run installs): the marks and labels
render in their kind's color, and the hostile page's scripts, handlers and javascript: links never run."""
from __future__ import annotations

import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import lxml.html
import pytest
from test_batch import article, batch
from test_report import HOSTILE, HOSTILE_HTML

import cleaner
from cleaner.report import kind_color, render_document

BROWSER = next((shutil.which(name) for name in ("chromium", "chromium-browser", "google-chrome") if shutil.which(name)),
               None)
pytestmark = pytest.mark.skipif(BROWSER is None, reason="no headless chromium: apt-get install chromium (.ci/run does)")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run", "--mute-audio",
         "--disable-extensions", "--virtual-time-budget=3000"]


def browse(page: Path, *extra: str) -> subprocess.CompletedProcess:
    profile = page.parent / "profile"
    return subprocess.run([BROWSER, *FLAGS, f"--user-data-dir={profile}", *extra, page.as_uri()],
                          capture_output=True, timeout=120, check=True)


def rendered_dom(page: Path) -> lxml.html.HtmlElement:
    """The DOM after the page loaded and its timers ran: any script that ran would have marked <body>."""
    return lxml.html.fromstring(browse(page, "--dump-dom").stdout)


def pixels(png: bytes) -> set[tuple[int, int, int]]:
    """The distinct colors of an 8-bit RGB or RGBA PNG (what chromium's screenshots are)."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width = 8, b"", 0
    while pos < len(png):
        length, kind = struct.unpack(">I4s", png[pos:pos + 8])
        data = png[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, color = struct.unpack(">IIBB", data[:10])
            assert depth == 8 and color in (2, 6), (depth, color)
            channels = 3 if color == 2 else 4
        elif kind == b"IDAT":
            idat += data
        pos += 12 + length
    raw, stride, rows, previous = zlib.decompress(idat), width * channels, [], bytearray(width * channels)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up, corner = previous[i], previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 255
            elif kind == 2:
                line[i] = (line[i] + up) & 255
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 255
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                line[i] = (line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 255
        rows.append(bytes(line))
        previous = line
    return {tuple(row[x:x + 3]) for row in rows for x in range(0, stride, channels)}


def rgb(color: str) -> tuple[int, int, int]:
    return tuple(int(color[i:i + 2], 16) for i in (1, 3, 5))


def test_document_view_renders_marks_and_labels_and_runs_nothing(tmp_path):
    doc = cleaner.clean(HOSTILE, url="https://www.example.com/1.html")
    page = tmp_path / "view.html"
    page.write_text(render_document(doc, "hostile.txt"), encoding="utf-8")
    dom = rendered_dom(page)
    assert dom.xpath("//body/@data-pwned") == []
    marks = dom.xpath("//pre[@id='source']//mark")
    assert len(marks) == len(doc.removed)
    assert {label.text.strip() for label in dom.xpath("//mark/span[@class='label']")} == {r.rule for r in doc.removed}
    assert "<script>document.body.setAttribute" in dom.xpath("//pre[@id='source']")[0].text_content()
    shot = tmp_path / "view.png"
    browse(page, "--window-size=1280,1000", f"--screenshot={shot}")
    colors = pixels(shot.read_bytes())
    for kind in {r.kind for r in doc.removed}:
        assert rgb(kind_color(kind)) in colors, f"no {kind} mark visible in the screenshot"


def test_an_html_page_view_runs_nothing(tmp_path):
    page = tmp_path / "view.html"
    page.write_text(render_document(cleaner.Cleaner().clean_html(HOSTILE_HTML), "hostile.html"), encoding="utf-8")
    dom = rendered_dom(page)
    assert dom.xpath("//body/@data-pwned") == [] and dom.xpath("//mark")
    assert not [href for href in dom.xpath("//a/@href") if not href.startswith(("#", "https://"))]


def test_batch_report_and_its_views_render(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for n in range(3):
        (src / f"{n}.txt").write_text(article(n), encoding="utf-8")
    (src / "<img src=x onerror=document.body.setAttribute('data-pwned',1)>.txt").write_text(HOSTILE, encoding="utf-8")
    report_path = tmp_path / "report.html"
    batch(src, tmp_path / "out", report=report_path)
    dom = rendered_dom(report_path)
    assert dom.xpath("//body/@data-pwned") == []
    assert dom.xpath("//h2[text()='By rule']") and dom.xpath("//h2[text()='By site']")
    views = sorted(set(dom.xpath("//aside//a/@href")))
    assert views
    for href in views:
        view = rendered_dom(tmp_path / href)
        assert view.xpath("//body/@data-pwned") == [] and view.xpath("//mark")
    shot = tmp_path / "report.png"
    browse(report_path, "--window-size=1280,900", f"--screenshot={shot}")
    assert rgb("#6d9eeb") in pixels(shot.read_bytes())  # the per-rule bars drew
