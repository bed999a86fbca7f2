"""What an HTML page declares of itself: title, author, dates, canonical URL, site, description, keywords,
language, image, the other pages of a multi-page article, and whether it is an error, paywall or login page.

Sources, strongest first: JSON-LD, `<meta>` tags (Open Graph, article:*, Dublin Core, parsely, sailthru),
microdata (`itemprop`), `<time datetime>`, `<link rel>`, then the visible text around the `<h1>`
(发布时间：…, 作者：…, By …) and the URL itself (/2024/06/27/).
"""
from __future__ import annotations

import json
from datetime import date
from urllib.parse import parse_qsl, urljoin, urlsplit

import regex

from .dates import any_date, find_date
from .document import Link
from .hanzi import both_scripts, with_traditional
from .scan import fold, mentions

ISO = regex.compile(r"^\s*((?:19|20)\d\d-\d\d-\d\d(?:[T ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?)?)")
# A run of spaces is entered at its start only ((?<!\s)): retried from inside a long run, each alternative is quadratic.
TITLE_SPLIT = regex.compile(r"(?<!\s)\s+[-–—|·•»:]\s+|(?:(?<!\s)\s+)?[_｜|]\s*|(?:(?<!\s)\s+)?——\s*|(?:(?<!\s)\s+)?--\s*"
                            r"|(?<=[^\x00-\x7f])(?:(?<!\s)\s+)?-\s*|(?:(?<!\s)\s+)?-\s*(?=[^\x00-\x7f])")
AUTHOR_META = ("author", "article:author", "byl", "dc.creator", "dcterms.creator", "parsely-author", "sailthru.author",
               "og:article:author", "article:author_name", "citation_author", "twitter:creator", "weibo:article:author")
PUBLISHED_META = ("article:published_time", "og:article:published_time", "article:published", "published_time", "pubdate",
                  "publishdate", "publish-date", "publish_date", "publication_date", "date", "dc.date", "dc.date.issued",
                  "dc.date.created", "dcterms.date", "dcterms.issued", "dcterms.created", "sailthru.date", "parsely-pub-date",
                  "datepublished", "citation_publication_date", "citation_date", "article.published", "og:published_time",
                  "weibo:article:create_at", "pubtime", "publishtime", "release_date", "originalpublicationdate", "article_date_original",
                  "og:pubdate", "cxenseparse:recs:publishtime", "dc.date.published")
MODIFIED_META = ("article:modified_time", "og:updated_time", "og:article:modified_time", "article:modified", "modified_time",
                 "datemodified", "dcterms.modified", "dc.date.modified", "last-modified", "lastmod", "weibo:article:update_at")
ARTICLE_TYPES = ("article", "newsarticle", "blogposting", "report", "reportagenewsarticle", "analysisnewsarticle",
                 "opinionnewsarticle", "scholarlyarticle", "techarticle", "posting", "socialmediaposting", "liveblogposting",
                 "discussionforumposting", "review", "recipe", "howto", "webpage", "creativework", "question", "qapage")
BYLINE_AUTHOR = regex.compile(both_scripts(
    r"(?:作\s*者|记\s*者|文\s*[/|｜]|撰\s*文|编\s*辑|责任编辑|written by|^by)\s*[:：]?\s*([\p{Han}]{2,4}(?:[、,，\s]+[\p{Han}]{2,4}){0,3}|\p{Lu}[\p{L}.'-]+(?:\s+(?:\p{Lu}[\p{L}.'-]+|van|von|de|der|da|di|le|la)){0,4})"),
    regex.IGNORECASE,
)
DATE_KEY = regex.compile(both_scripts(r"发布|发表|时间|日期|更新|published|posted|updated|date"), regex.IGNORECASE)
# hAtom and RDFa stamps in the body: <abbr class="published" title="2017-07-23T17:06:45+0000">, <span
# property="schema:dateCreated" content="…">; hAtom's required "updated" serves when "published" is absent. The
# elements that carry a stamp are found in one pass, and their class words and properties read here.
STAMPED = "descendant-or-self::*[@title or @content]"
STAMP_PROPERTIES = ("schema:datePublished", "schema:dateCreated")
XML_SPACE = str.maketrans("\t\n\r", "   ")  # what separates class words for XPath's normalize-space
CDATA = regex.compile(r"^(?://\s*)?<!\[CDATA\[|(?://\s*)?\]\]>$")  # a wrapper Wikipedia and XHTML pages put around JSON-LD
DATELINE_END = regex.compile(r"\s[-–—|„“\"]")
UTC_TIME = regex.compile(r"T(\d\d):\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]00:?00)$")
URL_DATE = regex.compile(r"/((?:19|20)\d\d)[/_-]?(0[1-9]|1[0-2])[/_-]?(0[1-9]|[12]\d|3[01])(?:/|_|\b)")
PLACEHOLDER_AUTHORS = frozenset(with_traditional(("admin", "佚名", "未知", "匿名", "本站", "小编", "网友", "administrator", "staff", "editor", "null", "none")))
NAME_STOP = regex.compile(r"(?<!\s)\s*(?:\||｜|/|,\s*(?:19|20)\d\d|\d{4}[-/年]|\bupdated\b|\bpublished\b|\bon\b\s+\p{Lu}\p{Ll}+\s+\d).*$", regex.IGNORECASE)

NOT_FOUND = regex.compile(both_scripts(
    r"\b404\b|page not found|not be found|couldn'?t find (?:that|this|the) page|doesn'?t exist|no longer (?:available|exists)|"
    r"页面(?:未找到|不存在|找不到|已删除|无法访问)|(?:您|你)(?:所)?访问的(?:页面|网页|内容|文章)(?:不存在|已删除|已被删除)|找不到(?:页面|网页)|文章(?:不存在|已删除|已被删除)"),
    regex.IGNORECASE,
)
PAYWALL = regex.compile(both_scripts(
    r"subscribe (?:now )?to (?:continue|read|keep reading|unlock)|subscribers? only|to continue reading,? (?:please )?subscribe|"
    r"this (?:article|content|story) is (?:only )?(?:available|reserved) (?:to|for) (?:paying )?subscribers|already a subscriber|"
    r"订阅(?:后|即可)(?:阅读|查看)|付费(?:阅读|内容|后)|购买(?:后|本文)(?:阅读|查看)|开通会员(?:后)?(?:阅读|查看)|剩余\d+%未读"),
)  # searched in the folded text (scan.fold), where IGNORECASE's matches of its letters read as they are written
LOGIN_WALL = regex.compile(both_scripts(
    r"(?:log|sign) in to (?:continue|read|view|see)|please (?:log|sign) in|you must be logged in|登录后(?:查看|阅读|可见|浏览)|请(?:先)?登录"),
    regex.IGNORECASE,
)
BLOCKED = regex.compile(both_scripts(
    r"access denied|attention required|just a moment\.\.\.|are you a (?:robot|human)|captcha|unusual traffic|"
    r"访问(?:被拒绝|受限)|验证码|禁止访问|请开启JavaScript|enable javascript and cookies"),
    regex.IGNORECASE,
)
AUTHOR_HREF = regex.compile(r"/(?:author|autor|auteur|autore|autoren|authors|writers?|journalist|redakteur)/[^/?#]+/?(?:$|[?#])", regex.IGNORECASE)
AUTHOR_HREF_MARKS = ("/aut", "/writer", "/journalist", "/redakteur")  # one is in every AUTHOR_HREF match
VIEW_ALL = regex.compile(r"^(?:view all posts by|all posts by|more posts by|posts by|zeige alle beiträge von|alle beiträge von|"
                         r"voir tous les articles (?:de|par)|ver todas las entradas de|articles by)\s*|(?:(?<!\s)\s+)?(?:anzeigen|ansehen)$", regex.IGNORECASE)
BY_PREFIX = regex.compile(both_scripts(r"^(?:by|von|par|por|di|door|av|作者|文|记者)\s*[:：/]?\s*"), regex.IGNORECASE)
NOT_WORD = regex.compile(r"[\s\p{P}\p{S}]+")
KEYWORD_SPLIT = regex.compile(r"[,，;；、|]")
LANGUAGE = regex.compile(r"[a-z]{2,3}")
PAGE_SUFFIX = regex.compile(r"[_-]\d{1,3}(\.s?html?)$")
PAGE_DIR = regex.compile(r"/page/\d{1,3}/?$")
PAGE_WORD = regex.compile(both_scripts(r"^(?:下一页|下页|后页|next(?: page)?|›|»|>|>>|第\s*\d+\s*页|\d{1,3}|\[\d{1,3}\])$"), regex.IGNORECASE)
PAGE_WORD_ASCII_FIRST = frozenset("nN>[0123456789")  # the ASCII characters a PAGE_WORD match can open with
PAGE_HREF = regex.compile(r"(?:[_-](\d{1,3})\.s?html?$|[?&](?:page|p|pg|pn|pageno|page_num|currentpage)=(\d{1,3})(?:&|$)|/page/(\d{1,3})/?$)", regex.IGNORECASE)
PAGER = regex.compile(both_scripts(r"下一页|上一页|第\s*\d+\s*页|共\s*\d+\s*页|尾页|首页|\bnext\b|\bprev"), regex.IGNORECASE)
# What every match of a pattern holds, once folded (`scan.fold`): a text with none of it is not searched.
PAGER_MARKS = with_traditional(("页", "next", "prev"))
PAYWALL_MARKS = with_traditional(("subscri", "订阅", "付费", "购买", "开通会员", "未读"))
PREV_NEXT_MARKS = with_traditional(("上一", "前一篇", "prev", "«", "下一", "后一篇", "next", "»"))


def _text(el) -> str:
    return " ".join("".join(el.itertext()).split())


def _iso(value) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    match = ISO.match(value)
    if match:
        return match.group(1).replace(" ", "T")
    return find_date(value[:200])


def _names(value) -> list[str]:
    """Author names from a JSON-LD author value (a string, an object, a list of either)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        name = value.get("name")
        return _names(name) if name else []
    if isinstance(value, list):
        return [n for v in value[:6] for n in _names(v)]
    return []


def _clean_author(value: str | None) -> str | None:
    if not value:
        return None
    value = " ".join(value.split())
    if value.startswith(("http://", "https://", "www.")) or "/" in value and " " not in value:
        return None
    value = VIEW_ALL.sub("", BY_PREFIX.sub("", value))
    value = NAME_STOP.sub("", value).strip(" ,;:|-–—")
    if value.startswith("@") or not value or value.lower() in PLACEHOLDER_AUTHORS or len(value) > 80 or find_date(value):
        return None
    return value


def _json_ld(scripts) -> list[dict]:
    found = []
    for script in scripts:
        raw = CDATA.sub("", (script.text or "").strip())
        if not raw or len(raw) > 2_000_000:
            continue
        try:
            data = json.loads(raw, strict=False)
        except (ValueError, RecursionError):  # RecursionError: arrays or objects nested thousands deep
            continue
        todo = [data]
        while todo and len(found) < 50:
            item = todo.pop(0)
            if isinstance(item, list):
                todo.extend(item[:50])
            elif isinstance(item, dict):
                if "@graph" in item:
                    todo.extend(item["@graph"] if isinstance(item["@graph"], list) else [item["@graph"]])
                kind = item.get("@type")
                kinds = [k.lower() for k in (kind if isinstance(kind, list) else [kind]) if isinstance(k, str)]
                if any(k in ARTICLE_TYPES for k in kinds):
                    found.append(item)
                elif isinstance(item.get("mainEntity"), (dict, list)):
                    todo.append(item["mainEntity"])
    order = {k: i for i, k in enumerate(ARTICLE_TYPES)}

    def rank(item):
        kind = item.get("@type")
        kinds = [k.lower() for k in (kind if isinstance(kind, list) else [kind]) if isinstance(k, str)]
        return min((order.get(k, 99) for k in kinds), default=99)

    return sorted(found, key=rank)


def _norm(text: str) -> str:
    return NOT_WORD.sub("", text).lower()


def choose_title(title_tag: str | None, h1s: list[str], declared: list[str]) -> str | None:
    """The article title: an <h1> the <title> or og:title confirms, else og:title, else <title> less its site part."""
    tag_norm = _norm(title_tag or "")
    declared = [d for d in declared if d]
    for h1 in h1s:
        n = _norm(h1)
        if len(n) >= 4 and ((tag_norm and n in tag_norm) or any(n in _norm(d) or _norm(d) in n for d in declared)):
            return h1
    for value in declared:
        parts = _parts(value)
        if tag_norm and len(parts) > 1:
            return max(parts, key=len)
        return value
    if title_tag:
        parts = _parts(title_tag)
        if len(parts) > 1:
            for h1 in h1s:
                if _norm(h1) and _norm(h1) in tag_norm:
                    return h1
            first = parts[0]
            return first if len(_norm(first)) >= 0.4 * len(_norm(max(parts, key=len))) else max(parts, key=len)
        return title_tag
    return h1s[0] if h1s else None


def _parts(title: str) -> list[str]:
    return [p.strip() for p in TITLE_SPLIT.split(title) if p and p.strip()] or [title]


def _near_title(blocks, h1_index: int | None, limit: int = 14):
    """Blocks around the title, where bylines and dates sit: from the <h1> on, or the page's top."""
    if h1_index is None:
        return []
    return [b for b in blocks[max(0, h1_index - 3) : h1_index + limit] if b.tokens <= 40]


def _declared_date(metas, first_ld, props) -> str | None:
    """The published date the page declares: <meta> tags, then JSON-LD, then microdata. <meta> comes first: SEO
    plugins often fill datePublished with the draft's creation, while the meta tags carry the date the page shows
    (measured on trafilatura-eval: 8 pages right instead of 1)."""
    published = next(filter(None, (_iso(metas.get(key)) for key in PUBLISHED_META)), None)
    published = published or _iso(first_ld("datePublished")) or _iso(first_ld("dateCreated"))
    for el in props if not published else ():
        if (el.get("itemprop") or "").lower() in ("datepublished", "datecreated"):
            published = _iso(el.get("content") or el.get("datetime") or _text(el))
            if published:
                break
    return published


def _page_dates(root, times, blocks, h1_index):
    """Dates in the page itself, most telling first, lazily: <time>, hAtom and RDFa stamps, the lines by the
    title (those with a date key first), a dateline opening a paragraph there, then any short line."""
    for el in times:
        if el.get("pubdate") is not None or el.get("datetime"):
            yield _iso(el.get("datetime") or _text(el))
    if root is not None:
        yield from _stamps(root)
    near = _near_title(blocks, h1_index) or [b for b in blocks[:60] if b.tokens <= 40]
    yield from (find_date(b.text) for b in near if DATE_KEY.search(b.text))
    yield from (find_date(b.text) for b in near if not DATE_KEY.search(b.text))
    top = blocks[max(0, h1_index - 3) : h1_index + 14] if h1_index is not None else blocks[:40]
    yield from (any_date(b.text if b.tokens <= 40 else _dateline(b.text)) for b in top)
    yield from (any_date(b.text) for b in blocks[:300] if b.tokens <= 30 and not COPYRIGHT.search(b.text))


def _stamps(root):
    """The hAtom and RDFa stamps' dates, lazily: the first ten published ones, then the first ten updated ones."""
    stamped = root.xpath(STAMPED)
    published = [el for el in stamped if "published" in _class_words(el) or el.get("property") in STAMP_PROPERTIES]
    yield from (_iso(el.get("title") or el.get("content")) for el in published[:10])
    updated = [el for el in stamped if el.get("title") is not None and "updated" in _class_words(el)]
    yield from (_iso(el.get("title") or el.get("content")) for el in updated[:10])


def _class_words(el) -> list[str]:
    return (el.get("class") or "").translate(XML_SPACE).split(" ")


def _dateline(text: str) -> str:
    """What opens a long paragraph before a dash, a bar or a quote ("27.1.2022 – Bei der …", "Pressemitteilung vom
    25. Januar 2022 | Berlin – …"): where a dateline stands; "" when no such mark comes early."""
    head = DATELINE_END.split(text[:40], maxsplit=1)
    return head[0] if len(head) > 1 else ""


def _url_day(url: str | None) -> str | None:
    """The day a URL names (`/2024/06/27/`, `/20240627_`), as YYYY-MM-DD."""
    match = URL_DATE.search(url or "")
    return "-".join(match.groups()) if match else None


def _shown_dates(url_day, near):
    """The dates the page shows a reader, lazily: its URL's day, then those on the lines by its title."""
    if url_day:
        yield url_day
    for block in near:
        yield any_date(block.text)


def _local_day(stamp: str, shown) -> str:
    """A UTC timestamp's day is not always the publisher's: 23:11Z in Vienna is the next day, 02:25Z in New York
    the previous one. The first date the page shows that is that adjacent day (in the direction the hour allows)
    wins; one on the same day confirms the stamp."""
    match = UTC_TIME.search(stamp)
    day = match and _day(stamp)
    if not day:
        return stamp
    hour = int(match.group(1))
    for other in shown:
        other_day = other and _day(other)
        if not other_day:
            continue
        gap = (other_day - day).days
        if gap == 0:
            break
        if gap == 1 and hour >= 10 or gap == -1 and hour < 12:
            return other[:10]
    return stamp


def _day(iso: str) -> date | None:
    try:
        return date.fromisoformat(iso[:10])
    except ValueError:  # 2024-02-30: the patterns check the ranges, not the calendar
        return None


def page_metadata(root, elements, blocks, url: str | None, base: str | None) -> dict:
    metas: dict[str, str] = {}
    multi: dict[str, list[str]] = {}
    links: dict[str, str] = {}
    title_tag = None
    scripts, times, props = [], [], []
    rel_pages: list[tuple[str, str]] = []
    for el in elements:
        tag = el.tag
        if tag == "meta":
            key = (el.get("property") or el.get("name") or el.get("itemprop") or el.get("http-equiv") or "").strip().lower()
            content = el.get("content")
            if key and content and content.strip():
                metas.setdefault(key, content.strip())
                multi.setdefault(key, []).append(content.strip())
            if el.get("itemprop"):
                props.append(el)
        elif tag == "link":
            rel = (el.get("rel") or "").lower()
            href = el.get("href")
            if href:
                for r in rel.split():
                    links.setdefault(r, href)
                    if r in ("next", "prev"):
                        rel_pages.append((r, href))
        elif tag == "title":
            if title_tag is None and el.getparent() is not None and el.getparent().tag in ("head", "html") or title_tag is None:
                title_tag = _text(el) or None
        elif tag == "script":
            if "ld+json" in (el.get("type") or "").lower():
                scripts.append(el)
        elif tag == "time":
            times.append(el)
            if el.get("itemprop"):
                props.append(el)
        elif tag == "a":
            rel = (el.get("rel") or "").lower().split()
            if ("next" in rel or "prev" in rel) and el.get("href"):
                rel_pages.append(("next" if "next" in rel else "prev", el.get("href")))
            if "author" in rel or el.get("itemprop"):
                props.append(el)
        elif el.get("itemprop"):
            props.append(el)
    ld = _json_ld(scripts)
    out: dict = {}

    def first_ld(key):
        for item in ld:
            value = item.get(key)
            if value:
                return value
        return None

    # Title
    h1_blocks = [b for b in blocks if b.heading == 1][:3]
    h1s = [b.text for b in h1_blocks]
    headline = first_ld("headline") or first_ld("name")
    declared_titles = [metas.get("og:title"), metas.get("twitter:title"), headline if isinstance(headline, str) else None]
    title = choose_title(title_tag, h1s, declared_titles) or next((b.text for b in blocks[:200] if 0 < b.heading <= 3), None)
    if title:
        out["title"] = title[:500]
    h1_index = next((b.index for b in blocks if title and b.text == title), h1_blocks[0].index if h1_blocks else None)

    # Author
    author = None
    ld_names = _names(first_ld("author") or first_ld("creator"))
    ld_names = [n for n in (_clean_author(n) for n in ld_names) if n]
    if ld_names:
        author = "; ".join(dict.fromkeys(ld_names))
    for key in AUTHOR_META:
        if author:
            break
        author = _clean_author(metas.get(key))
    if not author:
        for el in props:
            if (el.get("itemprop") or "").lower() == "author" or "author" in (el.get("rel") or "").lower().split():
                name = el.get("content") or _text(el)
                inner = el.find(".//*[@itemprop='name']") if len(el) else None
                if inner is not None:
                    name = inner.get("content") or _text(inner)
                author = _clean_author(name[:100] if name else None)
                if author:
                    break
    if not author:  # a link to the author's page: /author/jane-doe/
        for block in blocks[:400]:
            for anchor, href in block.links:
                if len(anchor) <= 60 and mentions(href, AUTHOR_HREF_MARKS) and AUTHOR_HREF.search(href):
                    author = _clean_author(anchor)
                    if author:
                        break
            if author:
                break
    if not author:
        for block in _near_title(blocks, h1_index) + [b for b in blocks if b.tokens <= 12 and "author" in b.hints and "author" in b.hints.rsplit(" ", 6)[-1]][:3]:
            match = BYLINE_AUTHOR.search(block.text)
            if match:
                author = _clean_author(match.group(1))
                if author:
                    break
    if author:
        out["author"] = author

    # Dates
    published = _declared_date(metas, first_ld, props)
    url_day = _url_day(url)
    if not published:
        published = next(filter(None, _page_dates(root, times, blocks, h1_index)), None)
        if url_day and (published or "")[:10] != url_day:
            published = url_day  # the URL names the article's day: a stamp that disagrees is a teaser's
    if published:
        out["published"] = _local_day(published, _shown_dates(url_day, _near_title(blocks, h1_index)))
    modified = _iso(first_ld("dateModified"))
    for key in MODIFIED_META:
        if modified:
            break
        modified = _iso(metas.get(key))
    if modified:
        out["modified"] = modified

    # Where it lives
    canonical = links.get("canonical") or metas.get("og:url")
    if canonical:
        out["canonical"] = _join(base, canonical)
    publisher = first_ld("publisher")
    site = metas.get("og:site_name") or (publisher.get("name") if isinstance(publisher, dict) else None) or metas.get("application-name")
    if isinstance(site, str) and site.strip():
        out["site_name"] = " ".join(site.split())[:200]
    description = metas.get("description") or metas.get("og:description") or metas.get("twitter:description")
    if description:
        out["description"] = " ".join(description.split())[:2000]
    image = metas.get("og:image") or metas.get("twitter:image") or metas.get("twitter:image:src")
    if image:
        out["image"] = _join(base, image)
    keywords: list[str] = []
    for value in multi.get("keywords", [])[:1] + multi.get("article:tag", []) + multi.get("news_keywords", [])[:1]:
        keywords += [k.strip() for k in KEYWORD_SPLIT.split(value) if k.strip()]
    ld_keywords = first_ld("keywords")
    if isinstance(ld_keywords, str):
        keywords += [k.strip() for k in KEYWORD_SPLIT.split(ld_keywords) if k.strip()]
    elif isinstance(ld_keywords, list):
        keywords += [k.strip() for k in ld_keywords if isinstance(k, str) and k.strip()]
    if keywords:
        out["keywords"] = tuple(dict.fromkeys(k[:100] for k in keywords))[:50]
    language = root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang") or metas.get("content-language") or metas.get("og:locale")
    if language:
        language = language.strip().lower().replace("_", "-").split("-")[0]
        if LANGUAGE.fullmatch(language):
            out["language"] = language

    # Previous and next articles, with their links
    for key, link in _prev_next(blocks, base):
        out.setdefault(key, link)

    # Multi-page articles
    pages = _pages(blocks, url or out.get("canonical"), base, rel_pages)
    if pages:
        out["pages"] = pages

    # Pages that hold no article
    unavailable = _unavailable(title_tag, h1s, blocks, ld)
    if unavailable:
        out["unavailable"] = unavailable
    if root.find(".//frameset") is not None or (root.find(".//frame") is not None and sum(b.tokens for b in blocks) < 50):
        frames = [f.get("src") for f in root.iter("frame", "iframe") if f.get("src")][:10]
        out["flags"] = (f"page is a frameset: the content is in frames {frames}",)
    return out


def _join(base, href):
    try:
        return urljoin(base or "", href.strip())
    except ValueError:
        return href


def _stem(url: str) -> tuple[str, str]:
    """The URL less its page number: (host+path stem, query without page keys)."""
    try:
        parts = urlsplit(url)
    except ValueError:  # "http://[not-an-ipv6"
        return (url, "")
    path = PAGE_SUFFIX.sub(r"\1", parts.path)
    path = PAGE_DIR.sub("/", path)
    query = "&".join(f"{k}={v}" for k, v in parse_qsl(parts.query) if k.lower() not in ("page", "p", "pg", "pn", "pageno", "page_num", "currentpage"))
    return (parts.netloc.lower().removeprefix("www.") + path.rstrip("/"), query)


def _pages(blocks, url, base, rel_pages) -> tuple[Link, ...]:
    """Links to the other pages of this article: rel=next/prev, and the numbered or 下一页 links of a pager."""
    found: dict[str, Link] = {}
    own = _stem(url) if url else None
    for kind, href in rel_pages:
        href = _join(base, href)
        if own is None or _stem(href) == own:
            found.setdefault(href, Link(title=kind, url=href))
    for block in blocks:
        if not block.links or block.tokens > 60:
            continue
        first = block.links[0][0][:1]  # most links open with no character a page word can open with: no regex call
        pager = mentions(block.text, PAGER_MARKS) and bool(PAGER.search(block.text)) or \
            (first in PAGE_WORD_ASCII_FIRST or not first.isascii()) and all(PAGE_WORD.match(a) for a, _ in block.links)
        if not pager:
            continue
        for anchor, href in block.links:
            if not PAGE_WORD.match(anchor) or href.startswith(("javascript:", "#")):
                continue
            target = _join(base, href)
            if own is not None:
                if _stem(target) != own:
                    continue
            elif not PAGE_HREF.search(target):
                continue
            if url and target.split("#")[0] == url.split("#")[0]:
                continue
            found.setdefault(target, Link(title=anchor, url=target))
    if len(found) > 60:
        return ()
    return tuple(sorted(found.values(), key=lambda link: _page_number(link.url)))


def _page_number(url: str) -> int:
    match = PAGE_HREF.search(url or "")
    return int(next(g for g in match.groups() if g)) if match else 1


def _unavailable(title_tag, h1s, blocks, ld) -> str | None:
    """not_found, blocked, login or paywall, when the page says so and holds little else."""
    tokens = sum(b.tokens for b in blocks if b.link_density < 0.5)
    heads = " ".join(filter(None, [title_tag] + h1s))
    if tokens < 400 and NOT_FOUND.search(heads):
        return "not_found"
    short_text = _joined_start((b.text for b in blocks if b.tokens <= 60), 20_000)
    if tokens < 150 and (NOT_FOUND.search(short_text) and not any(b.tokens > 40 for b in blocks)):
        return "not_found"
    if tokens < 200 and BLOCKED.search(heads + " " + short_text):
        return "blocked"
    for item in ld:
        free = item.get("isAccessibleForFree")
        if free in (False, "False", "false"):
            return "paywall"
    folded = fold(short_text)
    if any(mark in folded for mark in PAYWALL_MARKS) and PAYWALL.search(folded):
        return "paywall"
    if tokens < 300 and LOGIN_WALL.search(short_text):
        return "login"
    return None


def _joined_start(texts, limit: int) -> str:
    """" ".join(texts)[:limit], joining no more of the texts than that takes: a long page's short blocks hold megabytes."""
    pieces, size = [], -1  # the length of the pieces joined
    for text in texts:
        if size >= limit:
            break
        pieces.append(text)
        size += len(text) + 1
    return " ".join(pieces)[:limit]


PREV_KEY = regex.compile(both_scripts(r"上一(?:篇|条|章)|前一篇|\bprevious(?: article| post| story| entry)?\b|\bprev\b|«"), regex.IGNORECASE)
NEXT_KEY = regex.compile(both_scripts(r"下一(?:篇|条|章)|后一篇|\bnext(?: article| post| story| entry)?\b|»"), regex.IGNORECASE)


def _prev_next(blocks, base):
    """('prev' | 'next', Link) for the links of 上一篇/下一篇 and Previous/Next lines, each after its keyword."""
    for block in blocks:
        if not block.links or block.tokens > 40 or len(block.links) > 3 or not mentions(block.text, PREV_NEXT_MARKS):
            continue
        keys = [(m.start(), "prev") for m in PREV_KEY.finditer(block.text)] + [(m.start(), "next") for m in NEXT_KEY.finditer(block.text)]
        if not keys:
            continue
        keys.sort()
        for anchor, href in block.links:
            if href.startswith(("javascript:", "#")) or PAGE_WORD.match(anchor):
                continue
            at = block.text.find(anchor)
            before = [k for k in keys if k[0] <= max(at, 0)]
            kind = (before[-1] if before else keys[0])[1]
            title = PREV_KEY.sub("", NEXT_KEY.sub("", anchor)).strip(" :：") or None
            yield kind, Link(title=title, url=_join(base, href))


COPYRIGHT = regex.compile(both_scripts(r"©|copyright|\(c\)|版权"), regex.IGNORECASE)
