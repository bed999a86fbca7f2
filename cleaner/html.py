"""The HTML front end: a page's markup to the same blocks the text front end makes, plus what the page
declares of itself (title, author, dates, canonical URL, ...).

One walk over the lxml tree makes one block per block element (a paragraph, a heading, a list item, a
table row, a line of `<pre>`, text split by `<br>`), with its tag, its path (`body/div#main.content/p[3]`),
the class and id names of it and its ancestors (`hints`), its link density and its links. Nothing is
dropped here except what a reader never sees (scripts, styles, hidden elements, form controls): deciding
what is boilerplate is the rules' job, so every removal keeps its reason and path in the audit trail.

Safety: lxml's HTML parser never resolves external entities nor touches the network; pages nested deeper
than the parser allows are flattened and parsed again; lxml failures fall back to BeautifulSoup.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import cache, lru_cache
from urllib.parse import urljoin

import regex
from lxml import etree

from .blocks import SPACE, HtmlBlock, shape
from .errors import InputError
from .html_meta import page_metadata

# Elements whose content no reader sees, or that are form controls and media: skipped with their subtree.
SKIP = frozenset(
    ["script", "style", "noscript", "template", "title", "meta", "link", "base", "svg", "math", "iframe", "frame", "object", "embed", "applet", "canvas", "select", "textarea", "button", "input", "map", "audio", "video", "source", "track", "param", "datalist", "option", "optgroup", "dialog"]
)
# Skipped elements that broken markup (`<button/>`, an unclosed `<select>`) can wrap the rest of the page in,
# and the <noscript> of sites that serve the whole page there to readers without JavaScript:
# walked like any element when they hold more than a few children, or one that does (`<noscript><div></noscript>`).
FRAGILE = frozenset(["noscript", "button", "select", "textarea", "object", "embed", "applet", "canvas", "audio", "video", "map", "dialog",
                     "datalist", "optgroup", "option", "iframe", "frame", "math", "svg"])
# Elements that start and end a block.
BLOCK = frozenset(
    ["html", "body", "address", "article", "aside", "blockquote", "center", "dd", "details", "dl", "dt", "dir", "div", "fieldset", "figcaption", "figure", "footer", "form", "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "legend", "li", "main", "menu", "nav", "noframes", "ol", "p", "pre", "section", "summary", "table", "tbody", "thead", "tfoot", "tr", "td", "th", "caption", "ul"]
)
# Tag names in lower case, one object each: lower() makes a new string per element, and every block keeps its tag.
TAG_NAMES = {name: name for name in SKIP | BLOCK | {"a", "br", "span", "b", "i", "em", "strong", "font", "img", "time", "small"}}
META_TAGS = frozenset(["meta", "link", "title", "script", "base"])  # of the skipped ones, those metadata is read from
# A link whose text names a document or an archive (`商标审查标准.pdf 10.12MB`): the post's attachment, which a link
# density (the share of navigation in a block) leaves out.
ATTACHMENT = regex.compile(r"\w\.(?:pdf|docx?|xlsx?|pptx?|odt|ods|rtf|txt|csv|zip|rar|7z|tar\.gz|epub)\b", regex.IGNORECASE)
AS_WRITTEN = ("http://", "https://", "javascript:", "mailto:", "#", "tel:")  # links that no base changes
HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
# What makes a table cell a layout cell (its own blocks) rather than a data cell (one row, one block).
CELL_BREAKERS = frozenset(["p", "div", "table", "ul", "ol", "li", "br", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "dl", "section", "article", "form"])
HIDDEN_CLASSES = frozenset(
    ["hidden", "hide", "d-none", "display-none", "sr-only", "visually-hidden", "visuallyhidden", "screen-reader-text", "screenreader-only", "element-invisible", "is-hidden", "u-hidden"]
)
# ... unless another class shows it from some screen width on (Tailwind's `hidden lg:flex`, Bootstrap's
# `d-none d-md-block`): the element is on the page a desktop reader sees.
SHOWN_ON_WIDE = regex.compile(r"\b(?:[a-z0-9]+:|d-[a-z]+-)(?:block|flex|grid|inline|inline-block|inline-flex|table|contents)\b")
HIDDEN_STYLE = regex.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", regex.IGNORECASE)
NOT_DISPLAYED = regex.compile(r"display\s*:\s*none", regex.IGNORECASE)
VISIBLE_STYLE = regex.compile(r"visibility\s*:\s*visible", regex.IGNORECASE)
CONTROL = regex.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Looked for one by one: `in` finds a character far faster than a regex class scans for one.
CONTROL_BYTES = bytes([*range(0x09), 0x0b, 0x0c, *range(0x0e, 0x20), 0x7f])
XML_DECLARATION = regex.compile(r"\s*<\?xml[^>]*>", regex.IGNORECASE)
CLASS_TOKEN = regex.compile(r"[^a-z0-9_-]+")
# Tags dropped (their text kept) when a page nests deeper than the parser allows. A "<" with no ">" after it
# ends the scan ((*SKIP)(*FAIL)): no tag can follow, and retrying at every later "<" is quadratic.
FLATTEN = regex.compile(r"</?(?:div|span|font|center|section|article|b|i|u|s|em|strong|small|big|a|table|tbody|tr|td|ul|ol|li|blockquote|dl|dd)\b"
                        r"[^>]*+(?:>|(*SKIP)(*FAIL))", regex.IGNORECASE)
ANY_TAG = regex.compile(r"<[^>]*+(?:>|(*SKIP)(*FAIL))")
MAX_PATH_DEPTH = 60
MAX_OPEN = MAX_PATH_DEPTH * 2 + 1  # open elements and blocks, beyond which paths stop growing
MAX_CLASSES = 4
TOO_DEEP = ("Excessive depth",)
HUGE_TEXT = "Resource limit exceeded"  # libxml2's message for a text node over 10 MB
TEXT_PIECE = 2_000  # characters between the empty elements that keep libxml2 under its limit (found by trying)
HUGE_TAG = 100_000  # characters of attributes
TAG_NAME = regex.compile(r"[/!]?[\w:-]*")


def parse(html: str, utf8: bytes | None = None) -> tuple[etree._Element | None, list[str]]:
    """The lxml tree of `html`, and flags about how it was read. Never resolves entities or fetches anything.
    `utf8`: the UTF-8 bytes of `html`, when the caller decoded it from them (not encoded again)."""
    return parse_markup(*markup(html, utf8))


def markup(html: str, utf8: bytes | None = None) -> tuple[bytes, int]:
    """What `parse_markup` reads of `html`: its UTF-8 bytes (`utf8`, when given) without an XML declaration or control
    characters, and how many <p> and <div> it opens (`_lost` compares the tree with that). A caller that then lets go of
    `html` holds less while the tree is built: a str takes up to 4 bytes a character (one beyond the BMP makes it so)."""
    # it ends at the first ">": bounded there, regex does not search the whole page for "<?xml" first
    declaration = XML_DECLARATION.match(html, 0, html.find(">") + 1)
    if declaration:
        html, utf8 = html[declaration.end():], None
    data = html.encode("utf-8", "replace") if utf8 is None else utf8
    # Looked for in the UTF-8 bytes, where each is one byte that no other character's encoding holds: `in` is a
    # plain byte search there, while a str of CJK text is searched two bytes a character.
    if any(char in data for char in CONTROL_BYTES):
        html = CONTROL.sub("", html)
        data = html.encode("utf-8", "replace")
    return data, len(_opening().findall(html, 0, 5_000_000))


def parse_markup(data: bytes, openings: int) -> tuple[etree._Element | None, list[str]]:
    """`parse` of what `markup` read. The rare second tries read the markup as text again."""
    flags: list[str] = []
    root, errors = _lxml(data)
    if any(any(marker in e for marker in TOO_DEEP) for e in errors):
        flags.append("markup nested deeper than the parser allows: layout tags flattened")
        html = data.decode()
        root, errors = _lxml(FLATTEN.sub(" ", html).encode())
        if any(any(marker in e for marker in TOO_DEEP) for e in errors):
            root, errors = _lxml(("<html><body><pre>" + ANY_TAG.sub("\n", html).replace("<", "&lt;") + "</pre></body></html>").encode())
    # the first 200,000 characters are within the first 800,000 bytes (a character cut there is beyond them)
    if root is None or (_body(root) is None and "<body" in data[:800_000].decode(errors="ignore")[:200_000].lower()) \
            or _lost(root, openings):
        soup_root = _soup(data.decode())
        if soup_root is not None:
            flags.append("lxml could not read the markup: parsed with BeautifulSoup")
            root = soup_root
    return root, flags


def _lost(root, openings: int) -> bool:
    """lxml dropped part of the page (libxml2 gives up after some broken scripts): far fewer <p>/<div> than the markup
    opens (`openings`)."""
    if openings < 10:
        return False
    return sum(1 for _ in root.iter("p", "div")) < 0.5 * openings


@cache
def _opening() -> re.Pattern:
    """An opening <p> or <div>, as regex reads `<(?:p|div)[\\s>]` with IGNORECASE (İ is an i to it), in the re module,
    which scans a page for it faster."""
    return re.compile(r"<(?:[pP]|[dD][iI\u0130][vV])[" + re.escape(SPACE) + ">]")


def _lxml(data: bytes, pieces: bool = False) -> tuple[etree._Element | None, list[str]]:
    """The tree of the UTF-8 markup `data` and the parser's errors."""
    # collect_ids=False: no table of the id attributes, which nothing here looks elements up by
    parser = etree.HTMLParser(remove_comments=True, remove_pis=True, no_network=True, encoding="utf-8", default_doctype=False, collect_ids=False)
    try:
        root = etree.fromstring(data, parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        root = None
    errors = [e.message for e in parser.error_log if e.level >= 3]
    if not pieces and any(HUGE_TEXT in e for e in errors):
        # libxml2 drops the text after 10 MB of a long run, silently: read such runs in pieces instead
        return _lxml("<".join(_pieces(run) for run in data.decode().split("<")).encode(), pieces=True)
    return root, errors


def _pieces(run: str) -> str:
    """The tag a run opens, then its text with an empty <span></span> every TEXT_PIECE characters (the text the
    walker reads is the same). A tag with megabytes of attributes (a data: URI) keeps only its name."""
    if len(run) <= TEXT_PIECE:
        return run
    cut = run.find(">") + 1
    tag, text = run[:cut], run[cut:]
    if len(tag) > HUGE_TAG:
        tag = TAG_NAME.match(tag).group() + (">" if cut else "")
    return tag + "<span></span>".join(text[i:i + TEXT_PIECE] for i in range(0, len(text), TEXT_PIECE))


def _soup(html: str) -> etree._Element | None:
    try:
        from lxml.html import soupparser

        # html.parser rescans to the end for each "<" that no ">" follows (quadratic); such a tail is text anyway
        end = html.rfind(">") + 1
        html = html[:end] + html[end:].replace("<", "&lt;")
        roots = soupparser.convert_tree(__import__("bs4").BeautifulSoup(html, "html.parser"))
    except (ImportError, RecursionError, ValueError):
        return None
    elements = [r for r in roots if isinstance(r.tag, str)]
    if len(elements) == 1 and elements[0].tag == "html":
        return elements[0]
    root = etree.Element("html")  # html.parser leaves what follows a stray end tag as further roots
    for element in elements:
        root.append(element)
    return root if elements else None


def _body(root):
    return root.find("body") if root.tag == "html" else (root if root.tag == "body" else None)


class _Link:
    __slots__ = ("emitted", "href", "pieces")

    def __init__(self, href):
        self.href = href
        self.pieces: list[str] = []  # its text read so far
        self.emitted = False


class _Walker:
    """One pass over the tree collecting raw blocks and the elements metadata is read from."""

    def __init__(self, base: str | None):
        self.base = base
        self.raw: list[tuple] = []  # (text, tag, path, hints, link_density, links, heading, bullet)
        self.buf: list[str] = []  # the text pieces of the block being read (emptied in place: walk holds it)
        self.link_chars = 0
        self.links: list[tuple[str, str]] = []
        self.open_links: list[_Link] = []
        self.pre = 0
        self.meta: list[etree._Element] = []  # meta, link, title, ld+json scripts, time, itemprop, rel=next
        self.revealing: set | None = None  # elements holding a `visibility:visible` descendant

    def hides(self, el, style: str) -> bool:
        """The style hides the element. `visibility:hidden` does not hide a descendant that says `visibility:visible`
        (CSS lets it override the inherited value): pages that reveal their article by script (WeChat's
        #js_content) are marked up so, and then the whole element is read."""
        if not HIDDEN_STYLE.search(style):
            return False
        if NOT_DISPLAYED.search(style):
            return True
        if self.revealing is None:
            self.revealing = set()
            for node in el.getroottree().xpath("//*[@style]"):
                if VISIBLE_STYLE.search(node.get("style")):
                    self.revealing.update(node.iterancestors())
        return el not in self.revealing

    def text(self, piece: str) -> None:
        self.buf.append(piece)
        if self.open_links:
            self.linked(piece)

    def linked(self, piece: str) -> None:
        """A piece of text read inside the open links: link text, and part of each one's anchor."""
        self.link_chars += len(piece)
        for link in self.open_links:
            link.pieces.append(piece)

    def flush(self, owner: tuple) -> None:
        """The block of the text read so far, owned by the block element `owner`, (tag, path, hints) (callers skip an
        empty buffer)."""
        raw = "".join(self.buf)
        self.buf.clear()
        if raw.isspace():  # the white space between elements, most flushes: no block, no link text
            self.link_chars, self.links = 0, []
            for link in self.open_links:
                link.pieces = []
            return
        links = self.links
        for link in self.open_links:  # a link that wraps block elements: attach what it holds so far
            anchor = " ".join("".join(link.pieces).split())
            if anchor and link.href:
                links.append((anchor, link.href))
                link.emitted = True
            link.pieces = []
        density = min(1.0, self.link_chars / len(raw)) if self.link_chars else 0.0  # one 0.0 for the many blocks without links
        self.link_chars, self.links = 0, []
        tag, path, hints = owner
        if self.pre:
            for line in raw.splitlines():
                line = line.rstrip()
                if line.strip():
                    self.raw.append((line.strip(), "pre", path, hints, density, tuple(links), 0, False))
                    links = []
            return
        text = " ".join(raw.split())
        if text:
            self.raw.append((text, tag, path, hints, density, tuple(links), HEADINGS.get(tag, 0), tag == "li"))

    def walk(self, root) -> None:
        """Read the tree under `root` depth first: each element's text, its children, its tail. A call per level: lxml
        nests at most 256 deep, and a BeautifulSoup tree no deeper than its converter, also a call per level, reached."""
        top = ("#root", "", "")
        owners = [top]  # the open blocks: (tag, path, hints)
        buf, open_links, text, linked, flush, meta = self.buf, self.open_links, self.text, self.linked, self.flush, self.meta

        def children(parent, parent_path: str, parent_hints: str, depth: int, data_row: bool, level: int) -> None:
            """The elements in `parent` (its path, the hints of it and its ancestors, its path's "/" count, whether it is
            a data row, and how many elements are open around its children); each one's tail is read before the next."""
            counts: dict[str, int] = {}  # the children seen so far, by tag (for their paths)
            deep = len(owners) + level > MAX_OPEN or depth >= MAX_PATH_DEPTH  # paths stop growing
            tail = None
            for el in parent:
                if tail:
                    buf.append(tail)
                    if open_links:
                        linked(tail)
                tail = el.tail
                tag = el.tag
                if not isinstance(tag, str):  # a comment or a processing instruction (BeautifulSoup's trees keep them)
                    continue
                tag = TAG_NAMES.get(tag) or tag.lower()
                if tag in SKIP and not (tag in FRAGILE and _wraps_much(el)) or tag == "br":
                    if tag in META_TAGS:
                        meta.append(el)
                    elif tag == "br" and buf:
                        flush(owners[-1])
                    continue
                # The attribute names once, as a list: looking each name up in lxml costs more than a scan of it.
                keys = el.keys()
                named = None
                if keys:
                    cls = el.get("class") if "class" in keys else None
                    ident = el.get("id") if "id" in keys else None
                    if ident or cls:
                        named = _names(ident, cls)
                    if "hidden" in keys or "style" in keys and self.hides(el, el.get("style")) or cls and named[0]:
                        continue
                    if tag == "time" or "itemprop" in keys or ("rel" in keys and tag == "a"):
                        meta.append(el)
                elif tag == "time":
                    meta.append(el)
                empty = not len(el)
                if empty and tag not in BLOCK:  # inline markup with nothing in it: no path
                    counts[tag] = counts.get(tag, 0) + 1  # for its siblings' paths
                    piece = el.text
                    if piece:
                        buf.append(piece)
                        if tag == "a":  # a link with its text whole
                            linked(piece)
                            anchor = " ".join(piece.split())
                            href = el.get("href")
                            if href and anchor:
                                self.links.append((anchor, href))
                        elif open_links:
                            linked(piece)
                    continue
                is_block = tag in BLOCK
                cell = data_row and (tag == "td" or tag == "th")
                if cell:
                    is_block = False
                    if buf:
                        text("\t")
                hints = parent_hints
                if deep:
                    path, below = parent_path, depth
                else:
                    n = counts[tag] = counts.get(tag, 0) + 1
                    segment = tag if n == 1 else f"{tag}[{n}]"
                    if named:
                        segment += named[1]
                        if named[2]:
                            hints = f"{hints} {named[2]}" if hints else named[2]
                    if parent_path:
                        path, below = f"{parent_path}/{segment}", depth + 1
                    else:
                        path, below = segment, depth
                if is_block:
                    if buf:
                        flush(owners[-1])
                    owner = (tag, path, hints)
                    owners.append(owner)
                    if tag == "pre":
                        self.pre += 1
                elif tag == "a":
                    open_links.append(_Link(el.get("href")))
                piece = el.text
                if piece:
                    buf.append(piece)
                    if open_links:
                        linked(piece)
                if not empty:
                    children(el, path, hints, below, tag == "tr" and is_block and _simple_row(el), level + 1)
                if is_block:
                    if buf:
                        flush(owner)
                    owners.pop()
                    if tag == "pre":
                        self.pre -= 1
                elif tag == "a":
                    link = open_links.pop()  # the innermost open link: elements close in order
                    anchor = " ".join("".join(link.pieces).split())
                    if link.href and anchor and not (link.emitted and not anchor):
                        self.links.append((anchor, link.href))
                elif cell:  # a cell of a data row
                    text(" ")
            if tail:
                buf.append(tail)
                if open_links:
                    linked(tail)

        children([root], "", "", 0, False, 1)
        # `children` calls itself, so it and its closure make a cycle, which held the walker, its meta elements and so
        # the whole tree until the garbage collector next ran: tens of MB of a long page for most of the rules' work
        children = None
        if buf:
            flush(owners[-1])


@lru_cache(maxsize=65536)
def _names(ident: str | None, cls: str | None) -> tuple[bool, str, str]:
    """Of an element's id and classes: whether a class hides it, the path suffix (`#main.content.box`) and the hint words."""
    hidden, suffix, names = False, "", []
    if ident:
        ident = _token(ident.lower()).strip("-")[:40]
        if ident:
            suffix, names = "#" + ident, [ident]
    if cls:
        words = cls.lower().split()
        hidden = not HIDDEN_CLASSES.isdisjoint(words) and not SHOWN_ON_WIDE.search(cls)
        words = words[:MAX_CLASSES]
        tokens = [t[:40] for t in words] if _plain("".join(words)) else [t for t in (_token(c)[:40] for c in words) if t]
        if tokens:
            suffix += "." + ".".join(tokens)
            names += tokens
    return hidden, suffix, " ".join(names)


def _token(name: str) -> str:
    """CLASS_TOKEN.sub("-", name), without a regex call for a name already all [a-z0-9_-], as most are."""
    return name if _plain(name) else CLASS_TOKEN.sub("-", name)


def _plain(name: str) -> bool:
    """All [a-z0-9_-] and not only [_-] (lower-cased names): what CLASS_TOKEN leaves as it is."""
    plain = name.replace("-", "").replace("_", "")
    return plain.isascii() and plain.isalnum()


def _simple_row(tr) -> bool:
    """A data row: no cell holds block elements, so the row reads as one line."""
    for cell in tr:
        if len(cell):
            for node in cell.iter():
                if node is not cell and isinstance(node.tag, str) and node.tag in CELL_BREAKERS:
                    return False
    return True


def _wraps_much(el) -> bool:
    """More than three children, at the element or down a short chain of only children."""
    for _ in range(3):
        if len(el) != 1:
            break
        el = el[0]
    return len(el) > 3


def html_blocks(html: str, url: str | None = None) -> tuple[list[HtmlBlock], str, dict]:
    """(blocks, source, declared): the page's blocks, its visible text (blocks joined by newlines, each
    block's text at [start, end)), and what the page declares of itself."""
    if not isinstance(html, str):
        raise InputError(f"expected str, got {type(html).__name__}")
    return tree_blocks(*parse(html), url)


def tree_blocks(root: etree._Element | None, flags: list[str], url: str | None = None) -> tuple[list[HtmlBlock], str, dict]:
    """`html_blocks` of the tree `parse` made (a caller that drops the markup once parsed holds less)."""
    if root is None:
        return [], "", {"flags": tuple(flags) + ("no markup to read",)}
    walker = _Walker(url)
    walker.walk(root)
    blocks, pieces, offset = [], [], 0
    base = url
    for el in walker.meta:
        if el.tag == "base" and el.get("href"):
            try:
                base = urljoin(url or "", el.get("href"))
            except ValueError:  # an invalid IPv6 host in the page's URL or its <base>: links stay as written
                pass
            break
    counts = Counter(raw[0] for raw in walker.raw)  # repeats known first, so that each block is built once
    shapes: dict[str, tuple] = {}  # a page repeats its menus, share lines and dates: each text's shape read once
    for text, tag, path, hints, density, links, heading, bullet in walker.raw:
        if base and links:
            links = tuple([(a, h if h.startswith(AS_WRITTEN) else _resolve(base, h)) for a, h in links])
        if links and any("." in anchor for anchor, _ in links):
            attached = sum(len(anchor) for anchor, _ in links if ATTACHMENT.search(anchor))
            density = max(0.0, density - attached / len(text)) if attached else density
        features = shapes.get(text)
        if features is None:  # with the text's first copy, which the blocks of a repeated text share
            features = shapes[text] = (text, *shape(text))
        text, marked, *features = features  # positional: Block's field order
        blocks.append(
            HtmlBlock(len(blocks), text, offset, 0, bullet or marked, *features, counts[text], tag, path, hints,
                  density, links, heading)
        )
        pieces.append(text)
        offset += len(text) + 1
    source = "\n".join(pieces)
    declared = page_metadata(root, walker.meta, blocks, url, base)
    if flags:
        declared["flags"] = tuple(declared.get("flags", ())) + tuple(flags)
    return blocks, source, declared


@lru_cache(maxsize=16384)  # a page repeats its links (menus at the top and the bottom), a site its menus
def _resolve(base: str, href: str) -> str:
    """`href` joined to the page's base (one that starts with AS_WRITTEN its caller keeps, without a cache look-up)."""
    if href[:1] == "/" and href[1:2] != "/" and not _ALTERED.intersection(href) and "/." not in href and "?#" not in href \
            and not href.endswith(("?", "#")):
        origin = _origin(base)
        if origin:  # most links: a path from the site's root that urljoin would leave as it is
            return origin + href
    try:
        return urljoin(base, href)
    except ValueError:
        return href


# What urljoin drops from a link or rewrites around it: white space it removes, params (";") it splits off.
_ALTERED = frozenset("\t\r\n;")


@lru_cache(maxsize=256)
def _origin(base: str) -> str | None:
    """'scheme://host' of an http(s) base whose host urlsplit keeps as written (plain ASCII), else None."""
    if not base.startswith(("http://", "https://")):
        return None
    scheme, _, rest = base.partition("://")
    end = min((i for i in (rest.find("/"), rest.find("?"), rest.find("#")) if i >= 0), default=len(rest))
    host = rest[:end]
    return f"{scheme}://{host}" if host and host.isascii() and not _ALTERED.intersection(host) and "[" not in host and "]" not in host else None
