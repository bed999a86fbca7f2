"""The teasers rule: lists of other articles with no heading, each item closed by a time stamp."""
import cleaner

ARTICLE = [
    ("The city council voted on Tuesday to expand the bus network, adding four routes that will connect the eastern "
    "suburbs with the central station by next spring."),
    ("Officials said the plan would cost about 12 million dollars a year, paid for by a mix of fares, state grants and "
    "a small increase in parking fees downtown."),
    "Residents who spoke at the meeting mostly welcomed the change, although some asked for later evening service.",
]


def removed_by(doc, rule):
    return [r.text for r in doc.removed if r.rule == rule]


def test_a_stamped_list_after_the_article_goes_to_related():
    teasers = []
    for n, (title, blurb) in enumerate([("Woman risks her life to save a koala", "Six people have died in the fires."),
                                        ("Cities urge boycott of meat companies", "Lawmakers want to cut ties."),
                                        ("Two troops killed in helicopter crash", "The cause is being investigated."),
                                        ("Storm warning for the coast", "Winds could reach 100 km/h.")]):
        teasers += [title, blurb, f"{n + 2}H ago"]
    doc = cleaner.clean("\n".join(ARTICLE + teasers))
    assert "Woman risks her life to save a koala" in removed_by(doc, "teasers")
    assert "koala" not in doc.body and ARTICLE[0] in doc.body
    related = doc.metadata.related
    assert [link.title for link in related][:2] == ["Woman risks her life to save a koala", "Cities urge boycott of meat companies"]
    assert related[0].date == "2H ago"


def test_a_live_blog_with_stamped_paragraphs_stays():
    entries = []
    for n in range(4):
        entries += [f"10:{n}5", ARTICLE[n % 3] + " " + ARTICLE[(n + 1) % 3]]
    doc = cleaner.clean("\n".join(entries))
    assert not removed_by(doc, "teasers")
    assert ARTICLE[0] in doc.body


def test_two_stamps_are_not_a_list():
    text = "\n".join(ARTICLE[:2] + ["Related chat", "5 hours ago", "Another note", "6 hours ago"] + ARTICLE[2:])
    assert not removed_by(cleaner.clean(text), "teasers")


def test_cards_with_the_stamp_inside_go_whole_and_the_article_above_stays():
    """title / blog / "04-10 8675" (a date and a view count) / snippet: the item starts two blocks above its stamp."""
    paragraphs = ["城市公交网络将在明年春天前新增四条线路，连接东部郊区与中央车站，预计每年运营费用约一千二百万元。",
                  "市民在听证会上普遍欢迎这一变化，也有人希望晚间班次能够延长到午夜，方便夜班工作者出行。"]
    cards = []
    for n in range(4):
        cards += [f"公交线路调整的第{n + 1}种方案", f"user_{n}的博客", f"0{n + 1}-1{n} {n + 1}0{n}5",
                  f"这是第{n + 1}种方案的摘要，介绍了它的主要内容和作者的观点，读者可以点击查看全文并留言讨论。"]
    doc = cleaner.clean("\n".join(paragraphs + cards))
    teasers = removed_by(doc, "teasers")
    assert paragraphs[1] not in teasers and paragraphs[1] in doc.body
    assert cards[0] in teasers and cards[-1] in teasers, "the first title and the last snippet belong to the list"
    assert [link.title for link in doc.metadata.related][:2] == ["公交线路调整的第1种方案", "公交线路调整的第2种方案"]
    assert doc.metadata.related[0].date == "01-10 1005"


def test_weekday_dates_stamp_teasers():
    teasers = []
    for n, title in enumerate(["Carlos Ghosn and the dark side of justice", "What made Joker so popular?",
                               "Democrats agree on the witnesses", "A report is bogus"]):
        teasers += [f"+ {title}", "Becket Adams", f"Wednesday November {20 - n}, 2019",
                    "Various outlets reported that a study showed something that later turned out to be wrong."]
    doc = cleaner.clean("\n".join(ARTICLE + teasers))
    assert "+ What made Joker so popular?" in removed_by(doc, "teasers")
    assert all(p in doc.body for p in ARTICLE)


def test_a_thread_whose_posts_are_stamped_is_no_list_of_teasers():
    posts = []
    for n, (name, said) in enumerate([("鹿小町", "可以的 好好休息开开心心过年 年后继续努力"), ("MrRaven", "元旦快乐"),
                                      ("Akira", "我是年前彻底放假了，过了年再找吧"), ("李特", "我们放一天上一天再放一天")]):
        posts += [name, f"2021-01-01 10:3{n}:38", said]
    doc = cleaner.clean("\n".join(ARTICLE + posts))
    assert not removed_by(doc, "teasers")


def test_a_schedule_of_dates_times_and_prices_is_no_list_of_teasers():
    rows = []
    for day in range(20, 25):
        rows += [f"Sat, May {day}, 2024", "6:00 a.m.–7:30 a.m. GMT+8", "$40", "Book now"]
    doc = cleaner.clean("\n".join(ARTICLE + rows))
    assert not removed_by(doc, "teasers")


def test_the_article_above_a_list_is_never_part_of_its_first_item():
    cards = []
    for n in range(4):
        cards += ["Transportation", f"Storm warning number {n} issued for the whole coast", "Kirsten Korosec", f"{n + 2} hours ago",
                  "Winds could reach 100 km/h along the shore, and ferries may not sail tonight."]
    doc = cleaner.clean("\n".join(ARTICLE + cards))
    assert all(p in doc.body for p in ARTICLE)
    assert "Storm warning number 0 issued for the whole coast" in removed_by(doc, "teasers")


def test_a_list_of_long_bulleted_headlines_after_the_article_is_outside_it():
    article = ["雄安新区的规划建设以来，各项工作稳步推进，基础设施建设不断加快，公共服务水平持续提升，吸引了大量企业和人才入驻。"] * 3
    headlines = ["* オープンから１ヵ月半！ 東京の新名所 豊洲「千客万来」で見せつけられた海外と日本の超格差について考える",
                 "* 「新幹線が通ると値段は４、５倍に」ニセコの市街地を転売ヤーが買い占める外国人は空き家対策の救世主なのか",
                 "* 住宅地での発砲規制緩和へ＝クマ被害増加を受けて環境省が検討を開始、自治体の判断で可能に"]
    doc = cleaner.clean("\n".join([f"{p}{n}" for n, p in enumerate(article)] + headlines))
    assert not [h for h in headlines if h in doc.body]
    assert article[0] + "0" in doc.body


def test_in_html_stamped_replies_that_link_nowhere_are_no_teasers():
    """A Q&A page's replies, each opened by 'name | 3天前': the shape of teasers opened by a source and a stamp, but
    in HTML a teaser's headline links to its article, and these link nowhere."""
    replies = "".join(f"<div class='reply'><div class='info'>用户{n} | {n + 1}天前</div><p>第{n}条回复：重新安装以后就好了，可以试试看</p>"
                      f"<div class='act'>|</div></div>" for n in range(4))
    doc = cleaner.clean("<html><body><div class='main'>" + "".join(f"<p>{p}</p>" for p in ARTICLE) + replies + "</div></body></html>")
    assert not removed_by(doc, "teasers") and "第2条回复" in doc.body


CARD_ARTICLE = ["城市公交网络将在明年春天前新增四条线路，连接东部郊区与中央车站，预计每年运营费用约一千二百万元。",
                "市民在听证会上普遍欢迎这一变化，也有人希望晚间班次能够延长到午夜，方便夜班工作者出行。"]


def _cards(headings):
    """Cards (title / blog / "04-10 8675" / snippet), a related heading standing over the blog line of some of them."""
    cards = []
    for n in range(6):
        cards += [f"公交线路调整的第{n + 1}种方案"] + ([headings[n]] if n in headings else [])
        cards += [f"user_{n}的博客", f"0{n + 1}-1{n} {n + 1}0{n}5",
                  f"这是第{n + 1}种方案的摘要，介绍了它的主要内容和作者的观点，读者可以点击查看全文并留言讨论。"]
    return cards


def test_related_headings_inside_a_list_of_cards_do_not_break_it():
    """'热门推荐' and '最新发布' over some cards: the related rule takes the heading and the stamp under it, and the
    stamps it took still keep the list's rhythm, so the cards between the headings go too."""
    cards = _cards({2: "热门推荐", 4: "最新发布"})
    doc = cleaner.clean("\n".join(CARD_ARTICLE + cards))
    assert all(p in doc.body for p in CARD_ARTICLE)
    assert "公交线路调整" not in doc.body and "这是第4种方案的摘要" not in doc.body


def test_a_related_list_that_took_every_stamp_leaves_the_prose_after_it():
    """A 'Recommended' box between paragraphs, its entries stamped by dates: the related rule took all three stamps,
    and the article's paragraph after the last one is no teaser's snippet."""
    box = ["Recommended"]
    for n, title in enumerate(["Remembering the most mesmerizing sign", "Ode to the dead mall", "Making a neon sign"]):
        box += [f"* {title}", f"1. Author {n}", f"Jul {n + 17}, 2014"]
    doc = cleaner.clean("\n".join(ARTICLE[:2] + box + ARTICLE[2:] + ARTICLE[:2]))
    assert "Ode to the dead mall" not in doc.body
    assert not removed_by(doc, "teasers")
    assert ARTICLE[2] in doc.body


def _stamped_items():
    items = []
    for n, (title, blurb) in enumerate([("巴南高铁进入联调联试阶段", "随着检测车从南充北站缓缓驶出，标志着新建铁路进入联调联试阶段。"),
                                        ("巡山防火 守护安全", "为切实织密森林防火网，各地组织人员开展巡查。"),
                                        ("湖北孝感赏花活动启幕", "春季赏花活动在孝感市金卉庄园景区启动，吸引大批游客。"),
                                        ("中国国际时装周开幕", "由中国服装设计师协会主办的时装周在北京开幕。")]):
        items += [title, blurb * 2, f"2024-04-0{n + 1} 15:1{n}"]  # twice: a snippet as long as a paragraph
    return items


def test_a_list_of_date_and_time_stamped_teasers_under_a_related_heading_goes():
    """'date time' stamps are post headers too, so four of them make the page look like a thread; a related heading
    right above the run says they close teasers instead."""
    doc = cleaner.clean("\n".join(CARD_ARTICLE * 2 + ["推荐阅读"] + _stamped_items()))
    assert "巡山防火 守护安全" in removed_by(doc, "teasers")
    assert all(p in doc.body for p in CARD_ARTICLE)


def test_stamped_items_far_below_a_related_heading_stay_on_a_thread():
    """A related heading whose list ended before the stamped run: on a thread page, stamps are still its posts'."""
    text = "\n".join(CARD_ARTICLE + ["推荐阅读", "* 另一篇文章的标题", "* 第二篇文章的标题"] + CARD_ARTICLE + _stamped_items())
    assert not removed_by(cleaner.clean(text), "teasers")


def test_a_stamp_may_name_its_source_in_cjk_characters():
    """'東方日報 OrientalDaily · 22 小時前': the source's characters count two to a word, as in every length the rules
    compare with word counts, so the line is as short as 'Yahoo財經 · 19 小時前' and opens its item."""
    from cleaner.blocks import text_blocks
    from cleaner.shapes import is_stamp

    stamps = ["* 東方日報 OrientalDaily · 22 小時前", "* 信報財經新聞 · 8 小時前", "* Yahoo財經 · 19 小時前"]
    assert all(is_stamp(b) for b in text_blocks("\n".join(stamps)))
    sentence = "今天下午我们全家一起去公园散步看到了很多美丽的花朵 3小时前"  # a sentence that ends in a time is no stamp
    assert not is_stamp(text_blocks(sentence)[0])


def test_ads_set_among_the_items_do_not_break_the_list():
    """A real page (Yahoo HK, text view): teasers opened by "* source · 8 小時前", an ad of a dozen lines every three
    items. The ad blocks the ads rule took keep the list whole, so the first item (under the related heading) and the
    items between ads go too, and the one-paragraph article stays alone."""
    from fixture_pages import cleaned, pages

    page = next(p for p in pages() if p.id.startswith("article/2681eeac"))
    doc = cleaned(page.name)
    assert doc.body.startswith("路透月度調查顯示") and len(doc.body) < 1.2 * len(page.gold)
    teasers = removed_by(doc, "teasers")
    assert "重置城寨 不如搞「港版環球影城」" in teasers, "the first item, under the related heading, joins the list"
    assert "* AASTOCKS · 44 分鐘前" in teasers, "the last item, after an ad, joins it too"
