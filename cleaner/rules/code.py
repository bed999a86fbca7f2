import regex

from . import remove, rule

HTML_TAGS = (
    "a|b|i|p|br|hr|em|strong|span|div|img|script|style|iframe|ul|ol|li|dl|dt|dd|table|thead|tbody|tr|td|th|h[1-6]|section|"
    "article|header|footer|nav|aside|main|input|form|button|select|option|textarea|label|meta|link|ins|noscript|font|"
    "center|figure|figcaption|video|audio|source|svg|path|html|head|body|title"
)
TAG = regex.compile(rf"</?(?:{HTML_TAGS})(?:\s[^<>]{{0,300}})?/?>|<!--.{{0,300}}?-->", regex.IGNORECASE)
SCRIPT = regex.compile(
    r"\bfunction\s*\(|\bvar\s+\w+\s*=|\b(?:window|document)\.\w+|\}\)\(|=>\s*\{|\bjQuery\b|\$\(\w|\.push\(\{|"
    r"\bgoogletag\b|\b(?:@media|@import)\b|\{\s*[\w-]+\s*:\s*[^;{}]+;",
)


@rule("code", kind="code")
def code(page):
    """Markup, script and style text a scraper saved as if it were words: "<div class=…>", "var a = …".

    Signals: HTML tags (real tag names, so "<The Palace>" quoting a title is no tag) and comments
    covering a third of the block, or three or more script/style tokens (function(, var x =,
    document.x, jQuery, @media, "{ color: red; }").
    False positives: an article that quotes one tag or one line of code stays; the block must be
    mostly markup or dense with script tokens; a block under a line that ends in a colon ("Livewire view:",
    "代码如下：") is code the writer quotes, and stays.
    Example: '<div class="pic_midd mb20"> <!--插件的宽度依赖于pic_midd 的宽度--> <div id="pic_con">' -> removed.
    """
    for block in page.free():
        text = block.text
        if "<" not in text and "{" not in text and "(" not in text:
            continue
        if block.index and _introduces(page, block.index - 1):
            continue  # "Livewire view:" above it: code the writer quotes
        tags = sum(len(m.group()) for m in TAG.finditer(text, timeout=1.0)) if "<" in text else 0  # each tag opens with "<"
        if tags >= 0.33 * len(text) and tags >= 12:
            yield remove(block.index, f"markup: tags are {tags * 100 // len(text)}% of the block")
        elif len(SCRIPT.findall(text, timeout=1.0)) >= 3:
            yield remove(block.index, "script or style code")


def _introduces(page, index: int) -> bool:
    """A line of the writer's that ends in a colon ("Livewire view:", "代码如下："), not a widget's ("分享到：")."""
    return page.blocks[index].text[-1] in ":：" and index not in page.claimed and not page.hits[index]
