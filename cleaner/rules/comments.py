import regex

from ..hanzi import both_scripts
from ..patterns import HEADER_MARKS
from ..scan import mentions
from ..shapes import is_paragraph
from . import remove, rule

# The header line of one comment: "Alex on September 17, 2018 at 6:34 am said:", "2. joetoronto says:", "3楼".
COMMENT_HEADER = regex.compile(both_scripts(
    r"^(?:[*•]\s*)?(?:\d+[.)]\s*)?\S.{0,60}?\s(?:says|said|wrote|writes|commented|replied)\s*:?\s*$"
    r"|^(?:#\s*)?\d+\s*楼|^\S{1,20}\s*(?:发表于|回复于)|^(?:[*•]\s*)?#\d+$|^#?\s*re:\s"
    r"|(?:^|\s)(?:\d{4}[-/.])?\d{1,2}[-/.]\d{1,2}\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s|$)"
    r"|\bon\s.{4,40}\bat\s+\d{1,2}:\d{2}|\bago\s+at\s+\d{1,2}:\d{2}"),
    regex.IGNORECASE,
)
# Each branch of COMMENT_HEADER needs one of HEADER_MARKS in the folded line, or a time's colon before a digit: checked
# first, as a search costs far more (a bare colon let every "Label: value" line through).
CLOCK = regex.compile(r":\d")
MIN_ARTICLE_TOKENS = 100
MAX_BARS = 3
THREAD_HEADERS = 3


def is_post_header(block) -> bool:
    """The header line of a comment or a forum post."""
    text = block.text
    return (block.tokens <= 25 and (mentions(text, HEADER_MARKS) or (":" in text and bool(CLOCK.search(text))))
            and bool(COMMENT_HEADER.search(text, None, None, None, False, 1.0)))  # the timeout by position: faster


def _headers(page) -> list[bool]:
    """Which blocks are post headers: `teasers`, `comments` and `repeated` all ask, so found once per page (among the
    blocks that hold a mark or a colon)."""
    def find():
        headers = [False] * len(page.blocks)
        for i in page.holding(HEADER_MARKS + (":",)):
            headers[i] = is_post_header(page.blocks[i])
        return headers
    return page.once("post headers", find)


def is_thread(page) -> bool:
    """Three or more post headers on the page, or post headers of one shape recurring through a text page
    (`page.thread`): a thread, whose posts are stamped and carry furniture of their own."""
    return page.thread is not None or sum(_headers(page)) >= THREAD_HEADERS


@rule("comments", kind="comment")
def comments(page):
    """Reader comments under an article (网友评论, 34 responses to …, "Alex says:", Leave a Reply).

    Signals: after the article's lead and at least 50 tokens of its prose, a short comment-section
    heading followed by comment headers or by less prose than came before, or the first of two or
    more comment header lines ("name says:", "name on <date> at <time> said:", "3楼", a short line
    with a date and time). Everything from there to the end of the article region goes.
    False positives: three or more comment counts on a page ("赞同 41 · 7 条评论" under every answer of a
    Q&A page) are the items' bars, and none of them opens a comment section; a forum thread, where the
    first post has a header too or whose post headers recur (`page.thread`), is left alone (its posts are the
    body); so is a page whose article is too short to tell comments from content.
    Example: "…end of article." / "34 responses to “…”" / "1. fan says:" / "Great game!" -> all after
    the article removed.
    """
    if not page.blocks:  # an empty page
        return
    lead, (core_start, core_end) = page.lead, page.core
    headers = _headers(page)
    if page.thread or any(headers[max(0, core_start - 10) : lead + 1]):
        return  # a thread: the opening post has a header as well
    free = [b for b in page.blocks[lead:core_end] if b.index not in page.claimed]
    # Comment counts under every answer of a Q&A page ("赞同 41 · 7 条评论") are the answers' bars, not a section.
    counts = (page.blocks[i] for i in page.with_hits("comments"))
    bars = sum(1 for b in counts if b.tokens <= 12 and any(ch.isdigit() for ch in b.text)) >= MAX_BARS
    header = [headers[b.index] for b in free]
    prose_total = sum(b.tokens for b in free if is_paragraph(b))
    # main_content found the HTML page a forum's thread: its replies are the content; only a closing prompt with no
    # post after it ('You must log in to join the discussion') goes.
    forum = page.forum_thread
    prose = 0
    for n, block in enumerate(free):
        if prose >= MIN_ARTICLE_TOKENS:
            # A heading alone is weak (Q&A pages put "29 条评论" under every answer): what follows must be the smaller part.
            many = sum(header[n : n + 30]) >= 2
            heading = (not bars and page.has(block.index, "comments") and block.tokens <= 12
                       and (many or prose_total - prose <= prose) and not (forum and any(header[n:])))
            header_run = header[n] and many and not forum
            if heading or header_run:
                why = "comment section heading" if heading else "comment headers from"
                yield remove([b.index for b in free[n:]], f"{why} {block.text!r}")
                return
        if is_paragraph(block):
            prose += block.tokens
