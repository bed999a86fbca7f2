import regex

from ..hanzi import both_scripts
from . import remove, rule

MIN_PROSE = 100
CREDIT_TOKENS = 12
# Notices that only close an article; a bare © or "Copyright" also labels photos inside one.
STRONG = regex.compile(both_scripts(
    r"版权所有|版权归|信息存储|转载|侵权|免责|仅代表|不代表本|all rights reserved|originally (?:appeared|published)|views expressed"),
    regex.IGNORECASE,
)
# The editor's credit that news sites print under the article's last line ("责任编辑：刘峻凌", "(Editing by Jane Doe)").
EDITOR = regex.compile(both_scripts(r"责任编辑|责编|值班编辑|编辑\s*[:：]|\bedit(?:ed|ing) by\b"), regex.IGNORECASE)


def _closes(page, block) -> bool:
    """A closing notice the `notice` rule took, or an editor's credit line the `byline` rule took."""
    rule = page.claimed.get(block.index)
    if rule == "notice":
        return bool(STRONG.search(block.text))
    return rule == "byline" and block.tokens <= CREDIT_TOKENS and bool(EDITOR.search(block.text))


@rule("end_of_article", kind="notice")
def end_of_article(page):
    """What follows an article's closing notice or its editor's credit inside the region: the next article of a feed,
    a widget, the site's footer.

    Signals: a block the `notice` rule removed, holding a closing phrase (版权所有, 本平台仅提供信息存储服务,
    转载请注明, All rights reserved, originally appeared on), or a short line the `byline` rule removed crediting the
    editor (【责任编辑：刘峻凌】, 责编：张倩, Editing by Jane Doe), after the article's lead and at least
    100 tokens of its prose. Whatever earlier rules left after it in the region goes.
    False positives: a bare © or "Copyright" (photo credits inside an article) never closes it, nor a
    notice or a credit above the article or before enough prose to be its end.
    Example: "…last paragraph." / "以上内容为用户上传，本平台仅提供信息存储服务" / "31岁在春晚一炮而红…" (the
    next article of a feed) -> the feed goes.
    """
    lead, (_, core_end) = page.lead, page.core
    prose = page.prose_before()
    for block in page.blocks[lead:core_end]:
        if prose[block.index] >= MIN_PROSE and _closes(page, block):
            rest = [b.index for b in page.blocks[block.index + 1 : core_end] if b.index not in page.claimed]
            if rest:
                yield remove(rest, f"after the article's closing {block.text[:30]!r}")
            return
