import regex

from ..hanzi import both_scripts
from ..scan import mentions
from ..shapes import is_number
from . import remove, rule

BREADCRUMB = regex.compile(r"^[^>›»/|]{1,20}(?:\s*[>›»/|]\s*[^>›»/|]{1,30}){2,}$")
GALLERY = regex.compile(both_scripts(r"^(?:image|photo|picture|slide|图片?)?\s*\d+\s*(?:of|/|／)\s*\d+$"), regex.IGNORECASE)
CREDIT = regex.compile(both_scripts(
    r"^\(?(?:image|photo|photograph|picture|screenshot|illustration|video|credit|crédit|foto|bild|getty images|图片?来源|图片|图|摄影)"
    r"s?\s*(?:credits?)?\s*[:：…|]"),
    regex.IGNORECASE,
)
# "Photograph by Ed Marshall", "Foto von Anna Weber": a credit when it is not a sentence.
CREDIT_BY = regex.compile(r"^\(?(?:image|photo|photograph|picture|illustration|foto|bild)s?\s+(?:by|von|par|por)\s+\p{Lu}", regex.IGNORECASE)
# What a match of each pattern must hold (GALLERY's "of" folded as IGNORECASE reads it): a short line without it is
# not tried, as most are not.
CRUMB_MARKS = frozenset(">›»/|")
GALLERY_MARKS = ("of", "/", "／")
CREDIT_MARKS = frozenset(":：…|")
BY_MARKS = (" by ", " von ", " par ", " por ")
COUNTER = regex.compile(r"^[\p{L}\s]{0,6}[(\[（【]?\s*+\d++\s*+[)\]）】]?(?:\s*+[\p{L}]{0,4})?$")  # possessive: linear on long runs of spaces


@rule("navigation", kind="navigation")
def navigation(page):
    """Site furniture: breadcrumbs, menus, share/like/comment widgets and counters, login and search boxes.

    Signals: a short block (at most 12 tokens) that is mostly `ui` words (分享到, 登录, 评论, Share,
    Sign in, Menu), a breadcrumb trail (首页 > 新闻 > 国内), a bare counter such as "(0)" or "赞 12",
    a gallery position ("Image 1 of 4"), or an image credit ("Photo: AP", "(Foto: dpa)", "图片来源：网络", "Photograph by
    Ed Marshall" when it is not a sentence).
    False positives: only short blocks qualify, and half of their characters must be widget words, so a
    heading such as "分享经济的未来" stays.
    Example: "分享到：微博 微信 QQ空间" -> removed.
    """
    digits = page.digits
    for block in page.free():
        if block.tokens > 12:
            continue
        digit = block.index in digits  # a counter and a gallery's position hold one; a number, one or "," or "."
        if page.coverage(block.index, "ui") >= 0.5:
            yield remove(block.index, "share, login, menu or widget words")
        elif not CRUMB_MARKS.isdisjoint(block.text) and BREADCRUMB.match(block.text) and block.tag not in ("tr", "pre"):  # a table row or code line in HTML is data
            yield remove(block.index, "breadcrumb trail")
        elif (digit or "," in block.text or "." in block.text) and (
                is_number(block) or (block.tokens <= 3 and digit and COUNTER.match(block.text))):
            yield remove(block.index, "bare counter")
        elif digit and mentions(block.text, GALLERY_MARKS) and GALLERY.match(block.text):
            yield remove(block.index, "gallery position ('1 of 6')")
        elif (not CREDIT_MARKS.isdisjoint(block.text) and CREDIT.match(block.text)) or (
                not block.ends_sentence and mentions(block.text, BY_MARKS) and CREDIT_BY.match(block.text)):
            yield remove(block.index, "image credit")
