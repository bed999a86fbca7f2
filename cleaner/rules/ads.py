from ..document import Contact
from ..patterns import find_contacts
from . import remove, rule


@rule("ads", kind="ad")
def ads(page):
    """Ads, promotions and follow/subscribe prompts, wherever they sit (between paragraphs, inside a list).

    Signals: phrases of the `ad` family (客服微信, 扫码关注, 获取…模板, QQ群, Advertisement, Sponsored,
    newsletter prompts). Contacts in the block (WeChat, QQ, email, phone, URL) go to `contacts`.
    False positives: beyond 8 tokens, unless they open a line of at most 25, the ad phrases must cover a good
    part of the block (15%, or 20% over 40 tokens), so a headline or an article sentence about the 广告
    industry ("工商部门初定SKII广告属于虚假宣传"), or agents who "earn a commission", stays.
    Example: "• 如来写作网客服微信:3231169,获取1000G公文写作模板" -> removed, wechat 3231169.
    """
    for index in page.with_hits("ad"):
        if index in page.claimed:
            continue
        block, spans = page.blocks[index], page.hits[index]["ad"]
        # A line of a few words, or one the ad words open ("广告 …", "Subscribe to …"), is a prompt; beyond that
        # the ad words must make up a good part of it (a headline about 广告 stays).
        prompt = block.tokens <= 8 or (block.tokens <= 25 and spans[0][0] <= 2)
        needed = 0.0 if prompt else 0.15 if block.tokens <= 40 else 0.2
        if page.coverage(block.index, "ad") < needed:
            continue
        contacts = tuple(Contact(k, v) for k, v in find_contacts(block.text))
        yield remove(block.index, f"ad phrase {block.text[spans[0][0]:spans[0][1]]!r}", contacts=contacts)
