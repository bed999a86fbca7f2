"""Each built-in rule on small realistic inputs: what it removes (rule, kind and reason in the audit trail),
what it learns (metadata), and what it must leave alone (negatives: article prose that mentions 版权, 推荐,
广告, a page, a date ...). Then the Cleaner's configuration: disable, unknown names, user rules.

Inputs are short pages around a few paragraphs of article prose, in Chinese (full-width punctuation,
\u3000 indents, • and * bullets) and in English, because the rules judge a line by its place around the
article. Negatives that concern one rule run that rule alone (`only(...)`), so another rule cannot hide
a false positive; positives run the whole default pipeline, so the rule must also win its line there.
"""
from __future__ import annotations

import pytest

import cleaner
from cleaner import Cleaner, Contact, remove, rule

RULES = {r.name: r for r in cleaner.default_rules()}

INDENT = "\u3000\u3000"
ZH = [
    INDENT + ("近年来，我市持续推进老旧小区改造工作，累计完成改造项目一百二十余个，惠及居民三万多户。改造内容涵盖供水管网、电梯加装、"
              "外墙保温和停车设施等多个方面。"),
    INDENT + "在改造过程中，各街道坚持“居民点单、政府接单”的工作思路，先后召开议事会两百余场，广泛征求群众意见，确保改造项目符合居民的实际需要。",
    INDENT + "下一步，我市将进一步完善长效管理机制，引导专业物业企业进驻，推动改造成果从“一时新”向“持久新”转变，让群众的获得感成色更足。",
]
EN = [
    ("The city council voted on Tuesday to extend the downtown bike lane network by twelve miles, a plan that supporters say will "
     "make commuting safer for thousands of residents."),
    ("Opponents argued that the project would remove dozens of parking spaces from busy shopping streets, but the council's "
     "transportation committee said traffic studies showed little effect on local businesses."),
    ("Construction is expected to begin next spring and finish by the end of the following year, according to the city's public "
     "works department."),
]


def clean(*lines: str, cleaner_: Cleaner | None = None) -> cleaner.Document:
    return (cleaner_ or Cleaner()).clean_text("\n".join(lines))


def only(name: str, *lines: str) -> cleaner.Document:
    """Clean with one built-in rule alone."""
    return clean(*lines, cleaner_=Cleaner(rules=[RULES[name]]))


def removal(doc: cleaner.Document, line: str) -> cleaner.Removal | None:
    """The removal of a whole input line (its text as the front end strips it), if any."""
    text = line.strip(" \t\u3000")
    found = [r for r in doc.removed if r.text == text]
    assert len(found) <= 1, f"{text!r} removed more than once: {found}"
    return found[0] if found else None


def assert_removed(doc: cleaner.Document, line: str, rule_name: str, *, kind: str | None = None, because: str = "") -> None:
    r = removal(doc, line)
    assert r is not None, f"{line!r} was kept; removed: {[(x.rule, x.text) for x in doc.removed]}"
    assert r.rule == rule_name, f"{line!r} removed by {r.rule} ({r.reason}), expected {rule_name}"
    expected_kind = kind or (RULES[rule_name].kind if rule_name in RULES else None)
    assert expected_kind is None or r.kind == expected_kind
    assert r.reason, "a removal must say why"
    assert because.lower() in r.reason.lower(), f"reason {r.reason!r} does not mention {because!r}"
    assert doc.source[r.start : r.end] == r.text
    assert line.strip(" \t\u3000") not in doc.body


def assert_kept(doc: cleaner.Document, line: str) -> None:
    assert removal(doc, line) is None, f"{line!r} removed: {removal(doc, line)}"
    assert line.strip(" \t\u3000") in doc.body.split("\n")


def test_every_listed_rule_is_registered():
    names = [r.name for r in cleaner.default_rules()]
    for name in ("notice", "ads", "related", "pagination", "byline", "navigation", "title", "outside_article", "truncation"):
        assert name in names
    assert len(names) == len(set(names)), "rule names are config keys and audit labels: they must be unique"
    assert all(r.doc for r in cleaner.default_rules()), "every rule documents what it detects"


# notice ---------------------------------------------------------------------------------------------------


def test_notice_removes_chinese_disclaimer_and_reprint_lines_and_keeps_source_url():
    disclaimer = "本站仅提供信息存储空间服务，不拥有所有权，不承担相关法律责任。如发现本站有涉嫌抄袭侵权/违法违规的内容，请联系删除。"
    reprint = "如若转载，请注明出处：https://www.example.com/136970.html"
    doc = clean(*ZH, disclaimer, reprint)
    assert_removed(doc, disclaimer, "notice", because="notice phrase")
    assert_removed(doc, reprint, "notice", because="如若转载")
    assert doc.metadata.source_url == "https://www.example.com/136970.html"


def test_notice_takes_contacts_but_not_a_plain_url_as_source():
    line = "版权所有 © 2024 某某网 联系邮箱：editor@example.com 网址：https://www.example.com"
    doc = clean(*ZH, line)
    assert_removed(doc, line, "notice")
    assert Contact("email", "editor@example.com") in doc.metadata.contacts
    assert all(c.kind != "url" for c in doc.metadata.contacts)
    assert doc.metadata.source_url is None, "a site URL in a copyright line is not the article's source"


def test_notice_removes_english_copyright_and_originally_appeared_lines():
    line = "© 2024 Example Media. All rights reserved."
    origin = "This article originally appeared on The Conversation: https://theconversation.com/bike-lanes-123"
    doc = clean(*EN, line, origin)
    assert_removed(doc, line, "notice", because="notice phrase")
    assert_removed(doc, origin, "notice", because="originally appeared on")
    assert doc.metadata.source_url == "https://theconversation.com/bike-lanes-123"


def test_notice_removes_a_sites_copyright_and_liability_lines_worded_with_zhuzuoquan():
    owned = "本站会员主动发布和展示的“原创作品/文章”著作权归著作权人所有"
    liable = "如未经著作权人授权用于他处和/或作为他用，著作权人及本站将保留追究侵权者法律责任的权利。"
    doc = clean(*ZH, owned, liable)
    assert_removed(doc, owned, "notice")
    assert_removed(doc, liable, "notice")


@pytest.mark.parametrize("sentence", [
    INDENT + "他在访谈中坦言，自己最在意的并不是稿费，而是版权归作者所有这一原则能否在合同里写清楚，因为过去几年里他吃过不少亏，"
    "许多作品被随意转用却无从追责。",
    INDENT + "随着数字出版的发展，版权保护问题日益受到关注，许多作者开始主动登记自己的作品，以便在发生纠纷时能够举证。",
    ("The court ruled that the copyright claim was filed too late, and the judge noted that the publisher had waited more than three "
     "years before raising the issue with the estate of the author, who died in 2019 after a long illness."),
    INDENT + "新修订的著作权法将于明年六月起施行，进一步加大对侵权行为的惩处力度，权利人可以依法追究侵权者的法律责任，维护自身合法权益。",
], ids=["zh-版权归作者所有-in-prose", "zh-版权-in-prose", "en-copyright-in-prose", "zh-依法追究-in-prose"])
def test_notice_keeps_article_prose_that_mentions_copyright(sentence):
    doc = only("notice", *ZH[:2], sentence, *ZH[2:])
    assert_kept(doc, sentence)


# ads ------------------------------------------------------------------------------------------------------


def test_ads_removes_chinese_promotions_with_their_contacts():
    wechat = "• 如来写作网客服微信:3231169,获取1000G公文写作模板"
    qq = "加入QQ群：123456789 免费领取资料"
    doc = clean(*ZH[:2], wechat, qq, *ZH[2:])
    assert_removed(doc, wechat, "ads", kind="ad", because="客服微信")
    assert_removed(doc, qq, "ads", because="QQ群")
    assert Contact("wechat", "3231169") in doc.metadata.contacts
    assert Contact("qq", "123456789") in doc.metadata.contacts
    assert all(p.startswith(("近年来", "在改造", "下一步")) for p in doc.paragraphs)


def test_ads_removes_english_ad_labels_and_newsletter_prompts():
    label, prompt = "Advertisement", "Sign up for our newsletter to get the latest stories in your inbox."
    doc = clean(*EN[:2], label, prompt, *EN[2:])
    assert_removed(doc, label, "ads", because="advertisement")
    assert_removed(doc, prompt, "ads", because="newsletter")


@pytest.mark.parametrize("prompt", ["Verpasse keine News zu Hardware & Gadgets", "Nos siga no Instagram", "Folgen Sie uns auf Facebook",
                                    "We rely on your support to make local news available to all.", "Stay up to date with Ascom.",
                                    "Thanks for subscribing!", "Please confirm your subscription by clicking the activation link we sent you."])
def test_ads_removes_follow_and_support_prompts_in_several_languages(prompt):
    assert_removed(only("ads", *EN[:2], prompt, *EN[2:]), prompt, "ads")


def test_ads_keeps_a_quote_that_relies_on_support():
    quote = "We rely on your support, the mayor told the volunteers who had cleaned the harbour front on Sunday."
    assert_kept(only("ads", *EN[:2], quote, *EN[2:]), quote)


def test_ads_keeps_a_headline_about_advertising_and_removes_a_line_the_label_opens():
    headline, ad = "工商部门初定SKII广告属于虚假宣传", "广告 领峰环球8大交易优势 以专业领跑全行"
    doc = only("ads", *ZH[:2], headline, ad, ZH[2])
    assert_kept(doc, headline)
    assert_removed(doc, ad, "ads")


def test_ads_keeps_a_paragraph_that_mentions_advertising_once():
    sentence = (INDENT + "去年，国内互联网广告市场规模继续增长，但增速明显放缓。业内人士认为，品牌方在预算上更加谨慎，更看重实际转化效果，"
                "而不是单纯追求曝光量，这一变化正在重塑整个行业的格局。")
    assert_kept(only("ads", *ZH[:2], sentence, *ZH[2:]), sentence)


def test_ads_keeps_a_long_paragraph_about_the_advertising_industry():
    sentence = (INDENT + "去年，国内互联网广告市场规模继续增长，但增速明显放缓。业内人士认为，品牌方在投放预算上更加谨慎，更看重实际转化效果，"
                "而不是单纯追求曝光量，这一变化正在重塑整个行业的格局。")
    assert_kept(only("ads", *ZH[:2], sentence, *ZH[2:]), sentence)


def test_ads_keeps_a_sentence_using_the_verb_promoted():
    sentence = "He was promoted to captain last season after three years with the club."
    assert_kept(only("ads", *EN[:2], sentence, *EN[2:]), sentence)


# related --------------------------------------------------------------------------------------------------


def test_related_removes_a_chinese_list_with_dates_and_views_into_metadata():
    items = ["相关推荐", "• 干部监督工作情况汇报", "近年来，我局认真贯彻落实中央和省委关于干部监督工作的部署要求…", "2023年6月19日", "199",
             "• 2024年党建工作计划", "2024年3月1日", "88"]
    doc = clean(*ZH, *items)
    for line in items:
        assert_removed(doc, line, "related", because="相关推荐")
    titles = [(link.title, link.date, link.views) for link in doc.metadata.related]
    assert titles == [("干部监督工作情况汇报", "2023-06-19", 199), ("2024年党建工作计划", "2024-03-01", 88)]


def test_a_heading_of_a_few_characters_and_recommend_opens_a_related_list():
    """A real page (text view): '图文推荐' over a list of bulleted headlines that ask ('…如何评价刘华清？'), which score as
    prose and kept the region open under the article. A heading that is only a few characters and 推荐 (图文推荐,
    今日推荐, 编辑推荐) announces a list, so the list goes with it; a sentence that mentions 推荐 does not."""
    from fixture_pages import cleaned, pages

    page = next(p for p in pages() if p.id.startswith("article/2338d64a"))
    doc = cleaned(page.name)
    assert "* 中国航母之父刘华清生平简介刘华清的履历如何评价刘华清？" in [r.text for r in doc.removed if r.rule == "related"]
    assert doc.body.rstrip().endswith("大家可以通过上面的方法去投诉举报。")
    sentence = "我们向读者推荐这本书，它讲述了一座小城在改革开放以来四十年间的变化，值得一读。"
    assert sentence in cleaner.clean("\n".join([*ZH, sentence, *ZH])).body


def test_related_removes_an_english_list_and_stops_at_prose():
    items = ["Related Articles", "* Council approves new budget for parks", "* Mayor announces plan for downtown housing"]
    after = ("Residents who want to comment on the plan can attend a public hearing next month at City Hall, where the transportation "
             "committee will present the final route.")
    doc = clean(*EN, *items, after)
    for line in items:
        assert_removed(doc, line, "related", because="related articles")
    assert [link.title for link in doc.metadata.related] == ["Council approves new budget for parks", "Mayor announces plan for downtown housing"]
    assert_kept(doc, after)


def test_related_takes_headlines_that_exclaim_or_ask():
    items = ["大家都在看", "讲真！这位演员的身材，究竟谁顶得住嘛！", "二婚的聂远，三婚的汪峰，没赢过八婚的他？", "41岁刘翔晒照！内容引争议"]
    doc = clean(*ZH, *items)
    for line in items:
        assert_removed(doc, line, "related")


def test_related_list_stops_at_a_short_line_of_several_clauses_even_if_it_exclaims():
    items = ["相关推荐", "讲真！这位演员的身材，究竟谁顶得住嘛！"]
    exclaim = "是的，没错，就是这样，我们终于做到了！"  # four marks: a sentence of the article, not a headline
    doc = only("related", *ZH[:2], *items, exclaim, ZH[2])
    assert_removed(doc, items[1], "related")
    assert_kept(doc, exclaim)


@pytest.mark.parametrize("sentence", [
    INDENT + "我们推荐阅读原文，以便了解更多细节。",
    INDENT + "专家推荐的做法是先摸清底数，再分类施策，相关阅读材料已经发到各社区。",
    "We recommend reading the full report, which the council published on its website along with the traffic studies.",
], ids=["zh-推荐阅读-in-prose", "zh-相关阅读-in-prose", "en-recommend-in-prose"])
def test_related_keeps_prose_that_recommends_reading(sentence):
    doc = only("related", *ZH[:2], sentence, *ZH[2:])
    assert_kept(doc, sentence)
    assert doc.metadata.related == ()


# pagination -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("line", ["Seite 2 von 4", "Página 2 de 4", "Page 2 sur 4", "Pagina 2 di 4", "2 dari 4 halaman", "Strona 2 z 4"])
def test_pagination_page_counters_in_other_languages(line):
    doc = clean(*EN[:2], line, EN[2])
    assert_removed(doc, line, "pagination")


def test_pagination_takes_previous_and_next_titles():
    prev, nxt = "上一篇：关于加强安全生产工作的通知", "下一篇：2024年工作计划"
    doc = clean(*ZH, prev, nxt)
    assert_removed(doc, prev, "pagination")
    assert_removed(doc, nxt, "pagination")
    assert doc.metadata.prev.title == "关于加强安全生产工作的通知"
    assert doc.metadata.next.title == "2024年工作计划"


def test_pagination_reads_a_date_after_the_link_as_a_date_not_a_title():
    line = "上一篇 2024年6月27日"
    doc = clean(*ZH, line)
    assert_removed(doc, line, "pagination")
    assert doc.metadata.prev.date == "2024-06-27"
    assert doc.metadata.prev.title is None


def test_pagination_no_next_article_leaves_next_unset():
    doc = clean(*ZH, "上一篇：关于加强安全生产工作的通知", "下一篇：没有了")
    assert doc.metadata.prev.title == "关于加强安全生产工作的通知"
    assert doc.metadata.next is None


def test_pagination_english_links_and_page_counters():
    prev, nxt, pages = "Previous article: Council approves new budget for parks", "Next article: Mayor announces housing plan", "Page 2 of 5"
    doc = clean(*EN, prev, nxt, pages)
    for line in (prev, nxt, pages):
        assert_removed(doc, line, "pagination")
    assert doc.metadata.prev.title == "Council approves new budget for parks"
    assert doc.metadata.next.title == "Mayor announces housing plan"
    assert_removed(clean(*ZH, "第2页 共5页"), "第2页 共5页", "pagination")


def test_pagination_keeps_prose_that_mentions_the_next_page():
    sentence = (INDENT + "具体的改造清单和资金安排较长，详细数据见下一页的表格，各街道可以对照表格逐项核实，发现问题及时向区住建部门反映，"
                "确保每一笔资金都用在实处。")
    doc = only("pagination", *ZH[:2], sentence, *ZH[2:])
    assert_kept(doc, sentence)
    assert doc.metadata.prev is None and doc.metadata.next is None


# byline ---------------------------------------------------------------------------------------------------


def test_byline_parses_chinese_author_source_and_time():
    line = "作者：张三 来源：新华网 2024-06-27 10:00"
    doc = clean(line, *ZH)
    assert_removed(doc, line, "byline")
    meta = doc.metadata
    assert (meta.author, meta.source, meta.published) == ("张三", "新华网", "2024-06-27T10:00:00")


def test_a_long_chinese_byline_with_one_comma_is_still_a_byline():
    line = "本文来源：人民日报客户端，责任编辑：王小明 2024-06-27 10:00"
    doc = clean(*ZH, line)
    assert_removed(doc, line, "byline")


def test_byline_parses_views_and_full_width_dates():
    line = "发布时间：2024年6月27日 09:30　阅读：1,234"
    doc = clean(line, *ZH)
    assert_removed(doc, line, "byline")
    assert doc.metadata.published == "2024-06-27T09:30:00"
    assert doc.metadata.counters.get("views") == 1234


def test_byline_ignores_placeholder_authors():
    line = "作者：投稿用户 2024-02-29"
    doc = clean(line, *ZH)
    assert_removed(doc, line, "byline")
    assert doc.metadata.author is None, "投稿用户 ('a contributor') is not a name"
    assert doc.metadata.published == "2024-02-29"


def test_byline_parses_english_by_and_published_lines():
    by, when = "By Jane Smith", "Published June 27, 2024"
    doc = clean(by, when, *EN)
    assert_removed(doc, by, "byline")
    assert_removed(doc, when, "byline")
    assert doc.metadata.author == "Jane Smith"
    assert doc.metadata.published == "2024-06-27"


def test_a_date_beside_a_chinese_headline_above_the_article_dates_it():
    line = "我市老旧小区改造工作取得阶段性成果  2024-06-14 03:25:55"
    doc = clean(line, *ZH)
    assert doc.metadata.published == "2024-06-14T03:25:55"


@pytest.mark.parametrize("line, author", [
    ("By GILLIAN MOHNEY March 11, 2015 3:46 PM", "GILLIAN MOHNEY"),
    ("By Evan Halper Staff Writer", "Evan Halper"),
    ("Von: Wolfgang Schmale", "Wolfgang Schmale"),
    ("Auteur : Kossivi Tiassou", "Kossivi Tiassou"),
    ("本报记者 罗科苏盈发自北京", "罗科苏盈"),
])
def test_byline_author_stops_where_the_name_does(line, author):
    doc = clean(line, *EN)
    assert_removed(doc, line, "byline")
    assert doc.metadata.author == author


@pytest.mark.parametrize("line, author", [
    ("Gesine Engels-Krone, 02.01.2023, 11:08 Uhr", "Gesine Engels-Krone"),
    ("27. Januar 2014 by Barbara Russ / Kategorien: Event", "Barbara Russ"),
    ("Der Aufstieg von Hörmann", None),  # in a headline, "von" is "of"
])
def test_a_name_beside_a_date_above_the_article_is_its_author(line, author):
    doc = clean(*MENU, line, *EN)
    assert doc.metadata.author == author


def test_byline_reads_polish_source_date_and_journalist_lines():
    lines = ["Źródło: Onet", "Data utworzenia: 6 maja 2024 09:43", "Oliwia Stępień Dziennikarka Onet.pl"]
    doc = clean(*lines, *EN)
    for line in lines:
        assert_removed(doc, line, "byline")


def test_byline_keeps_polish_prose_about_sources_and_journalists():
    sentence = ("Jak ustalił dziennikarz lokalnej gazety, głównym źródłem energii w regionie pozostaje węgiel, ale coraz więcej "
                "gmin inwestuje w farmy wiatrowe i panele słoneczne na dachach szkół.")
    doc = only("byline", *EN[:2], sentence, *EN[2:])
    assert_kept(doc, sentence)


@pytest.mark.parametrize("sentence", [
    ("The study, published in Nature last week, found that cities which added protected bike lanes saw fewer serious injuries among "
     "all road users, not only among cyclists, over a period of ten years."),
    INDENT + "据新华社记者了解，这一做法最早来源于社区居民的自发探索，后来经过街道总结提炼，逐步在全市推广，成为城市基层治理的一张名片。",
    "您好，请问下为什么我的不管阿里云是否通过，都是审核中啊",  # a reply: two clauses, no sentence end, a key (审核) inside
], ids=["en-published-in-prose", "zh-记者-来源-in-prose", "zh-审核-in-a-reply"])
def test_byline_keeps_prose_that_mentions_publishing(sentence):
    doc = only("byline", *ZH[:2], sentence, *ZH[2:])
    assert_kept(doc, sentence)
    assert doc.metadata.author is None


# navigation -----------------------------------------------------------------------------------------------


def test_navigation_removes_chinese_breadcrumbs_share_bars_and_counters():
    crumb, share, zero, likes = "首页 > 新闻 > 国内", "分享到：微博 微信 QQ空间", "(0)", "赞 12"
    doc = clean(crumb, share, *ZH, zero, likes)
    assert_removed(doc, crumb, "navigation", because="breadcrumb")
    assert_removed(doc, share, "navigation", because="widget words")
    assert_removed(doc, zero, "navigation", because="counter")
    assert_removed(doc, likes, "navigation", because="counter")


def test_navigation_removes_english_breadcrumbs_and_share_bars():
    crumb, share = "Sports > Football > Premier League", "Share on Facebook Twitter Email"
    doc = clean(crumb, share, *EN)
    assert_removed(doc, crumb, "navigation", because="breadcrumb")
    assert_removed(doc, share, "navigation", because="widget words")


@pytest.mark.parametrize("line", ["Möchten Sie den Artikel teilen?", "Jetzt teilen!", "Schlagworte:", "Partager Imprimer", "Compartir en Facebook"])
def test_navigation_knows_widget_words_in_european_languages(line):
    assert_removed(only("navigation", *EN, line), line, "navigation", because="widget words")


@pytest.mark.parametrize("line", ["Photograph by Ed Marshall, Redonda Restoration Programme", "Foto von Anna Weber", "Photo: AP"])
def test_navigation_removes_image_credits_with_a_colon_or_by(line):
    assert_removed(only("navigation", *EN, line), line, "navigation", because="image credit")


def test_navigation_keeps_a_sentence_that_opens_with_a_picture_word():
    line = "Pictures by local children hang in the new library's hall."
    assert_kept(only("navigation", *EN, line), line)


@pytest.mark.parametrize("line", ["Die Bürger sollen die Kosten gerecht teilen.", "Themen der Woche im Stadtrat"])
def test_navigation_keeps_german_sentences_and_headings_with_a_widget_word(line):
    assert_kept(only("navigation", *EN, line), line)


@pytest.mark.parametrize("heading", ["分享经济的未来", "评论员文章：让老旧小区焕发新活力", "Sharing the road: a new plan for downtown"])
def test_navigation_keeps_headings_that_contain_a_widget_word(heading):
    assert_kept(only("navigation", heading, *ZH), heading)


# title ----------------------------------------------------------------------------------------------------


def test_title_repeated_above_the_article_is_taken_and_all_copies_removed():
    head = "在领导班子政治建设座谈会上的讲话"
    doc = clean(head, head, *ZH)
    assert doc.metadata.title == head
    assert [r.rule for r in doc.removed if r.text == head] == ["title", "title"]
    assert head not in doc.body


def test_title_just_above_the_article_after_a_byline():
    head, by = "City extends downtown bike lanes", "By Jane Smith"
    doc = clean("Local News", head, by, *EN)
    assert doc.metadata.title == head
    assert_removed(doc, head, "title", because="title")


MENU = ["* Home", "* News", "  o Politics", "  o Business", "* Sport", "* Contact"]


def test_title_is_the_first_heading_under_the_menu_not_the_subtitle_below_it():
    head, deck = "City extends downtown bike lanes", "Twelve more miles of protected lanes by next year"
    doc = clean(*MENU, head, deck, *EN)
    assert doc.metadata.title == head
    assert_removed(doc, head, "title", because="under the page's furniture")


def test_a_headline_that_asks_is_a_title_under_the_menu():
    head = "Will the new bike lanes cut traffic injuries?"
    doc = clean(*MENU, head, "By Jane Smith", *EN)
    assert doc.metadata.title == head
    assert_removed(doc, head, "title")


@pytest.mark.parametrize("head", ["Immer mehr Menschen fahren mit dem Rad zur Arbeit", "Tweet of the Week: the mayor's bike lanes",
                                  "分享经济的未来在哪里"])
def test_a_headline_with_a_lone_widget_word_is_still_the_title(head):
    doc = clean(*MENU, head, "By Jane Smith", *EN)
    assert doc.metadata.title == head
    assert_removed(doc, head, "title")


@pytest.mark.parametrize("line", ["Skip to content", "Whatsapp Teilen Twittern Pinnen Leserbrief"])
def test_a_line_of_widget_words_under_the_menu_is_not_the_title(line):
    doc = clean(*MENU, line, *EN)
    assert doc.metadata.title != line


def test_a_site_name_under_the_menu_is_not_the_title():
    site = "新浪财经"  # four CJK characters: a name, not a headline
    doc = only("title", *MENU, site, *ZH)
    assert doc.metadata.title is None
    assert_kept(doc, site)


def test_title_above_a_date_line_in_words_and_a_photo_credit():
    head, when, credit = "Umfrage zur Strompreisbremse", "22. November 2022, 14.30 Uhr", "Foto: Jana Beispiel / dpa"
    doc = clean(*MENU, head, when, credit, *EN)
    assert doc.metadata.title == head
    assert_removed(doc, when, "byline", because="date line")
    assert_removed(doc, credit, "navigation", because="image credit")


@pytest.mark.parametrize("line, only_a_date", [
    ("Nov. 19, 2019 8:03 am ET", True), ("Mittwoch, 20. November 2019", True), ("2019年11月20日 星期三 10:28", True),
    ("May 5, 2019 at 3:43 PM EST", True), ("2019-11-20T10:00:00Z", True), ("15 августа 2016, 13:43", True),
    ("3 серпня 2020", True), ("Опубликовано 15 августа 2016", False),
    ("5 May 2019 by John", False), ("The meeting on 19 November 2019", False), ("ET 2019", False),
])
def test_a_date_line_holds_a_date_and_only_its_time_zone_and_weekday(line, only_a_date):
    from cleaner.dates import date_only

    assert date_only(line) is only_a_date


def test_title_is_not_taken_from_a_lone_first_line_with_nothing_above_it():
    head = "老旧小区改造惠及三万多户居民"
    doc = only("title", head, *ZH)
    assert doc.metadata.title is None
    assert_kept(doc, head)


def test_title_is_not_a_line_below_the_article_start():
    late = "改造后的小区面貌"
    doc = only("title", *ZH[:2], late, *ZH[2:])
    assert doc.metadata.title != late
    assert_kept(doc, late)


def test_title_is_not_a_hard_wrapped_line_inside_a_paragraph():
    wrapped = ["一九八九年四月，我在湖南张家界开一个全省教学研究", "会议。按照惯例，会议安排了一天时间，让与会者去风景点游玩观赏。那一天正好是四",
               "月十五日，后来我们才知道，这是在中国历史上刻下深深痕迹的一天。",
               "张家界的春天，美得让人眩目。长期过著从家门到校门的机械生活，一下子置身于翠绿", "欲滴的森林，看不完的奇山异峰，山涧涓流，名花异草，我简直要玩疯了。"]
    doc = clean(*wrapped)
    assert doc.metadata.title is None
    assert doc.paragraphs == wrapped


# outside_article ------------------------------------------------------------------------------------------

MENU = ["首页", "新闻", "国内", "国际", "财经", "体育", "娱乐", "科技", "教育", "健康", "汽车", "房产", "旅游", "文化", "视频", "图片"]
FOOTER = ["关于本站", "网站地图", "联系方式", "友情链接", "招聘信息", "意见反馈", "隐私说明"]


def test_outside_article_removes_a_menu_above_and_a_footer_below():
    doc = only("outside_article", *MENU, *ZH, *FOOTER)
    for line in MENU:
        assert_removed(doc, line, "outside_article", kind="outside", because="before the article region")
    for line in FOOTER:
        assert_removed(doc, line, "outside_article", because="after the article region")
    assert doc.paragraphs == [p.strip("\u3000") for p in ZH]
    assert len({r.reason for r in doc.removed}) == 2, "each gap is one finding with one reason"


def test_outside_article_removes_a_long_link_list_between_two_parts_of_an_article():
    links = [f"* 第{n}期社区工作简报：{topic}" for n, topic in enumerate(["春耕", "防汛", "垃圾分类", "加装电梯", "停车治理", "文明创建"] * 3)]
    part2 = [INDENT + "据了解，今年我市还将启动第二批改造项目，计划再改造小区八十个，涉及居民两万余户，目前各项前期工作正在有序推进，预计年底前全部开工建设。",
             INDENT + "市住建局有关负责人表示，将加强施工质量监管，严格落实安全生产责任，确保改造工程经得起时间和群众的检验。"]
    doc = only("outside_article", *ZH, *links, *part2)
    for line in links:
        assert_removed(doc, line, "outside_article", because="between parts of")
    assert len(doc.paragraphs) == 5, "both parts of the article stay"



def test_a_long_cjk_line_of_names_without_marks_is_no_prose_for_the_region():
    """A real page (gmw.cn, text view): under the article, a 260-character line of academicians' names with two marks
    in it scored as the page's longest paragraph and pulled the region over the editor's picks between. Sparse marks
    (one in 40 CJK characters or fewer) make it a list, so the region ends with the article."""
    from fixture_pages import cleaned, pages

    from cleaner.blocks import text_blocks
    from cleaner.region import block_score

    page = next(p for p in pages() if p.id.startswith("article/acce09a6"))
    names = next(b for b in text_blocks(page.text) if b.text.startswith("万惠霖常印佛"))
    prose = text_blocks("活动现场，科学家将斑马鱼样品赠予同学们并回答问题。" * 10)[0]  # as long, marked as prose is
    assert block_score(names) < 0.1 * block_score(prose)
    doc = cleaned(page.name)
    assert "活动现场，科学家将斑马鱼样品赠予同学们并回答问题。" in doc.body
    assert "值班总编推荐" not in doc.body and "万惠霖" not in doc.body

LATER = [  # the article's longer second part, after a list: the best-scoring run
    ("Under the plan, each district will hold public meetings before any street is changed, and residents will be able "
     "to suggest routes, report dangerous crossings and comment on the designs online for at least six weeks."),
    ("The public works department said the first segments would connect schools and parks, where surveys showed the "
     "largest number of children riding to class, and that the rest would follow as funding allowed."),
    ("Council members also asked for yearly reports on crashes, parking and business revenue along the new lanes, so "
     "that the program can be adjusted if the expected benefits do not appear."),
] * 2
DISTRICTS = [f"* {name} district" for name in ["North", "South", "East", "West", "Harbor", "Old Town", "Riverside", "Hillcrest",
                                               "Airport", "University", "Market", "Lakeside"]]


def test_a_list_a_sentence_introduces_does_not_split_the_article():
    """'…the following districts, north and south:' and a dozen one-line items: short items sum negative, yet they
    are the article's, so the paragraphs above them stay with the longer part below."""
    intro = "The lanes will run through the following districts, both north and south of the river:"
    doc = only("outside_article", *MENU, EN[0], EN[1], intro, *DISTRICTS, *LATER)
    for line in (EN[0], EN[1], intro, DISTRICTS[0]):
        assert_kept(doc, line)


def test_a_list_under_a_label_or_under_a_removed_line_still_splits_the_article():
    """A label that is no sentence ('Districts:') introduces nothing, and a list under a line a rule removed is not
    the article's: the short items still cut the paragraphs above from the longer part."""
    for intro in ("Districts:", "Sign up for our newsletter, delivered every morning:"):
        doc = clean(*MENU, EN[0], EN[1], intro, *DISTRICTS, *LATER)
        assert removal(doc, DISTRICTS[0]) is not None and removal(doc, EN[0]) is not None, intro


MARKDOWN_LINES = ["## Project layout", "![](http://example.com/layout.png)", "## Features", "![](http://example.com/features.png)",
                  "1. **Login** for every app", "2. **Roles** in one place", "## Pain points", "See [the docs](https://example.com/docs)",
                  "## Setup", "![](http://example.com/setup.png)", "## Roadmap", "![](http://example.com/roadmap.png)"]


def test_short_lines_of_markdown_source_do_not_split_the_post():
    """A post saved as its Markdown source: headings, images and bold items are short, but furniture never carries
    Markdown, so they cost nothing and the paragraphs above stay with the longer part below."""
    doc = only("outside_article", *MENU, EN[0], EN[1], *MARKDOWN_LINES, *LATER)
    for line in (EN[0], MARKDOWN_LINES[0], MARKDOWN_LINES[4]):
        assert_kept(doc, line)


def test_the_same_short_lines_without_markdown_still_split_the_article():
    plain = [line.replace("## ", "").replace("**", "").replace("![](", "(").replace("](", " (") for line in MARKDOWN_LINES]
    doc = only("outside_article", *MENU, EN[0], EN[1], *plain, *LATER)
    assert removal(doc, EN[0]) is not None and removal(doc, plain[0]) is not None


def test_outside_article_keeps_a_forum_thread_whole():
    posts = [
        INDENT + "请问大家，老旧小区加装电梯的费用一般怎么分摊？我们楼里一楼和六楼的住户意见分歧很大，物业也说不清楚，有没有过来人分享一下经验？",
        INDENT + "我们小区是按楼层分摊的，一楼不出钱，二楼出得最少，越往上出得越多，最后六楼每户大概出了四万多元，大家基本都能接受。",
        INDENT + "建议先找街道办了解政策，有的地方有财政补贴，每台电梯能补二十万左右，剩下的再按楼层系数分摊，会容易谈拢很多。",
    ]
    doc = only("outside_article", *MENU, "楼主 小王", posts[0], "2楼 老李", posts[1], "3楼 阿芳", posts[2])
    for post in posts:
        assert_kept(doc, post)


def test_outside_article_keeps_everything_when_there_is_no_menu():
    doc = only("outside_article", *EN)
    assert doc.removed == ()
    assert doc.paragraphs == EN


# truncation -----------------------------------------------------------------------------------------------


def test_truncation_flags_a_body_cut_mid_sentence_and_removes_nothing():
    cut = INDENT + "下一步，我市将进一步完善长效管理机制，引导专业物业企业进驻，推动改造成果从“一时新”向“持久新”转变，对问题隐患习以"
    doc = clean(*ZH[:2], cut)
    assert doc.metadata.truncated is True
    assert "习以" in doc.metadata.truncated_reason
    assert doc.body.endswith("习以")
    assert all(r.rule != "truncation" for r in doc.removed)


def test_truncation_flags_an_english_body_cut_mid_sentence():
    cut = ("Construction is expected to begin next spring and finish by the end of the following year, according to the city's "
           "public works department, which said the")
    doc = clean(*EN[:2], cut)
    assert doc.metadata.truncated and doc.metadata.truncated_reason


@pytest.mark.parametrize("ending", [[], ["张三"], ["（完）"]], ids=["full-stop", "sign-off", "end-mark"])
def test_truncation_leaves_a_complete_body_unflagged(ending):
    doc = only("truncation", *ZH, *ending)
    assert doc.metadata.truncated is False
    assert doc.metadata.truncated_reason is None


# Cleaner configuration ------------------------------------------------------------------------------------


def test_disable_turns_a_rule_off():
    share = "分享到：微博 微信 QQ空间"
    on = clean(*ZH[:2], share, *ZH[2:])
    assert_removed(on, share, "navigation")
    off = clean(*ZH[:2], share, *ZH[2:], cleaner_=Cleaner(disable=["navigation"]))
    assert all(r.rule != "navigation" for r in off.removed)
    assert "navigation" not in [r.name for r in Cleaner(disable=["navigation"]).rules]


@pytest.mark.parametrize("names", [["navigaton"], ["navigation", "no_such_rule"], ["Navigation"]])
def test_unknown_rule_name_raises(names):
    with pytest.raises(cleaner.UnknownRule) as error:
        Cleaner(disable=names)
    assert isinstance(error.value, cleaner.CleanerError)


@rule("promo_codes", kind="ad")
def promo_codes(page):
    """Lines that hand out promo codes."""
    for block in page.free():
        if block.tokens <= 20 and "promo code" in block.text.lower():
            yield remove(block.index, "a promo code line")


def test_extra_rule_runs_first_and_is_labelled_in_the_audit_trail():
    line = "Advertisement: use promo code SAVE10 at checkout"
    assert_removed(clean(*EN, line), line, "ads")  # without the user rule, the built-in ads rule takes it
    doc = clean(*EN, line, cleaner_=Cleaner(extra_rules=[promo_codes]))
    assert_removed(doc, line, "promo_codes", kind="ad", because="promo code")
    assert Cleaner(extra_rules=[promo_codes]).rules[0].name == "promo_codes"


def test_extra_rule_can_be_combined_with_disable():
    line = "Use promo code SAVE10 at checkout"
    doc = clean(*EN, line, cleaner_=Cleaner(extra_rules=[promo_codes], disable=["ads"]))
    assert_removed(doc, line, "promo_codes", kind="ad")


BUS_ARTICLE = [
    ("The council voted on Tuesday to expand the bus network, adding four routes that will connect the eastern "
     "suburbs with the central station by next spring, officials said."),
    ("Officials said the plan would cost about 12 million dollars a year, paid for by fares, state grants and a "
     "small increase in parking fees downtown, and that service would begin in March."),
    ("Residents who spoke at the meeting mostly welcomed the change, although some asked for later evening "
     "service and more frequent buses on weekends, which the council promised to study."),
    ("The first of the new routes will run every twelve minutes at peak hours, and the council expects about "
     "nine thousand riders a day once all four are open, according to its own forecast."),
    ("Construction of the shelters and the new stops starts in January; the city will publish the timetables "
     "online a month before the first buses run, and print copies will be at every library."),
]


def test_comments_stamped_days_ago_at_a_time_go():
    said = ("I think we'll see similar updates to what the other lines received. The gaps on the eastern side are large, "
            "and a night route makes sense along with the new express stops, even if it costs a little more.")
    thread = []
    for name, when in [("Woyzeck", "2 days ago at 07:52 am"), ("Nick A", "2 days ago at 07:47 am"), ("fmcshan", "2 days ago at 07:50 am")]:
        thread += [name, when, said, "Rating: 12 Votes"]
    doc = cleaner.clean("\n".join(BUS_ARTICLE + thread))
    assert said not in doc.body
    assert "2 days ago at 07:52 am" in [r.text for r in doc.removed if r.rule == "comments"]
    assert all(p in doc.body for p in BUS_ARTICLE)


def test_a_more_from_heading_opens_a_related_list():
    article = ("The council voted on Tuesday to expand the bus network, adding four routes that will connect the eastern "
               "suburbs with the central station by next spring, officials said on Wednesday evening.")
    doc = cleaner.clean("\n".join([article, article.replace("Tuesday", "Monday"), "More From the Los Angeles Times",
                                   "* Storm warning for the coast", "* Cities urge boycott of meat companies"]))
    assert "More From the Los Angeles Times" in [r.text for r in doc.removed if r.rule == "related"]
    assert [link.title for link in doc.metadata.related][:1] == ["Storm warning for the coast"]


def _thread(headers: bool, stamps: tuple[str, ...] = ()) -> str:
    posts = [("I remember two dreams. In the first I was watching television at night and my father came in to ask "
              "what I was doing up so late, which he never did."),
             ("I was playing in a tennis tournament with all the professionals, and somehow I won the first set before "
              "waking up to the sound of rain on the window."),
             ("Last night I had a dream so startling that I woke up and sat up in bed, and it took a while to remember "
              "where I was and what day it was."),
             ("I do not usually remember my dreams, but this week I have written three of them down in a notebook I keep "
              "beside the bed for that purpose.")]
    lines = []
    for n, post in enumerate(posts):
        lines += ([f"Re: What did you dream about last night? #{n} 03/1{n}/15 06:07 AM"] if headers else []) + [
            "Nancy Roussy", "Joined: Jan 2013", "Posts: 16,487", *stamps[n:n + 1], post]
    return "\n".join(lines)


def test_a_threads_per_post_furniture_goes_and_its_posts_stay():
    doc = cleaner.clean(_thread(headers=True))
    furniture = [r.text for r in doc.removed if r.rule == "repeated"]
    assert furniture.count("Joined: Jan 2013") == 4 and furniture.count("Posts: 16,487") == 4
    assert "I remember two dreams." in doc.body and "beside the bed for that purpose." in doc.body


def test_a_threads_post_stamps_go_and_a_sentence_with_a_date_stays():
    stamps = ("2020-12-31 15:35:13", "3天前", "Nov 3, 2021", "On 3 November 2021 we met at the lake and talked for hours.")
    doc = cleaner.clean(_thread(headers=True, stamps=stamps))
    assert "Nov 3, 2021" in [r.text for r in doc.removed if r.rule == "repeated" and r.reason == "a post's time stamp"]
    assert not [stamp for stamp in stamps[:3] if stamp in doc.body.splitlines()]  # the first ones, other rules take
    assert stamps[3] in doc.body
    assert not [r for r in cleaner.clean(_thread(headers=False, stamps=stamps)).removed if r.reason == "a post's time stamp"]


def test_repeated_lines_on_a_page_that_is_not_a_thread_are_left_to_the_other_rules():
    assert not [r for r in cleaner.clean(_thread(headers=False)).removed if r.rule == "repeated"]




@pytest.mark.parametrize("heading", ["About Brigit Katz", "About the author", "Über Moritz Bachmann", "作者简介"])
def test_the_writers_biography_under_the_article_goes(heading):
    bio = "Brigit Katz is a freelance writer based in Toronto. Her work has appeared in a number of publications."
    doc = cleaner.clean("\n".join(BUS_ARTICLE + [heading, bio]))
    assert [r.text for r in doc.removed if r.rule == "author_bio"] == [heading, bio]
    assert all(p in doc.body for p in BUS_ARTICLE)


def test_about_headings_that_are_not_a_biography_stay():
    section = "About this plan"
    doc = cleaner.clean("\n".join(BUS_ARTICLE[:2] + [section] + BUS_ARTICLE[2:]))
    assert not [r for r in doc.removed if r.rule == "author_bio"]
    above = cleaner.clean("\n".join(["About Brigit Katz", "Brigit Katz writes about cities."] + BUS_ARTICLE))
    assert not [r for r in above.removed if r.rule == "author_bio"], "above the article it is not the end matter"


@pytest.mark.parametrize("heading", ["Leggi anche", "Czytaj także", "İlgili Haberler", "Baca Juga", "関連記事", "관련기사", "Lees ook",
                                     "To również Cię zainteresuje", "Może Cię zainteresować"])
def test_related_headings_in_more_languages_open_a_list(heading):
    items = ["* Come lavare un cappello senza sformarlo", "* Come togliere le macchie dai tessuti", "* Le sneaker in lavatrice"]
    doc = cleaner.clean("\n".join(BUS_ARTICLE + [heading] + items))
    assert heading in [r.text for r in doc.removed if r.rule == "related"]
    assert all(p in doc.body for p in BUS_ARTICLE)


def test_a_biography_takes_the_writers_name_line_with_it():
    lines = ["ABOUT THE AUTHOR", "Bobins Abraham", "Assistant News Editor. He writes on environment and South India."]
    doc = cleaner.clean("\n".join(BUS_ARTICLE + lines))
    assert [r.text for r in doc.removed if r.rule == "author_bio"] == lines


def test_an_inline_read_also_in_another_language_does_not_close_the_article():
    doc = cleaner.clean("\n".join(BUS_ARTICLE[:3] + ["Leggi anche", BUS_ARTICLE[3] + " " + BUS_ARTICLE[4]]))
    assert BUS_ARTICLE[3] in doc.body


def test_back_linked_footnotes_go_with_their_heading_and_endnotes_without_back_links_stay():
    notes = ["参考资料", "1. ^ 刘桃熊. 河北雄安新区邮政编码发布. 新华网. 2023-12-06 [ 2023-12-11 ] .",
             "2. ^ “冀X”车牌即将落地雄安新区. 北京晚报. 2023-03-19 [ 2023-03-20 ] .",
             "3. ^ 跳转到： 3.0 3.1 中共中央、国务院决定设立河北雄安新区. 新华社. 2017-04-01 .", "4. ^ Bogue, Mike (2017). Apocalypse Then."]
    doc = cleaner.clean("\n".join(BUS_ARTICLE + notes))
    assert [r.text for r in doc.removed if r.rule == "references"] == notes
    endnotes = ["[1] Bogue, Mike (2017). Apocalypse Then.", "[2] Hartl, John (1998). Disney Will Distribute.",
                "[3] French, Todd (1996). Reviews."]
    assert not [r for r in cleaner.clean("\n".join(BUS_ARTICLE + endnotes)).removed if r.rule == "references"]


COOKIE_NOTICE = [
    "This Cookie Notice explains how we and our partners use cookies and similar technologies on our sites.",
    "WHAT ARE COOKIES AND HOW ARE THEY USED?",
    "Like many companies, we use cookies and other tracking technologies to recognise your device.",
    "First-party Cookies",
    "Third-party Cookies are placed by others, and you may opt out of some of them in your browser.",
    "Google Chrome",
    "Consequences of deactivation: if you disable cookies, some parts of the services may not work.",
]


def test_a_cookie_notice_after_the_article_goes():
    doc = cleaner.clean("\n".join(BUS_ARTICLE + COOKIE_NOTICE))
    assert not [line for line in COOKIE_NOTICE if line in doc.body]
    assert "Google Chrome" in [r.text for r in doc.removed if r.rule == "consent"]
    assert all(p in doc.body for p in BUS_ARTICLE)


def test_an_article_about_cookies_keeps_its_paragraphs_about_them():
    opening = ("Online advertisers follow readers from site to site with cookies, small files that a browser keeps, and "
               "regulators in several countries now ask whether users ever gave real consent to that tracking.")
    doc = cleaner.clean("\n".join(BUS_ARTICLE[:3] + [opening] + BUS_ARTICLE[3:] + COOKIE_NOTICE))
    assert not [r for r in doc.removed if r.rule == "consent"]


@pytest.mark.parametrize("line", ["Baca juga: Banjir Lahar Dingin di Sumbar, BMKG Imbau Pemda untuk Selalu Cek Prakiraan Cuaca",
                                  "Read more: Smart Rings Are Picking Up Where Fitness Trackers Left Off", "相关阅读：雄安新区邮政编码发布"])
def test_a_read_also_line_with_a_title_between_paragraphs_goes(line):
    doc = cleaner.clean("\n".join(BUS_ARTICLE[:3] + [line] + BUS_ARTICLE[3:]))
    assert line in [r.text for r in doc.removed if r.rule == "related"]
    assert all(p in doc.body for p in BUS_ARTICLE)


def test_read_more_opening_a_sentence_stays():
    sentence = "Read more: the council will publish its full report on the new routes next month."
    doc = cleaner.clean("\n".join(BUS_ARTICLE[:3] + [sentence] + BUS_ARTICLE[3:]))
    assert sentence in doc.body


def test_comment_counts_under_every_answer_of_a_qa_page_open_no_comment_section():
    answers = []
    for n, paragraph in enumerate(BUS_ARTICLE[:4]):
        answers += [paragraph, BUS_ARTICLE[4], f"赞同 {n + 40} · {n + 7} 条评论"]
    doc = cleaner.clean("\n".join(answers))
    assert not [r for r in doc.removed if r.rule == "comments"]
    assert all(p in doc.body for p in BUS_ARTICLE)


def test_a_closing_paragraph_that_introduces_the_writer_goes_and_one_inside_the_article_stays():
    bio = "Louise Matsakis is a staff writer at WIRED covering Amazon, security, and online platforms."
    doc = cleaner.clean("\n".join(BUS_ARTICLE + [bio]))
    assert bio in [r.text for r in doc.removed if r.rule == "author_bio"]
    inside = cleaner.clean("\n".join(BUS_ARTICLE[:2] + [bio] + BUS_ARTICLE[2:]))
    assert bio in inside.body


def test_about_a_determiner_is_no_biography_heading():
    section = ["About Your Host", "Hi. I'm Rosanna, a member of the community, and I will show you the old harbour."]
    doc = cleaner.clean("\n".join(BUS_ARTICLE + section))
    assert not [r for r in doc.removed if r.rule == "author_bio"]


def test_a_date_on_a_short_line_after_the_article_is_the_published_date_when_no_byline_has_one():
    doc = cleaner.clean("\n".join(BUS_ARTICLE + ["Michael Mäser , 02.02.2022"]))
    assert doc.metadata.published == "2022-02-02"
    dated = cleaner.clean("\n".join(["Published: March 3, 2021"] + BUS_ARTICLE + ["Michael Mäser , 02.02.2022"]))
    assert dated.metadata.published == "2021-03-03"
