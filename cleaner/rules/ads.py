from ..document import Contact
from ..patterns import find_contacts
from . import remove, rule


@rule("ads", kind="ad")
def ads(page):
    """Ads, promotions and follow/subscribe prompts, wherever they sit (between paragraphs, inside a list).

    Signals: phrases of the `ad` family (客服微信, 扫码关注, 获取…模板, QQ群, Advertisement, Sponsored,
    newsletter prompts). Contacts in the block (WeChat, QQ, email, phone, URL) go to `contacts`.
    False positives: a long block (an article about the 广告 industry) is kept unless ad phrases make
    up a fifth of it; the block must be short (at most 40 tokens) or be mostly promotion.
    Example: "• 如来写作网客服微信:3231169,获取1000G公文写作模板" -> removed, wechat 3231169.
    """
    for block in page.free():
        spans = page.hits[block.index].get("ad")
        if not spans or (block.tokens > 40 and page.coverage(block.index, "ad") < 0.2):
            continue
        contacts = tuple(Contact(k, v) for k, v in find_contacts(block.text))
        yield remove(block.index, f"ad phrase {block.text[spans[0][0]:spans[0][1]]!r}", contacts=contacts)
