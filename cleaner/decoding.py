"""Bytes of unknown encoding to text: BOM, then a declared charset, then UTF-8, then detection."""
from __future__ import annotations

import codecs

import charset_normalizer
import regex

from .errors import InputError

BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
DECLARED = regex.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([\w.:-]{2,40})""", regex.IGNORECASE)
# Pages that say GB2312 or GBK use characters only GB18030 has; Big5 pages often need the HKSCS extension.
WIDER = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "big5": "big5hkscs", "iso-8859-1": "cp1252",
         "latin-1": "cp1252", "ascii": "cp1252", "us-ascii": "cp1252"}


def _codec(name: str) -> str | None:
    name = WIDER.get(name.lower(), name.lower())
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding used). Never fails on undecodable bytes: the last resort replaces them."""
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise InputError(f"expected bytes, got {type(data).__name__}")
    data = bytes(data)
    for bom, name in BOMS:
        if data.startswith(bom):
            return data.decode(name, errors="replace"), name
    declared = DECLARED.search(data[:4096])
    if declared:
        name = _codec(declared.group(1).decode("ascii", "ignore"))
        if name:
            try:
                return data.decode(name), name
            except UnicodeDecodeError:
                pass
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(data[:200_000]).best()
    name = _codec(best.encoding) if best else None
    name = name or "gb18030"
    return data.decode(name, errors="replace"), name


HIGH_RUN = regex.compile(r"[\x80-\xff]+")
NON_ASCII = regex.compile(r"[^\x00-\x7f]")
HAN = regex.compile(r"\p{Han}")


def repair_mojibake(text: str) -> tuple[str, str | None]:
    """Undo text that was decoded as Latin-1 when its bytes were UTF-8, GBK or Big5.

    Evidence: nearly all non-ASCII characters are in U+0080-U+00FF and they come in long runs (a CJK
    text's bytes), not one at a time (an accented Western word). The repair must then decode cleanly
    and read as CJK. Returns (text, what was done) and leaves legitimate Latin-1 text alone.
    """
    runs = HIGH_RUN.findall(text[:200_000])
    high = sum(map(len, runs))
    if high < 40 or high < 0.9 * len(NON_ASCII.findall(text[:200_000])) or high / len(runs) < 4:
        return text, None
    try:
        raw = text.encode("latin-1")
    except UnicodeEncodeError:
        return text, None
    for codec in ("utf-8", "gb18030", "big5hkscs"):
        fixed = raw.decode(codec, errors="replace")
        han = len(HAN.findall(fixed))
        # A scraper may have cut a few byte pairs in half; more broken bytes than that means a wrong guess.
        if han >= 0.5 * len(NON_ASCII.findall(fixed)) and fixed.count("\ufffd") <= 0.01 * han:
            return fixed, f"repaired mojibake: Latin-1 text re-read as {codec}"
    return text, None
