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
