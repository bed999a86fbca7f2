#!/usr/bin/env python3
"""Write the fuzzer's seed corpus: every fixture page (fixtures/texts, fixtures/html, fixtures/seed) under the
front ends that fit it, cut to the fuzzer's -max_len, plus small hand-made hostile pages.

    python fuzz/seed.py [CORPUS_DIR]          # default fuzz/corpus

Each seed's first byte picks the front end (see fuzz/harness.py).
"""
from __future__ import annotations

import gzip
import hashlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
MAX_LEN = 65_536

HOSTILE_TEXT = [
    "标题\r\n\r\n第一段正文，有标点。\r\n第二段。\r\n版权所有 © 2024\r\n",
    "Title\rFirst paragraph, with a comma.\rSecond.\rShare this: Facebook Twitter\r",
    "\u3000\u3000全角空格开头的段落，内容很长很长。\u3000\n\u00a0\u00a0nbsp line.\u00a0\n",
    "مرحبا بالعالم. هذه فقرة عربية طويلة، من اليمين إلى اليسار.\n\u202eevil\u202c\n",
    "e\u0301\u0301\u0301 combining \u0338\u20dd marks " * 20 + "\n",
    "emoji 👨‍👩‍👧‍👦 🏳️‍🌈 \U0001F600\n" * 5,
    "nul\x00byte\x01\x02\x1b[31m\x7f\x85 line\x0b\x0c\x1c\x1d\x1e\u2028\u2029 separators\n",
    "- " * 5000 + "\n",
    "a > b > c > " * 500 + "\n",
    "1. 2. 3. 4. " * 2000,
    "\n".join("x" for _ in range(2000)),
    "作者：" + "张" * 300 + " 来源：" + "：" * 300 + "\n",
    "上一篇" * 400 + "下一篇" * 400 + "\n",
    "\ufeff\u200b\u200b\n\u200b",
]
HOSTILE_HTML = [
    "<html><body>" + "<div>" * 3000 + "<p>deep text, with a comma.</p>" + "</div>" * 3000 + "</body></html>",
    "<!DOCTYPE x [<!ENTITY a 'aaaa'><!ENTITY b '&a;&a;&a;&a;'><!ENTITY c '&b;&b;&b;&b;'>]><html><body><p>&c;</p></body></html>",
    "<?xml version='1.0'?><!DOCTYPE html [<!ENTITY x SYSTEM 'file:///etc/passwd'>]><html><body><p>&x;</p></body></html>",
    "<html><body><p>unclosed <b>bold <i>italic <table><tr><td>cell<td><div>block</table>",
    "<html><head><meta charset='shift_jis'><title>t</title></head><body><p>\x82\xa0</p></body></html>",
    "<html><body><pre>line 1\r\nline 2\rline 3\n\n</pre><br><br/><br></body></html>",
    "<html><body><a href='javascript:alert(1)'>x</a><script>alert(1)</script><img src=x onerror=alert(1)></body></html>",
    "<html><body>" + "<p>para &amp; &#0; &#xD800; &#x110000; &nbsp;&ensp;&#12288;</p>" * 50 + "</body></html>",
    "<html><frameset><frame src='a'></frameset></html>",
    "<html><body><ul>" + "<li><a href='/x'>link</a></li>" * 2000 + "</ul></body></html>",
    "<div class='" + "a " * 5000 + "' id='" + "#" * 1000 + "'>text</div>",
    "<html><body>" + "<font>" * 300 + "<p>x</p>" + "<table>" * 300 + "</body></html>",
    ("<html lang='zh'><head><script type='application/ld+json'>{\"@type\": [\"NewsArticle\"], \"author\": "
    "[[{\"name\": null}]], \"datePublished\": 12}</script></head><body><h1>t</h1><p>正文。</p></body></html>"),
    ("<html><head><meta property='article:published_time' content='99999-99-99T99:99'><link rel='next' href='::::'>"
    "<base href='http://[::1'></head><body><a rel='prev' href='http://[broken'>prev</a><time datetime='x'>y</time></body></html>"),
]


def seeds() -> list[bytes]:
    out = []
    texts = sorted((FIXTURES / "texts").glob("*.txt")) + sorted((FIXTURES / "seed").glob("*.txt"))
    for path in texts:
        data = path.read_bytes()[: MAX_LEN - 1]
        out += [b"\x00" + data, b"\x01" + data]
    for path in sorted((FIXTURES / "html").glob("*.html.gz")):
        data = gzip.decompress(path.read_bytes())
        out += [b"\x00" + data[: MAX_LEN - 1], b"\x02" + data[: MAX_LEN - 1], b"\x03" + data[-(MAX_LEN - 1):]]
    for text in HOSTILE_TEXT:
        raw = text.encode("utf-8", "surrogatepass")
        out += [b"\x00" + raw, b"\x01" + raw]
    out.append(b"\x00" + HOSTILE_TEXT[0].encode("gb18030"))
    out.append(b"\x00" + HOSTILE_TEXT[1].encode("utf-16"))
    for html in HOSTILE_HTML:
        raw = html.encode("utf-8", "surrogateescape")
        out += [b"\x02" + raw, b"\x03" + raw]
    return out


def main(argv: list[str]) -> int:
    corpus = Path(argv[1]) if len(argv) > 1 else ROOT / "fuzz" / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    written = 0
    for data in seeds():
        name = hashlib.sha1(data).hexdigest()
        if not (corpus / name).exists():
            (corpus / name).write_bytes(data)
            written += 1
    print(f"{written} new seed(s) in {corpus}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
