"""The article's container in an HTML page, found from the blocks' paths, and the furniture around and in it."""
from __future__ import annotations

from collections import Counter
from functools import lru_cache
from urllib.parse import urlsplit

import regex

from ..document import Link
from . import remove, rule

# Elements that hold site furniture, whatever their class.
FURNITURE_TAGS = {"nav": "<nav>", "aside": "<aside>", "footer": "<footer>", "menu": "<menu>", "form": "<form>", "header": "<header>",
                  "figcaption": "<figcaption> (image caption)"}
# Class and id words of site furniture, in English and in the pinyin Chinese sites use. A strong word counts
# wherever it stands in a name (`article-footer`, `share-box`); a weak one only as the whole name (`class="meta"`).
STRONG = {
    "navbar": "navigation", "navigation": "navigation", "topnav": "navigation", "subnav": "navigation", "breadcrumb": "breadcrumb",
    "breadcrumbs": "breadcrumb", "crumb": "breadcrumb", "crumbs": "breadcrumb", "weizhi": "breadcrumb", "dqwz": "breadcrumb",
    "footer": "footer", "copyright": "footer", "banquan": "footer", "sidebar": "sidebar", "rightbar": "sidebar", "leftbar": "sidebar",
    "related": "related", "relate": "related", "recommend": "related",
    "recommended": "related", "recommendation": "related", "recommendations": "related", "xgtj": "related", "xgwz": "related",
    "xgxw": "related", "tuijian": "related", "xiangguan": "related", "hotnews": "related", "paihang": "related",
    "outbrain": "related", "taboola": "related", "share": "share", "sharing": "share", "social": "share", "fenxiang": "share",
    "bdshare": "share", "sharethis": "share", "addthis": "share", "pagination": "pagination", "pager": "pagination",
    "pagenav": "pagination", "fenye": "pagination", "advert": "ad", "advertisement": "ad", "adsbygoogle": "ad",
    "guanggao": "ad", "sponsor": "ad", "sponsored": "ad", "comment": "comments", "comments": "comments",
    "pinglun": "comments", "disqus": "comments", "newsletter": "login", "subscribe": "login", "cookie": "cookie notice",
    "cookies": "cookie notice", "consent": "cookie notice", "gdpr": "cookie notice", "popup": "popup", "masthead": "header",
}
WEAK = {
    "caption": "image caption", "credit": "image caption", "wp-caption-text": "image caption", "photo-credit": "image caption",
    "nav": "navigation", "menu": "menu", "widget": "sidebar", "widgets": "sidebar", "position": "breadcrumb", "location": "breadcrumb", "foot": "footer", "ft": "footer",
    "bottom": "footer", "side": "sidebar", "aside": "sidebar", "right": "sidebar", "hot": "related", "rank": "related",
    "ranking": "related", "popular": "related", "more": "related", "trending": "related", "tools": "share", "toolbar": "share",
    "print": "share", "sns": "share", "pages": "pagination", "paging": "pagination", "ad": "ad", "ads": "ad", "adv": "ad",
    "gg": "ad", "banner": "ad", "promo": "ad", "respond": "comments", "login": "login", "signin": "login", "signup": "login",
    "register": "login", "modal": "popup", "topbar": "header", "header": "header", "skip": "navigation", "meta": "byline",
    "byline": "byline", "author": "byline", "tags": "tags", "tag": "tags", "keywords": "tags", "post-meta": "byline",
    "entry-meta": "byline", "article-meta": "byline", "site-header": "header", "page-header": "header", "site-nav": "navigation",
    "main-nav": "navigation", "main-menu": "menu", "player": "media player", "video-player": "media player",
    "audio-player": "media player",
}
NAME_WORDS = regex.compile(r"[a-z]+")
# Forum software's URL conventions: on such a page the replies are the content.
FORUM_URL = regex.compile(r"//(?:bbs|forums?)\.|/(?:bbs|forums?|threads?)/|viewthread|viewtopic|showtopic|forum\.php", regex.IGNORECASE)
DIGITS = regex.compile(r"[0-9]+")
BLOCK_COST = 4.0
STRONG_SHARE = 0.8  # ... unless its name says footer, comment, sidebar, share, related
PENALTY_SHARE = 0.5  # a furniture-named node holding half the page's text is not furniture
SIBLING_SHARE = 0.15
RIVALS = 10
LANDMARKS = frozenset({'main', 'article', 'body', 'html'})
THREAD_ARTICLE = 120.0  # ... unless that container holds an article of its own
THREAD_SHARE = 2.0  # comments holding twice the container's text make the page a thread
TITLE_REACH = 40  # blocks after the title's heading that get a boost
TITLE_BOOST = 1.5
ARTICLE_LIFT = 3  # how far up an <article> element may lift the container
ARTICLE_SHARE = 0.7
THREAD = frozenset({'reply', 'replies', 'answer', 'answers', 'posts', 'floor', 'huifu', 'postlist', 'thread'})
# Whole names that mean furniture even on an element holding most of the page's text (a long comment thread, a
# dialog's form such as a report box's list of reasons).
# Not breadcrumb, pager nor share bar: one that holds most of the text wraps the article by unclosed markup.
UNAMBIGUOUS = frozenset({'comments', 'comment', 'pinglun', 'disqus', 'sidebar', 'footer', 'copyright', 'related', 'modal', 'popup'})
EXACT = "class/id named "
SUM_GUARD = 0.4
CONTAINERS = frozenset({'div', 'td', 'section', 'article', 'main', 'body', 'center', 'font', 'span', 'form', 'th'})
RIVAL_SHARE = 0.5
MIN_RIVALS = 3
REPEAT_REACH = 10  # how far above the container the posts of a thread may sit
REPEAT_MIN = 5.0  # the text a post beside it must hold
MIN_TEASERS = 3
TEASER_LINKED = 0.8  # link share of a headline
TEASER_HEADLINE = 4.0  # words (CJK characters count half)
TEASER_SHARE = 0.6  # of the items marked up alike that hold a headline
TEASER_TEXT = 150.0  # mean text value of a teaser beyond its headline: a blurb of a few sentences (a blog's posts hold more)
PARAGRAPH = 40.0  # the text value of an article paragraph set between the items
TABLE_CHARS = 100
LISTING_ITEMS = 5  # candidates of like score, apart, none holding LISTING_SHARE of the page's text: a list, no article
LISTING_SHARE = 0.2
TABLE_LINKED = 0.05
# Furniture that may wrap the article when a template nests it so (a page's <header>, a 'with-sidebar' column, a
# <form> round the page), unlike comments, related lists, notices, pop-ups and <aside>.
LAYOUT = ('<nav>', '<header>', '<footer>', '<form>', '<menu>', '(navigation)', '(sidebar)', '(header)', '(footer)', '(share)',
          '(menu)', '(breadcrumb)', '(pagination)')
NAMED_SHARE = 2.0  # how far the best node inside such furniture, names aside, must outscore the best outside it
DEK_REACH = 4  # how many of a block's nearest elements _set_apart_lead and _named_lead read
DEK_WORDS = ('head', 'caption', 'byline', 'meta', 'quote')
# Class words of an article's standfirst, wherever it sits (often in the page's <header>, beside the title).
LEAD_NAMES = frozenset({'lead', 'intro', 'excerpt', 'standfirst', 'dek', 'deck', 'subtitle', 'subheadline', 'abstract', 'summary'})
LEAD_TOKENS = 10  # words of a sentence in an article's <header> that make it the lead
NEGATIVE_WEIGHT = 0.35  # what a weak block inside a container costs it, against a strong block's gain
BYLINE_TOKENS = 20  # a byline or date line this short brings no article text
UPWARD = (1, 2, 6, 9, 12)  # what a block's value is divided by in its parent, grandparent, ... (_tight)

NO_KIDS: dict[str, int] = {}  # the children of every leaf node: never written to


class _Tree:
    """The element tree rebuilt from the blocks' paths: node 0 is the root; each block sits at its element's node."""

    def __init__(self, blocks):
        self.seg = [""]
        self.parent = [-1]
        self.kids: list[dict[str, int]] = [{}]  # a leaf's is NO_KIDS: a page's blocks are mostly leaves
        self._paths: dict[int, str] = {}
        self._chains: dict[int, tuple[int, ...]] = {}
        self._by_path = {"": 0}
        self.node_of = [self._node(block.path or "") for block in blocks]

    def _node(self, path: str) -> int:
        """The node at `path`, made with its missing ancestors (top down) the first time: blocks mostly share
        their parent's path, so each costs a lookup or two rather than a walk from the root."""
        node = self._by_path.get(path)
        if node is None:
            above, _, segment = path.rpartition("/")
            node = self._node(above)
            if segment:  # an empty segment ("a//b") stands for no element
                kids = self.kids[node]
                child = kids.get(segment)
                if child is None:
                    if kids is NO_KIDS:
                        kids = self.kids[node] = {}
                    child = len(self.seg)
                    self.seg.append(segment)
                    self.parent.append(node)
                    self.kids.append(NO_KIDS)
                    kids[segment] = child
                node = child
            self._by_path[path] = node
        return node

    def path(self, node: int) -> str:
        """The node's path, its empty segments left out (made when a reason names it, rather than kept for every node)."""
        path = self._paths.get(node)
        if path is None:
            parent = self.parent[node]
            path = self._paths[node] = f"{self.path(parent)}/{self.seg[node]}" if parent > 0 else self.seg[node]
        return path

    def ancestors(self, node: int) -> tuple[int, ...]:
        """The node and its ancestors, up to the root (cached: blocks share their elements' chains)."""
        chain = self._chains.get(node)
        if chain is None:
            parent = self.parent[node]
            chain = self._chains[node] = (node,) + (self.ancestors(parent) if parent >= 0 else ())
        return chain

    def nearest(self, marked) -> list[int]:
        """For each node, the first node of its chain up to the root (itself first) that is in `marked`, or -1:
        one pass down the tree (a parent is numbered before its children) instead of a walk up per block."""
        found = [-1] * len(self.seg)
        if marked:
            parent = self.parent
            for node in range(len(found)):
                found[node] = node if node in marked else found[parent[node]]  # the root's parent, -1, reads as -1
        return found

    def totals(self, items, zero=0.0) -> list:
        """Per node, the sum of the (node, value) items at it and below it: one pass up the tree (a child is numbered
        after its parent) instead of a walk up per block."""
        sums = [zero] * len(self.seg)
        for node, v in items:
            sums[node] += v
        parent = self.parent
        for node in range(len(sums) - 1, 0, -1):
            sums[parent[node]] += sums[node]
        return sums


def _tag(segment: str) -> str:
    """The segment up to its index, id or classes. An index comes first: a segment with one needs no cache (a long page
    has thousands, `p[1]` to `p[9999]`, which filled it with entries kept after the page)."""
    tag = segment.partition("[")[0]
    return _named_tag(tag) if "#" in tag or "." in tag else tag


@lru_cache(maxsize=65536)
def _named_tag(segment: str) -> str:
    return segment.partition("#")[0].partition(".")[0]  # up to the first of them


def furniture(segment: str) -> str | None:
    """Why an element is furniture by its tag or its class/id names (`div.share-box` -> 'share'), or None."""
    if "#" not in segment and "." not in segment:  # a tag alone (and its index): not cached, as in _tag
        return FURNITURE_TAGS.get(_tag(segment))
    return _named_furniture(segment)


@lru_cache(maxsize=65536)
def _named_furniture(segment: str) -> str | None:
    tag = _tag(segment)
    if tag in FURNITURE_TAGS:
        return FURNITURE_TAGS[tag]
    rest = segment[len(tag):]
    if "#" not in rest and "." not in rest:
        return None
    for name in rest.replace("#", ".").split(".")[1:]:
        if name in UNAMBIGUOUS:
            return f"{EXACT}{name!r} ({STRONG.get(name) or WEAK[name]})"
        if name.startswith(("js-", "js_")) or tag in LANDMARKS:
            continue  # script hooks say nothing; <main> and <article> are what their names qualify
        kind = WEAK.get(name) or WEAK.get(name.rstrip("s"))
        if not kind:
            for word in NAME_WORDS.findall(name):
                if word in STRONG:
                    kind = STRONG[word]
                    break
        if kind:
            return f"class/id {name!r} ({kind})"
    return None


def value(block) -> float:
    """How much article text a block brings: its length less its links, its punctuation, less a cost per block."""
    size = block.words
    linked = size * block.link_density
    cost = BLOCK_COST * (0.4 + 0.6 * block.link_density)  # short plain text costs little, a link a lot
    v = (size - linked) - 0.7 * linked + min(block.punct, 15) + (2.0 if block.ends_sentence else 0.0) - cost
    if block.repeats > 1:
        v = min(v, 0.0) - 1.0
    return v


def select(page, thread: bool = False):
    """(container nodes, tree, bad nodes with their reasons, node scores, nodes under bad ones, whether the page is
    a listing: teasers alike and no article)."""
    blocks = page.blocks
    if thread:  # the text rules that follow ask (the comments rule leaves a forum's replies alone)
        page.forum_thread = True
    tree = _Tree(blocks)
    n = len(tree.seg)
    values = [value(b) for b in blocks]
    heading = _title_heading(page)
    if heading is not None:  # the text that follows the article's title is most likely the article
        for i in range(heading + 1, min(len(blocks), heading + 1 + TITLE_REACH)):
            if values[i] > 0:
                values[i] *= TITLE_BOOST
    # a disclaimer or an ad is not article text, however long; nor is a byline (each block once, of the few that hold one)
    for i in sorted({*page.with_hits("notice"), *page.with_hits("ad"), *page.with_hits("byline")}):
        hits = page.hits[i]
        if blocks[i].tokens <= 80 and ("notice" in hits or "ad" in hits) or (blocks[i].tokens <= BYLINE_TOKENS and "byline" in hits):
            values[i] = min(values[i], 0.0) - 1.0
    positive = tree.totals((node, v) for node, v in zip(tree.node_of, values) if v > 0)
    total = positive[0] or 1.0
    bad: dict[int, str] = _teaser_lists(tree, blocks, positive, _host(page.url))
    named: dict[tuple, list[int]] = {}  # furniture-named elements, by reason and markup
    for node, why in enumerate(map(furniture, tree.seg)):  # the root's empty segment names nothing
        if not why:
            continue
        share = STRONG_SHARE if "'" in why and _strong(why) else PENALTY_SHARE
        if thread and "(comments)" in why:
            continue  # a thread's posts are marked up as comments
        if positive[node] < share * total or why.startswith(EXACT):
            bad[node] = why
            named.setdefault((why, _signature(tree.seg[node])), []).append(node)
    # A page has one footer: a 'footer' slot marked up alike in every post of a list (`n-thing-main__footer`), holding
    # most of the page's text, is where the posts keep their text.
    for (why, _), nodes in named.items():
        if why.endswith("(footer)") and len(nodes) >= MIN_TEASERS and sum(positive[i] for i in nodes) >= PENALTY_SHARE * total:
            for i in nodes:
                del bad[i]
    chars = tree.totals(((node, len(b.text)) for node, b in zip(tree.node_of, blocks)), 0)
    linked = tree.totals((node, len(b.text) * b.link_density) for node, b in zip(tree.node_of, blocks))
    final = _tight(tree, values, bad, chars, linked)
    if any(why.endswith(LAYOUT) for why in bad.values()):  # names aside, is the article inside layout furniture?
        blind = _tight(tree, values, {}, chars, linked)
        pick = _best(blind)
        named = [a for a in tree.ancestors(pick) if a in bad and not bad[a].startswith(EXACT) and bad[a].endswith(LAYOUT)]
        if named and blind[pick] >= NAMED_SHARE * max(final):
            for a in named:
                del bad[a]
            final = _tight(tree, values, bad, chars, linked)
    in_bad = tree.nearest(bad)
    under_bad = [in_bad[node] >= 0 for node in tree.node_of]
    weighed = []
    for node, v, inside in zip(tree.node_of, values, under_bad):
        if inside:
            v = -BLOCK_COST - 0.3 * max(v, 0.0)
        weighed.append((node, v * NEGATIVE_WEIGHT if v < 0 else v))
    scores = tree.totals(weighed)
    best = _best(final)
    top = final[best]
    if top <= 0:
        return select(page, thread=True) if not thread and _thread_page(tree, bad, [], values, blocks) else ([], tree, bad, scores, under_bad, False)
    widest = _best(scores, 0)
    if scores[best] < SUM_GUARD * scores[widest]:  # the tight pick holds too little of the page's text
        best = widest
        top = final[best]
    # Several strong candidates under one ancestor (the posts of a thread, an article in parts): take the ancestor.
    rivals = [i for i in sorted(range(1, n), key=final.__getitem__, reverse=True)[:RIVALS] if i != best and final[i] >= RIVAL_SHARE * top]
    rivals = [i for i in rivals if best not in tree.ancestors(i) and i not in tree.ancestors(best)]
    if len(rivals) >= MIN_RIVALS:
        for a in tree.ancestors(tree.parent[best]):
            if a <= 0:
                break
            inside = sum(1 for r in rivals if a in tree.ancestors(r))
            if inside >= MIN_RIVALS and scores[a] > 0:
                best = a
                break
    titled = _titled_article(page, tree, bad, values, best)
    if titled is not None:
        return [titled], tree, bad, scores, under_bad, False
    # Inside an <article> element: the whole article (its ingredients list, its lead beside the text).
    for a in tree.ancestors(best)[1:ARTICLE_LIFT + 1]:
        if _tag(tree.seg[a]) == "article" and a not in bad and scores[a] >= ARTICLE_SHARE * scores[best]:
            best = a
            break
    while tree.parent[best] > 0 and len(tree.kids[tree.parent[best]]) == 1:
        best = tree.parent[best]
    item, alike = _repeated(tree, best, bad, positive)
    if alike:
        best = item
    chosen = [best]
    parent = tree.parent[best]
    if parent >= 0:
        threshold = max(10.0, SIBLING_SHARE * top)
        for child in tree.kids[parent].values():
            if child == best or child in bad:
                continue
            density = linked[child] / chars[child] if chars[child] else 1.0
            if _tag(tree.seg[child]) == "table" and chars[child] >= TABLE_CHARS and density < TABLE_LINKED:
                chosen.append(child)  # a table of data beside the article's text: many short cells, no links
                continue
            if scores[child] <= 0:
                continue
            if final[child] >= threshold or (not tree.kids[child] and density < 0.25 and scores[child] >= 8):
                chosen.append(child)
    chosen += [s for s in alike if s not in chosen]
    # A thread: the replies to a post sit beside it, in a container named for them (on a forum's page, or one that
    # holds elements named for comments).
    replies = {a for i in range(1, n) if "(comments)" in (furniture(tree.seg[i]) or "") for a in tree.ancestors(i)} if thread else ()
    level, node = 0, best
    while level < 3 and tree.parent[node] > 0:
        for child in tree.kids[tree.parent[node]].values():
            if child != node and child not in bad and child not in chosen and scores[child] >= REPEAT_MIN and (
                    _thread(tree.seg[child]) or child in replies):
                chosen.append(child)
        node, level = tree.parent[node], level + 1
    if not thread and _thread_page(tree, bad, [c for c in chosen if c not in alike], values, blocks):
        return select(page, thread=True)  # a forum: its posts are marked up as comments, and they are the content
    return chosen, tree, bad, scores, under_bad, not thread and _listing(tree, blocks, final, chosen, positive)


def _best(scores: list[float], start: int = 1) -> int:
    """The node from `start` on with the highest score, the last of them on a tie; 0 if there is none."""
    return max(range(len(scores) - 1, start - 1, -1), key=scores.__getitem__, default=0)


def _titled_article(page, tree, bad, values, best) -> int | None:
    """The page's one <article> element when the container chosen lies outside it and it holds the page's title (its
    heading, or a line that is the declared title) and article text besides: a pop-up, a dialog or a sidebar that
    outscores a short post is not the article. None otherwise."""
    title = page.declared.get("title")
    articles = [n for n in range(1, len(tree.seg)) if _tag(tree.seg[n]) == "article"] if title else []
    if len(articles) != 1 or articles[0] in bad or articles[0] in tree.ancestors(best) or best in tree.ancestors(articles[0]):
        return None
    held = [b for b in page.blocks if articles[0] in tree.ancestors(tree.node_of[b.index])]
    heading = _title_heading(page)
    if any(b.index == heading or b.text == title for b in held) and any(values[b.index] > 0 for b in held if b.text != title):
        return articles[0]
    return None


def _listing(tree, blocks, final, chosen, positive) -> bool:
    """A page of teasers (a portal's front, a section's list of articles): what was chosen holds under LISTING_SHARE
    of the page's text, and LISTING_ITEMS candidates, none inside another, score within RIVAL_SHARE of the best, each
    a teaser: a mostly linked line (its headline, or a 'more' link) beside its blurb. A short article among teasers
    holds no linked headline of its own."""
    if sum(positive[c] for c in chosen) > LISTING_SHARE * positive[0]:
        return False
    headed = _linked_lines(tree, blocks)
    ranked = sorted(range(1, len(final)), key=final.__getitem__, reverse=True)
    top = final[ranked[0]] if ranked else 0.0
    items: list[int] = []
    for node in ranked:
        if final[node] < RIVAL_SHARE * top or top <= 0 or not headed[node]:
            return False
        if not any(i in tree.ancestors(node) or node in tree.ancestors(i) for i in items):
            items.append(node)
            if len(items) >= LISTING_ITEMS:
                return True
    return False


def _linked_lines(tree, blocks) -> list[int]:
    """Per node: how many of its blocks are mostly link text (a headline, a 'more' link, a list entry)."""
    return tree.totals(((node, b.link_density >= 0.5) for node, b in zip(tree.node_of, blocks)), 0)


def _tight(tree, values, bad, chars, linked) -> list[float]:
    """Readability-style node scores: a block's value goes to its parent in full, its grandparent half, further
    up less, times the share of the node's text that is not links. Blocks inside `bad` nodes give nothing, and
    those nodes score 0."""
    in_bad = tree.nearest(bad)
    tight = [0.0] * len(tree.seg)
    parent = tree.parent
    for node, v in zip(tree.node_of, values):
        if v <= 0 or in_bad[node] >= 0:
            continue
        if _tag(tree.seg[node]) in CONTAINERS:  # text straight in a <div> or <td>: that element holds it
            tight[node] += v
        a = parent[node]
        for part in UPWARD:
            if a < 0:
                break
            tight[a] += v / part
            a = parent[a]
    final = [t * (1.0 - link / size) if size else 0.0 for t, link, size in zip(tight, linked, chars)]
    for node in bad:
        final[node] = 0.0
    return final


def _repeated(tree, best, bad, positive) -> tuple[int, list[int]]:
    """The posts of a thread: an ancestor of the container, close by, whose siblings are marked up alike
    (same tag and classes, whatever their ids) and hold text of their own. (that ancestor, those siblings)"""
    node = best
    for _ in range(REPEAT_REACH):
        parent = tree.parent[node]
        if parent <= 0:
            break
        mark = _signature(tree.seg[node])
        if mark:
            alike = [k for k in tree.kids[parent].values()
                     if k != node and k not in bad and positive[k] >= REPEAT_MIN and _signature(tree.seg[k]) == mark]
            if alike:
                return node, alike
        node = parent
    return best, []


def _teaser_lists(tree, blocks, positive, host) -> dict[int, str]:
    """Lists of the site's other articles: three or more sibling items marked up alike, most of them holding a
    linked headline (a block nearly all one link, of four words or eight CJK characters or more, to a page of the
    same site) and a blurb of a few sentences at most. Items marked up alike whose headline links elsewhere
    (syndicated) are among them, not article text between them. Product boxes linking to a shop are the
    article's, and stay."""
    heads: dict[tuple[int, tuple], set[int]] = {}
    alike: dict[int, Counter] = {}
    headed: set[int] = set()  # elements holding a headline
    for block in blocks:
        if block.link_density < TEASER_LINKED or block.words < TEASER_HEADLINE:
            continue
        if len(block.links) != 1 or _host(block.links[0][1]) != host:
            continue
        node = above = tree.node_of[block.index]
        for _ in range(REPEAT_REACH):  # the headline's element and its nearest ancestors
            headed.add(above)
            above = tree.parent[above]
            if above < 0:
                break
        for _ in range(REPEAT_REACH):
            parent = tree.parent[node]
            if parent <= 0:
                break
            mark = _signature(tree.seg[node])
            if mark:
                if parent not in alike:
                    alike[parent] = Counter(map(_signature, tree.kids[parent]))  # its children by their segments
                if alike[parent][mark] >= MIN_TEASERS:
                    heads.setdefault((parent, mark), set()).add(node)
                    break
            node = parent
    found = {}
    for (parent, mark), items in heads.items():
        kids = list(tree.kids[parent].values())
        siblings = [k for k in kids if _signature(tree.seg[k]) == mark]
        between = kids[kids.index(siblings[0]) : kids.index(siblings[-1])]
        if any(positive[k] > PARAGRAPH and k not in headed and k not in siblings for k in between):
            continue  # headlines set between the article's paragraphs
        if len(items) >= max(MIN_TEASERS, TEASER_SHARE * len(siblings)) and sum(positive[k] for k in siblings) <= TEASER_TEXT * len(siblings):
            found.update(dict.fromkeys(siblings, f"one of {len(siblings)} teasers alike, most of them a linked headline"))
    return found


@lru_cache(maxsize=16384)  # a page links to a few sites, many times
def _host(url: str | None) -> str | None:
    """The site a URL points to: its registered name (`news.yahoo.com` -> `yahoo.com`, `a.sina.com.cn` ->
    `sina.com.cn`); None for a relative link or no URL."""
    if url and url.startswith(("http://", "https://")):  # most links: the host read without urlsplit
        host = url.split("/", 3)[2]
        if host.isascii() and host.replace(".", "").replace("-", "").isalnum() and host.islower():
            return _registered(host)
    try:
        host = urlsplit(url).hostname if url and "//" in url else None
    except ValueError:
        return None
    return _registered(host) if host else None


def _registered(host: str) -> str:
    """The host less its subdomains: two labels, three under a two-letter country's own second level (`com.cn`)."""
    labels = host.split(".")
    keep = 3 if len(labels) > 2 and len(labels[-1]) == 2 and len(labels[-2]) <= 3 else 2
    return ".".join(labels[-keep:])


@lru_cache(maxsize=65536)
def _signature(segment: str) -> tuple[str, frozenset] | None:
    """An element's tag and classes (not its id nor its position); with no class, its numbered id less the
    number (`div#post_53885` -> ('div', {'#post_'})): forums number their posts so. None otherwise."""
    tag = _tag(segment)
    rest = segment[len(tag):]
    classes = rest.split(".")[1:]
    if classes:
        return tag, frozenset(classes)
    ident = rest.partition("#")[2]
    unnumbered = DIGITS.sub("", ident)
    return (tag, frozenset(["#" + unnumbered])) if unnumbered and unnumbered != ident else None


def _thread_page(tree, bad, chosen, values, blocks) -> bool:
    """The 'comments' hold far more text than the container chosen without them."""
    comments = {n for n, why in bad.items() if "(comments)" in why}
    if not comments:
        return False
    kept = inside = 0.0
    for block, v in zip(blocks, values):
        if v <= 0:
            continue
        chain = tree.ancestors(tree.node_of[block.index])
        if any(a in comments for a in chain):
            inside += v
        elif any(a in chosen for a in chain):
            kept += v
    return inside > THREAD_SHARE * kept and kept < THREAD_ARTICLE


def _strong(why: str) -> bool:
    """The reason names a class/id holding a strong furniture word (footer, comment, sidebar...)."""
    name = why.split("'")[1]
    return any(word in STRONG for word in NAME_WORDS.findall(name))


def _thread(segment: str) -> bool:
    """A container of forum replies or answers, by its class/id words."""
    rest = segment[len(_tag(segment)):]
    return any(word in THREAD for word in NAME_WORDS.findall(rest))


@rule("main_content", kind="outside")
def main_content(page):
    """HTML pages: everything outside the article's container, and the furniture inside it.

    Signals: the blocks' paths rebuild the element tree; each block brings its text less its links,
    its punctuation and a cost per block; the container is the element whose blocks sum highest, with
    its siblings that score a fair share of it. Furniture is known by tag (<nav>, <aside>, <footer>,
    <form>, <header>) or by class/id words in English and pinyin (share/fenxiang, related/xgtj/tuijian,
    footer/copyright/banquan, pager/fenye, ad/gg/guanggao, comment/pinglun, breadcrumb/weizhi): outside
    the container it says why a block went, inside it removes that element. A lead paragraph between the
    title's heading and the container stays.
    False positives: a furniture-named element holding half the page's text (a `div.has-sidebar`
    wrapper) is not furniture, nor is any element that holds the container, nor a layout one (<header>,
    <form>, a sidebar, nav or share name) around the text that, names aside, scores twice the best outside it. Yields nothing for text pages.
    On a forum's page (bbs./forum. hosts, /thread/ paths, viewthread, showtopic) comments are the content.
    Example: <div class="article-content"> with <div class="share-box"> inside and <div id="footer">
    after -> the share box and the footer removed, with their class names as the reason.
    """
    if page.mode != "html" or not page.blocks:
        return
    unavailable = page.declared.get("unavailable")
    if unavailable in ("not_found", "blocked", "login"):
        yield remove([b.index for b in page.blocks], f"the page is not an article ({unavailable.replace('_', ' ')})")
        return
    chosen, tree, bad, _scores, _under_bad, listing = select(page, thread=_forum(page.url))
    if listing:
        yield remove([b.index for b in page.blocks], "the page is a list of teasers alike, no article: none of them holds "
                     f"{LISTING_SHARE:.0%} of its text", unavailable="listing")
        return
    keep = set(chosen)
    holders = {a for c in chosen for a in tree.ancestors(c)}
    lists = _related_lists(page, tree, holders)
    groups: list[tuple[list[int], str, int | None]] = []
    kept = tree.nearest(keep)
    flagged = tree.nearest({a for a in (*bad, *lists) if a not in holders})
    heading = _title_heading(page)
    first = next((b.index for b in page.blocks if kept[tree.node_of[b.index]] >= 0), None) if keep else None
    for block in page.blocks:
        leaf = tree.node_of[block.index]
        inside = bool(keep) and kept[leaf] >= 0
        node = flagged[leaf] if flagged[leaf] >= 0 else None
        in_header = node is not None and bad.get(node) == "<header>"
        if heading is not None and first is not None and heading < block.index < first and (
                (node is None and _set_apart_lead(block)) or ((node is None or in_header) and _named_lead(block))):
            continue  # the article's lead, set between its title and the container of its text
        if inside and (node is None or (in_header and (_lead(block) or _named_lead(block)))):
            continue  # the article's own <header> holds its lead paragraph as well as its title and byline
        if node is not None:
            why = lists.get(node) or bad[node]
            reason = f"{why} at {tree.path(node)}" + (" inside the article" if inside else "")
        elif not keep:
            continue
        else:
            reason = f"outside the article's container {tree.path(chosen[0])}"
        if groups and groups[-1][1] == reason and groups[-1][0][-1] == block.index - 1:
            groups[-1][0].append(block.index)
        else:
            groups.append(([block.index], reason, node))
    for indices, reason, node in groups:
        meta = {}
        if node is not None and (node in lists or "(related)" in bad.get(node, "")):
            links = [link for i in indices for link in page.blocks[i].links]
            meta["related"] = tuple(Link(title=a, url=h) for a, h in dict(links).items() if not h.startswith(("javascript:", "#")))
        yield remove(indices, reason, **meta)


def _forum(url: str | None) -> bool:
    """A forum's page, by the URL conventions of forum software or a host named for a bulletin board (bbs6.netease.com,
    patent.bbscloud.com)."""
    if not url:
        return False
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        host = ""
    return bool(FORUM_URL.search(url)) or "bbs" in host


def _title_heading(page) -> int | None:
    """The index of the heading that gives the page's title, or None (`select`, run twice on a thread's page, and
    the rule itself ask: found once)."""
    title = page.declared.get("title")
    return page.once("title heading", lambda: next(
        (b.index for b in page.blocks if b.heading and title and (b.text in title or title in b.text)), None))


def _set_apart_lead(block) -> bool:
    """A paragraph of prose, not a list item, outside a header, a caption, a byline or a pull quote (by its nearest
    elements' class/id names): those hold a subtitle, a picture's line or key points, not the article's lead."""
    names = _near_names(block)
    return block.tag != "li" and _lead(block) and not any(w in names for w in DEK_WORDS)


def _named_lead(block) -> bool:
    """A standfirst marked up as one (`p.lead`, `h2.subtitle`, `div.excerpt`): LEAD_TOKENS words or more, no link."""
    if block.tokens < LEAD_TOKENS or block.links or block.tag == "li":
        return False
    return any(w in LEAD_NAMES for w in NAME_WORDS.findall(_near_names(block)))


def _near_names(block) -> str:
    """The class/id names of the block's DEK_REACH nearest elements, lower case (`.article-lead/#intro`)."""
    return "/".join(seg[len(_tag(seg)):] for seg in (block.path or "").split("/")[-DEK_REACH:]).lower()


def _lead(block) -> bool:
    """A paragraph of prose: a sentence of LEAD_TOKENS words or more, no heading, no link."""
    return block.ends_sentence and block.tokens >= LEAD_TOKENS and not block.heading and not block.links


def _related_lists(page, tree, holders) -> dict[int, str]:
    """Elements that open with a related-list heading (相关推荐, Related articles) and hold a list of links."""
    found: dict[int, str] = {}
    blocks = page.blocks
    heads = [blocks[i] for i in page.with_hits("related") if blocks[i].tokens <= 12 and page.coverage(i, "related") >= 0.4]
    if not heads:  # most pages: no such heading, no tree sums
        return found
    count = tree.totals(((node, 1) for node in tree.node_of), 0)  # per node: its blocks, its link blocks, its first block
    linked = _linked_lines(tree, blocks)
    first = [len(blocks)] * len(tree.seg)
    for block in reversed(blocks):
        first[tree.node_of[block.index]] = block.index
    for node in range(len(first) - 1, 0, -1):
        first[tree.parent[node]] = min(first[tree.parent[node]], first[node])
    for block in heads:
        for a in tree.ancestors(tree.node_of[block.index]):
            if a <= 0 or a in holders or first[a] != block.index:
                break
            if count[a] >= 3:
                if linked[a] >= 0.6 * (count[a] - 1):
                    found[a] = f"related-articles list under {block.text!r}"
                break
    return found
