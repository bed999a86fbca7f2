"""The HTML path: real pages (fixtures/html, fixtures/html_gold.jsonl) against gold, and synthetic pages for
encodings, broken and hostile markup, error and paywall pages, metadata and multi-page articles."""
from __future__ import annotations

import gzip
import json
import statistics
import time
from functools import cache
from pathlib import Path

import pytest

import cleaner
from cleaner import Cleaner, merge_pages
from cleaner.html import html_blocks

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
HTML_GOLD = FIXTURES / "html_gold.jsonl"
# Mean token F1 of the HTML path on the fixture pages, a few points under the value measured when set (0.835,
# with the cnarts list page, whose gold is empty, at 0).
F1_FLOOR = 0.80
# (page, test) -> why it fails today, as strict xfails: when a fix makes one pass, the entry must go.
KNOWN = {
    ("chinese-wce:658d9f03", "keep"): "bilibili: the page shows this sentence only in a recommended-article teaser",
    ("magic-html-bench:3a43c342", "keep"): "outside_article: the Flarum thread's question is cut as a gap before the best answer's "
                                           "<footer>, which main_content removed",
    ("chinese-wce:05e98007", "date"): "'发布日期： 7/5/2005' is read month-first; the annotators read it day-first",
    ("chinese-wce:e8847578", "date"): "the page's date line says 2022-01-28; the annotators give the 27th (the document's date)",
}

try:
    from fixture_pages import known_params, prf, squash
except ImportError:  # pragma: no cover - the helpers ship with the tests
    pytest.skip("fixture helpers missing", allow_module_level=True)


@cache
def records() -> tuple[dict, ...]:
    if not HTML_GOLD.exists():
        return ()
    return tuple(json.loads(line) for line in HTML_GOLD.read_text(encoding="utf-8").splitlines() if line.strip())


@cache
def cleaned(file: str, url: str | None) -> cleaner.Document:
    return Cleaner().clean_html(gzip.decompress((FIXTURES / file).read_bytes()), url=url)


def ids(record: dict) -> str:
    return f"{record['set']}:{record['id'].split('/')[-1][:8]}"


def params(test: str, selected=None) -> list:
    return known_params(records() if selected is None else selected, test, KNOWN, ids)


# --- real pages -------------------------------------------------------------------------------------------


@pytest.mark.skipif(not records(), reason="no HTML fixtures")
def test_mean_body_f1_on_the_fixture_pages():
    scores = [prf(cleaned(r["file"], r["url"]).body, r["body"])[2] for r in records()]
    assert statistics.mean(scores) >= F1_FLOOR, [round(s, 2) for s in scores]


@pytest.mark.parametrize("record", params("keep"))
def test_article_sentences_stay_and_boilerplate_goes(record):
    body = squash(cleaned(record["file"], record["url"]).body)
    assert [p for p in record["must_keep"] if squash(p) not in body] == []
    kept = [p for p in record["must_drop"] if squash(p) in body]
    assert kept == [], kept


@pytest.mark.parametrize("record", params("date", [r for r in records() if r.get("date")]))
def test_published_date_matches_the_gold(record):
    published = cleaned(record["file"], record["url"]).metadata.published
    gold = record["date"]
    assert published, "no date found"
    year, month, day = (int(x) for x in gold.split()[0].replace("/", "-").split("-")[:3])
    assert published[:10] == f"{year:04d}-{month:02d}-{day:02d}"


@pytest.mark.parametrize("record", records(), ids=ids)
def test_every_removal_says_why_and_where(record):
    doc = cleaned(record["file"], record["url"])
    assert doc.mode == "html"
    for removal in doc.removed:
        assert removal.rule and removal.reason
        assert doc.source[removal.start : removal.end] == removal.text
        assert removal.path, removal
    if b"<title" in gzip.decompress((FIXTURES / record["file"]).read_bytes())[:200_000].lower():
        assert doc.metadata.title


def test_a_list_of_the_sites_teasers_goes_with_its_reason():
    """news.youth.cn: a photo-news list (linked headline, blurb, date) inside the article's column."""
    page_ = next(r for r in records() if "news.youth.cn" in (r["url"] or ""))
    doc = cleaned(page_["file"], page_["url"])
    teasers = [r for r in doc.removed if "teasers alike" in r.reason]
    assert len(teasers) >= 9 and all(r.rule == "main_content" for r in teasers)
    assert "小蓝莓" not in doc.body and prf(doc.body, page_["body"])[2] > 0.95


def test_the_pages_one_article_element_holding_its_title_beats_more_text_elsewhere():
    """blog.csdn.net: a two-line post in the page's one <article>, which opens with the title; a wallet dialog after
    the footer holds more text. Synthetic: the same, and an <article> without the title (a teaser) does not win."""
    page_ = next(r for r in records() if "blog.csdn.net" in (r["url"] or ""))
    doc = cleaned(page_["file"], page_["url"])
    assert "说明来处" in doc.body and "余额" not in doc.body and prf(doc.body, page_["body"])[2] > 0.9
    dialog = "<div class='wallet'>" + "".join(f"<p>第{i}条：余额是钱包充值的虚拟货币，按照一比一的比例抵扣，无法直接购买下载。</p>" for i in range(4)) + "</div>"
    for opening, wins in (("<h2>市图书馆今日开馆</h2>", True), ("<h2>其他新闻标题</h2>", False)):
        html = page(f"<div class='main'><article>{opening}<p>今天上午开馆，欢迎市民。</p></article></div>{dialog}",
                    head="<title>市图书馆今日开馆</title>")
        body = cleaner.clean(html).body
        assert ("欢迎市民" in body and "余额" not in body) == wins, body


def test_a_posts_attachment_is_content_and_an_empty_reply_list_is_not():
    """patent.bbscloud.com: a forum post of one line and an attached PDF (a link whose anchor names the file) beside
    a comment list holding only its controls ('0个评论 倒序看帖 仅看楼主 暂无数据') and a sidebar of linked titles."""
    page_ = next(r for r in records() if r["id"].startswith("forum/06463018"))
    doc = cleaned(page_["file"], page_["url"])
    assert prf(doc.body, page_["body"])[2] > 0.9 and "暂无数据" not in doc.body
    blocks = html_blocks(page("<p><a href='/dl?id=1'>审查标准.pdf 10MB</a></p><p><a href='/a'>首页 新闻</a></p>"))[0]
    assert blocks[0].link_density < 0.5 and blocks[1].link_density == 1.0


def test_a_footer_slot_in_every_post_that_holds_the_text_is_not_furniture():
    """paopao.info: each reply keeps its text in a UI kit's 'n-thing-main__footer'; together they hold most of the
    page's text. Synthetic: footers alike holding only a counter and a button still go."""
    page_ = next(r for r in records() if r["id"].startswith("forum/20373e03"))
    doc = cleaned(page_["file"], page_["url"])
    assert prf(doc.body, page_["body"])[2] > 0.9
    for slot, kept in (("这是第{i}条回复：工具挺好用，端到端加密的聊天确实只是小众需求，但很重要。", True), ("赞 {i} 回复", False)):
        posts = "".join(f"<div class='item'><div class='item__head'>用户{i}</div><div class='item__footer'>{slot.format(i=i)}</div></div>"
                        for i in range(5))
        body = cleaner.clean(page(f"<div class='post'><p>发现个端到端加密的聊天工具，挺有意思，大家怎么看？</p></div>{posts}"
                                  "<div class='footer'>Copyright © 2024 某某网 版权所有</div>"), url="https://bbs.example.com/t/1").body
        assert ("第3条回复" in body) == kept and ("赞 3 回复" not in body) and "版权所有" not in body, body


def test_a_page_of_teasers_alike_gives_no_body_and_says_so():
    """cnarts.net: a portal's list page (the gold body is "") whose best candidates are a dozen blurbs ending in a
    '[详细]' link, in several columns, none holding a fifth of the page's text. No other fixture page is a list.
    Synthetic: columns of links, each with one teaser, are a list; a short story among them is an article."""
    for record in records():
        doc = cleaned(record["file"], record["url"])
        if record["body"] == "":
            assert doc.body == "" and doc.metadata.unavailable == "listing"
            assert all("list of teasers" in r.reason for r in doc.removed if r.rule == "main_content")
        else:
            assert doc.metadata.unavailable != "listing" and doc.body, ids(record)
    menu = "<ul class='links'>" + "".join(f"<li><a href='/c/{j}.html'>栏目名称{j}</a></li>" for j in range(12)) + "</ul>"
    teasers = "".join(f"<div class='col{i}'>{menu}<dl><dt><h3><a href='/n/{i}.html'>第{i}篇文章的标题在这里</a></h3><p>第{i}篇的摘要："
                      f"展览汇集了多位艺术家的作品，展期一个月，欢迎各界人士前来参观。<a href='/n/{i}.html'>[详细]</a></p></dt></dl></div>" for i in range(8))
    listing = cleaner.clean(page(teasers))
    assert listing.body == "" and listing.metadata.unavailable == "listing"
    story = "<div class='story'><h1>市图书馆今日开馆</h1><p>市图书馆今天上午正式开馆，首日接待读者三千余人。馆内设有少儿阅览区和自习室，开放到晚上九点。</p></div>"
    short = cleaner.clean(page(story + teasers, head="<title>市图书馆今日开馆</title>"))
    assert "首日接待读者" in short.body and short.metadata.unavailable is None


# --- synthetic pages ----------------------------------------------------------------------------------------

ARTICLE_ZH = "".join(f"<p>这是第{i}段正文，记者在现场看到，群众有序排队，工作人员耐心解答各种问题，现场秩序井然。</p>" for i in range(8))
ARTICLE_EN = "".join(
    f"<p>Paragraph {i} of the story: the council met on Tuesday, and after a long debate it voted to fund the new "
    "library, which residents had asked for since the old one closed in 2015.</p>"
    for i in range(8)
)


def page(body: str, head: str = "", lang: str = "zh") -> str:
    return f"<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'>{head}</head><body>{body}</body></html>"


FURNITURE = (
    "<div id='nav'><a href='/'>首页</a> <a href='/a'>新闻</a> <a href='/b'>体育</a></div>"
    "<div class='main'><h1>市图书馆今日开馆</h1><div class='info'>发布时间：2024-06-27 09:30 来源：本报</div>"
    "<div class='article-content'>{article}<div class='share'>分享到：微博 微信</div></div>"
    "<div class='xgtj'><h3>相关推荐</h3><ul>{related}</ul></div></div>"
    "<div id='footer'><p>Copyright © 2024 某某网 版权所有</p></div>"
)
RELATED = "".join(f"<li><a href='/news/{i}.html'>其他新闻标题第{i}条</a></li>" for i in range(6))


def furnished(article: str = ARTICLE_ZH) -> str:
    return page(FURNITURE.format(article=article, related=RELATED), head="<title>市图书馆今日开馆_某某网</title>")


def test_a_stream_of_teasers_with_blurbs_goes_and_a_blog_of_whole_posts_stays():
    """A 'more stories' stream: items marked up alike, each a linked headline and a blurb of a few sentences, some
    headlines syndicated from another site. A blog's front page has the same shape with whole posts: it stays."""
    def stream(blurb: str) -> str:
        items = "".join(
            f"<li class='stream-item'><h4><a href='https://{'example.com' if i % 3 else 'other.org'}/n/{i}.html'>"
            f"另一条新闻的标题第{i}条内容</a></h4><p>第{i}条{blurb}</p></li>" for i in range(8))
        return page(f"<div class='main'><div class='article-content'>{ARTICLE_ZH[:400]}</div><ul class='stream'>{items}</ul></div>")
    blurb = "摘要：" + "记者从有关部门获悉，这项工作今年将全面推开，覆盖全市各区。" * 3
    doc = cleaner.clean(stream(blurb), url="https://example.com/news/1.html")
    assert "这是第0段正文" in doc.body and "另一条新闻" not in doc.body and "条摘要" not in doc.body
    post = "全文：" + "这是博客的一篇完整文章，作者记录了旅途中的见闻和感受，并配有许多照片。" * 12
    doc = cleaner.clean(stream(post), url="https://example.com/blog/")
    assert doc.body.count("条全文：") == 8


def test_article_kept_and_furniture_removed_with_reasons_and_paths():
    doc = cleaner.clean(furnished(), url="https://example.com/news/2024/0627/1.html")
    assert doc.mode == "html"
    assert "这是第0段正文" in doc.body and "这是第7段正文" in doc.body
    for junk in ("首页", "分享到", "相关推荐", "其他新闻标题", "版权所有", "发布时间"):
        assert junk not in doc.body, junk
    assert doc.metadata.title == "市图书馆今日开馆"
    assert doc.metadata.published == "2024-06-27T09:30:00"
    share = next(r for r in doc.removed if "分享到" in r.text)
    assert share.path and "share" in share.path and share.reason


@pytest.mark.parametrize("opening", ["<br />\n<b>Warning</b>: mysql_connect(): Access denied in <b>db.php</b><br />\n",
                                     "<script>var ads = 1;</script><style>.x {color: red}</style>"])
def test_a_page_that_opens_with_a_php_warning_or_a_script_is_still_html(opening):
    doc = cleaner.clean(opening + furnished())
    assert doc.mode == "html" and "这是第7段正文" in doc.body and "<div" not in doc.body


def test_text_that_opens_with_a_tag_but_is_no_document_stays_text():
    doc = cleaner.clean("<b>Note</b> the council voted on Tuesday to fund the new library.\nIt opens in 2026.")
    assert doc.mode == "text"


def test_an_article_a_breadcrumb_wraps_stays():
    """An unclosed `<div class="breadcrumb">` holds the rest of the page: a breadcrumb never holds an article,
    so the element holding most of the page's text is not one, whatever its name."""
    crumb = "<div class='breadcrumb'><a href='/'>首页</a> &gt; <a href='/shi'>诗词</a>"
    doc = cleaner.clean(page(f"{crumb}<div class='article-content'>{ARTICLE_ZH}</div></div>"))
    assert "这是第0段正文" in doc.body and "这是第7段正文" in doc.body


@pytest.mark.parametrize("wrapper", ["<div class='content-with-sidebar'>{}</div>", "<form action='/p'>{}</form>", "<header>{}</header>"])
def test_an_article_a_layout_element_wraps_stays(wrapper):
    """Templates nest the article in a 'with-sidebar' column, a <form> or a <header>, beside long comments: names
    aside, the article scores far above anything outside, so its wrapper is not furniture. A real sidebar still goes."""
    side = "<div class='sidebar'><ul>" + "".join(f"<li><a href='/t/{i}'>热门标签{i}</a></li>" for i in range(5)) + "</ul></div>"
    inner = f"<div class='article-content'>{ARTICLE_ZH}</div>{side}"
    comments = "<div id='replies'>" + "".join(f"<div class='comment'><div class='text'><p>第{i}楼：我也去排队了，工作人员态度很好，希望以后多办"
                                              "这样的活动。</p></div></div>" for i in range(30)) + "</div>"
    doc = cleaner.clean(page("<div id='top'><p>网站导航：首页 新闻 体育 财经</p></div>" + wrapper.format(inner) + comments))
    assert "这是第0段正文" in doc.body and "这是第7段正文" in doc.body
    assert "热门标签" not in doc.body


def test_a_threads_posts_numbered_by_id_are_kept_together():
    """Discuz-style threads: each post a class-less `div#post_<n>` holding a table nine levels deep. The posts
    are alike by their ids less the numbers, so the replies join the opening post."""
    def post(n: int, text: str) -> str:
        return (f"<div id='post_{5300 + n}'><table class='plhin'><tr><td class='plc'><div class='pct'><div class='pcb'>"
                f"<div class='t_fsz'><table><tr><td id='postmessage_{n}'>{text}</td></tr></table></div></div></div></td></tr></table></div>")
    replies = [f"第{n}楼回复：我也遇到过这个问题，后来换了新版本，问题就解决了，建议你也试试看，有消息再来反馈。" for n in range(1, 4)]
    thread = post(0, ARTICLE_ZH.replace("<p>", "").replace("</p>", "<br>")) + "".join(post(n, r) for n, r in enumerate(replies, 1))
    doc = cleaner.clean(page(f"<div id='nav'><a href='/'>首页</a> <a href='/f'>论坛</a></div><div id='postlist'>{thread}</div>"))
    assert "这是第0段正文" in doc.body
    assert all(r in doc.body for r in replies), doc.body


def test_the_lead_in_an_articles_header_stays():
    """<article><header> holds the title, the byline and the lead: the lead is the article's; a link line is not."""
    lead = "The council voted on Tuesday to rebuild the old harbour bridge, closed since the storm of 2019 damaged it."
    head = (f"<header><h1>Harbour bridge to be rebuilt</h1><p><a href='/authors/jo'>Jo Smith</a> | <a href='/news'>News</a></p>"
            f"<p>{lead}</p></header>")
    doc = cleaner.clean(page(f"<div id='nav'><a href='/'>Home</a></div><article>{head}<div class='body'>{ARTICLE_EN}</div></article>",
                             lang="en"))
    assert lead in doc.body and "Paragraph 7 of the story" in doc.body
    assert "Jo Smith" not in doc.body


def test_the_lead_between_the_title_and_the_articles_container_stays():
    """A lead paragraph in its own element between the title and the text's container is the article's; a
    picture's caption there is not."""
    lead = "The council voted on Tuesday to rebuild the old harbour bridge, closed since the storm of 2019 damaged it."
    caption = "Workers inspect the damaged harbour bridge after the storm that closed it to all traffic in 2019."
    body = (f"<div id='nav'><a href='/'>Home</a></div><div class='top'><h1>Harbour bridge to be rebuilt</h1></div>"
            f"<div class='intro'><p>{lead}</p></div><div class='pic'><div class='image-caption'><p>{caption}</p></div></div>"
            f"<div class='grid'><div class='col'><div class='story'>{ARTICLE_EN}</div></div></div>")
    doc = cleaner.clean(page(body, head="<title>Harbour bridge to be rebuilt</title>", lang="en"))
    assert lead in doc.body and "Paragraph 7 of the story" in doc.body
    assert caption not in doc.body


def test_a_standfirst_in_the_pages_header_stays_when_its_class_names_it():
    """The page's <header> holds the title and a standfirst (`p.lead`, `h2.subtitle`) outside the text's container:
    the standfirst is the article's; a promotion sentence beside it, not named a lead, is not."""
    lead = "The council voted on Tuesday to rebuild the old harbour bridge, closed since the storm of 2019 damaged it."
    promo = "Subscribe today and read every story from the harbour desk for one euro in the first month."
    for named in (f"<p class='article-lead'>{lead}</p>", f"<h2 class='entry__subtitle'>{lead}</h2>"):
        head = f"<header class='top'><h1>Harbour bridge to be rebuilt</h1>{named}<p class='promo'>{promo}</p></header>"
        doc = cleaner.clean(page(f"<div id='nav'><a href='/'>Home</a></div>{head}<div class='story'>{ARTICLE_EN}</div>",
                                 head="<title>Harbour bridge to be rebuilt</title>", lang="en"))
        assert lead in doc.body and "Paragraph 7 of the story" in doc.body
        assert promo not in doc.body


def test_a_short_line_pointing_on_left_last_goes():
    """'Kontakt:' or 'Weitere Stimmen zum Thema …' ending the article, what it introduced removed, goes; a short
    line ending a sentence does not, nor such a line closing the page itself."""
    links = "".join(f"<li><a href='/news/{i}'>Another story number {i} from the news desk</a></li>" for i in range(6))
    for label in ("Weitere Stimmen zum Thema …", "Kontakt:"):
        story = f"<div class='story'><h1>Library to open</h1>{ARTICLE_EN}<p>{label}</p></div>"
        doc = cleaner.clean(page(f"<div id='nav'><a href='/'>Home</a></div>{story}<div class='sidebar'><ul>{links}</ul></div>"))
        assert "Paragraph 7 of the story" in doc.body and label not in doc.body
        last = cleaner.clean(page(f"<div id='nav'><a href='/'>Home</a></div>{story}"))
        assert label in last.body
    story = f"<div class='story'><h1>Library to open</h1>{ARTICLE_EN}<p>Thanks for reading.</p></div>"
    doc = cleaner.clean(page(f"<div id='nav'><a href='/'>Home</a></div>{story}<div class='sidebar'><ul>{links}</ul></div>"))
    assert "Thanks for reading." in doc.body


def test_an_opening_paragraph_set_apart_from_the_article_by_a_contents_box_stays():
    """In the article's container, an intro sentence above a table of contents is the article's; the box's links and
    a short tagline above the intro are not."""
    intro = "In this article, I will explain how the council planned the new library and what it will cost residents."
    toc = "".join(f"<li><a href='#s{i}'>How part {i} of the plan began</a></li>" for i in range(10))
    story = (f"<div class='story'><h1>Library to open</h1><p>Stories from the harbour</p><p>{intro}</p><ul class='toc'>{toc}</ul>"
             f"{ARTICLE_EN}</div>")
    doc = cleaner.clean(page(f"<div id='nav'><a href='/'>Home</a></div>{story}", lang="en"))
    assert intro in doc.body and "Paragraph 7 of the story" in doc.body
    assert "How part 3" not in doc.body and "Stories from the harbour" not in doc.body


def test_a_heading_left_last_with_what_it_announced_removed_goes():
    """A heading ending the article whose list below went as furniture goes with it; one closing the page stays."""
    links = "".join(f"<li><a href='/news/{i}'>Another story number {i} from the news desk</a></li>" for i in range(6))
    story = f"<div class='story'><h1>Library to open</h1>{ARTICLE_EN}<h2>Around the harbour this week</h2></div>"
    doc = cleaner.clean(page(f"<div id='nav'><a href='/'>Home</a></div>{story}<div class='sidebar'><ul>{links}</ul></div>", lang="en"))
    assert "Paragraph 7 of the story" in doc.body and "Around the harbour this week" not in doc.body
    last = cleaner.clean(page(f"<div id='nav'><a href='/'>Home</a></div>{story}", lang="en"))
    assert "Around the harbour this week" in last.body


def test_replies_are_the_content_on_a_forums_page_and_not_under_a_news_story():
    """A post and the replies in its comment list: a forum's URL makes them the content, a news site's does not."""
    replies = "".join(f"<div class='comment-item'><p>第{i}楼：我也遇到过，重装驱动以后就好了，你可以先试试看，不行再说。</p></div>"
                      for i in range(1, 6))
    html = page(f"<div class='post'><h1>市图书馆今日开馆</h1>{ARTICLE_ZH}</div>"
                f"<div class='comments'>{replies}</div>")
    assert "第3楼" in cleaner.clean(html, url="https://bbs.example.com/thread-123-1-1.html").body
    assert "第3楼" in cleaner.clean(html, url="https://www.example.com/forum.php?mod=viewthread&tid=123").body
    assert "第3楼" not in cleaner.clean(html, url="https://news.example.com/2024/0627/123.html").body


def test_a_dialog_holding_more_text_than_a_short_article_goes():
    """A 'report this post' dialog (div.modal) lists a dozen reasons, more text than a short post: a dialog is never
    the article, whatever text it holds."""
    reasons = "".join(f"<div class='field'><label>第{i}种理由：内容与标题不符、质量太差、存在违规信息等，请选择后提交</label></div>" for i in range(12))
    post = "<div class='article-content'><p>每次打开别人的新项目，安装依赖都会报错，很烦。</p><p>先安装检查工具，再找出缺失的依赖，逐个安装即可。</p></div>"
    doc = cleaner.clean(page(f"{post}<div class='ui modal report'><form><div class='content'>{reasons}</div></form></div>"))
    assert "逐个安装即可" in doc.body and "第3种理由" not in doc.body


def test_short_replies_after_a_threads_opening_post_stay():
    """A thread in HTML (posts headed by a name, a date and a time, with the poster's counters and reply links
    between them): the short replies that trail the opening post are the thread's, not gaps after the article."""
    def post(n: int, text: str) -> str:
        stats = "".join(f"<p><a href='/u/{n}/{k}'>{k}</a></p><p>{n + 1}</p>" for k in ("主题", "帖子", "积分"))
        return (f"<div class='post'><div class='author'>用户{n} 2024-05-0{n + 1} 10:3{n}</div><div class='stats'>{stats}</div>"
                f"<div class='message'><p>{text}</p></div><div class='act'><a href='#r'>回复</a> <a href='#q'>引用</a></div></div>")
    replies = ["顶一下", "同意楼上", "学习了，谢谢分享"]
    thread = post(0, ARTICLE_ZH.replace("<p>", "").replace("</p>", "<br>")) + "".join(post(n, r) for n, r in enumerate(replies, 1))
    doc = cleaner.clean(page(f"<div id='nav'><a href='/'>首页</a> <a href='/f'>论坛</a></div><div id='thread'>{thread}</div>"))
    assert "这是第0段正文" in doc.body
    assert all(r in doc.body for r in replies), [r for r in doc.removed if r.text in replies]


def test_text_rules_still_run_inside_the_article_container():
    article = ARTICLE_ZH + "<p>本文版权归原作者所有，如有侵权请联系删除。</p>"
    doc = cleaner.clean(page(f"<div class='content'>{article}</div>"))
    assert "这是第3段正文" in doc.body
    assert "如有侵权" not in doc.body
    assert any(r.rule == "notice" and r.path for r in doc.removed)


def test_headings_lists_tables_pre_and_quotes_of_the_article_are_kept():
    article = (
        ARTICLE_EN + "<h2>What the vote means</h2><ul><li>A new building in the centre of town</li>"
        "<li>Longer opening hours on weekends</li></ul><table><tr><th>Year</th><th>Visitors</th></tr>"
        "<tr><td>2015</td><td>12,000</td></tr></table><pre>open  = 9:00\nclose = 18:00</pre>"
        "<blockquote>We waited nine years for this, said one resident.</blockquote>" + ARTICLE_EN
    )
    doc = cleaner.clean(page(f"<article>{article}</article>", lang="en"))
    for kept in ("What the vote means", "Longer opening hours", "2015 12,000", "close = 18:00", "We waited nine years"):
        assert kept in doc.body, kept


def test_hidden_elements_scripts_and_ad_slots_are_not_text():
    body = (
        f"<div class='content'>{ARTICLE_EN}<div style='display:none'>hidden promo text</div>"
        "<script>var x = 'script text';</script><ins class='adsbygoogle'></ins>"
        "<iframe src='https://ads.example.com'>iframe text</iframe><p hidden>hidden paragraph</p></div>"
    )
    doc = cleaner.clean(page(body, lang="en"))
    for gone in ("hidden promo", "script text", "iframe text", "hidden paragraph"):
        assert gone not in doc.source
    assert "Paragraph 0 of the story" in doc.body


def test_a_class_hiding_an_element_on_small_screens_only_does_not_hide_it():
    """Tailwind's `hidden lg:flex` and Bootstrap's `d-none d-md-block` show the element on a desktop; `hidden` alone
    hides it."""
    for shown in ("hidden lg:flex", "d-none d-md-block"):
        source = cleaner.clean(page(f"<div class='{shown}'><div class='story'>{ARTICLE_EN}</div></div>", lang="en")).source
        assert "Paragraph 7 of the story" in source
    source = cleaner.clean(page(f"<div class='story'>{ARTICLE_EN}</div><div class='hidden'>mobile menu text</div>", lang="en")).source
    assert "mobile menu text" not in source


def test_text_after_a_comment_is_read_in_a_tree_that_keeps_comments():
    """BeautifulSoup's trees (the parser lxml falls back to) keep comments, which React puts between the pieces of a
    line: the text after one is the page's text too."""
    from cleaner.html import _soup, _Walker

    walker = _Walker(None)
    walker.walk(_soup("<html><body><p>Created by HistoryNet.com • <!-- -->107<!-- --> episode<!-- -->s</p></body></html>"))
    assert [raw[0] for raw in walker.raw] == ["Created by HistoryNet.com • 107 episodes"]


def test_a_noscript_that_swallowed_the_page_is_read_and_a_plain_one_is_not():
    """`<noscript><div id="nojs"></noscript>` leaves the <div> unclosed: the parser puts the rest of the page inside
    the <noscript>, under that one <div>. A <noscript> holding a notice only is not text."""
    swallowed = f"<noscript><div id='nojs'></noscript><div class='story'>{ARTICLE_EN}</div>"
    assert "Paragraph 7 of the story" in cleaner.clean(page(swallowed, lang="en")).body
    notice = f"<noscript><div><p>Please enable JavaScript to see the comments.</p></div></noscript><div class='story'>{ARTICLE_EN}</div>"
    assert "enable JavaScript" not in cleaner.clean(page(notice, lang="en")).source


def test_visibility_hidden_gives_way_to_a_visible_descendant():
    """CSS lets a descendant say `visibility:visible`: WeChat hides #js_content until a script reveals it."""
    wechat = next(r for r in records() if "mp.weixin.qq.com" in (r["url"] or ""))
    doc = cleaned(wechat["file"], wechat["url"])
    assert prf(doc.body, wechat["body"])[1] > 0.9
    body = f"<div style='visibility: hidden'><p style='visibility:visible'>shown</p>{ARTICLE_EN}</div><div style='visibility:hidden'>gone</div>"
    source = cleaner.clean(page(body, lang="en")).source
    assert "Paragraph 7 of the story" in source and "gone" not in source


def test_a_related_phrase_before_a_linked_title_goes_as_a_related_link():
    """'推荐阅读：<a>other article</a>' on one line, at the end of a real WeChat article."""
    wechat = next(r for r in records() if "mp.weixin.qq.com" in (r["url"] or ""))
    doc = cleaned(wechat["file"], wechat["url"])
    line = next(r for r in doc.removed if r.text.startswith("推荐阅读"))
    assert line.rule == "related"
    assert "推荐阅读" not in doc.body and doc.body.endswith("（sd退役军人之家）")


# --- encodings ----------------------------------------------------------------------------------------------

CHINESE = "中华人民共和国国务院新闻办公室今天举行新闻发布会，介绍经济运行情况。"


@pytest.mark.parametrize(
    ("encoding", "declare", "expected"),
    [
        ("gbk", "<meta http-equiv='Content-Type' content='text/html; charset=gb2312'>", "gb18030"),
        ("gb18030", "<meta charset='GBK'>", "gb18030"),
        ("big5", "<meta charset='big5'>", "big5hkscs"),
        ("gbk", "", "gb18030"),
        ("big5", "", "big5hkscs"),
        ("utf-8", "", "utf-8"),
    ],
)
def test_bytes_are_decoded_and_the_encoding_reported(encoding, declare, expected):
    text = CHINESE if encoding != "big5" else "中華人民共和國國務院新聞辦公室今天舉行新聞發佈會，介紹經濟運行情況。"
    title = "新聞" if encoding == "big5" else "新闻"
    html = f"<html><head>{declare}<title>{title}</title></head><body>" + f"<p>{text}</p>" * 6 + "</body></html>"
    doc = cleaner.clean(html.encode(encoding))
    assert doc.metadata.encoding == expected
    assert text in doc.body


def test_utf8_bom():
    html = page("<div class='content'>" + ARTICLE_ZH + "</div>")
    doc = cleaner.clean(b"\xef\xbb\xbf" + html.encode("utf-8"))
    assert doc.metadata.encoding == "utf-8-sig"
    assert "这是第1段正文" in doc.body


# --- bad input -------------------------------------------------------------------------------------------


def test_truncated_and_unclosed_markup():
    html = page("<div class='content'>" + ARTICLE_EN)[:-40] + "<p>unclosed <b>bold <i>and more text of the story, told"
    doc = cleaner.clean(html)
    assert "Paragraph 5 of the story" in doc.body


def test_ten_thousand_deep_nesting_gives_a_result_quickly():
    html = "<html><body>" + "<div>" * 10_000 + ARTICLE_EN + "</div>" * 10_000 + "</body></html>"
    start = time.perf_counter()
    doc = cleaner.clean(html)
    assert time.perf_counter() - start < 10
    assert "Paragraph 3 of the story" in doc.body
    assert any("nested" in f for f in doc.metadata.flags)


def test_no_body_script_only_and_empty_pages():
    assert "Paragraph 1" in Cleaner().clean_html(ARTICLE_EN).body
    assert Cleaner().clean_html("<html><head><script>alert(1)</script></head></html>").body == ""
    assert Cleaner().clean_html("").body == ""
    assert Cleaner().clean_html("<html></html>").body == ""


def test_xml_declaration_in_a_str_page():
    html = "<?xml version='1.0' encoding='utf-8'?>\n" + page("<div class='content'>" + ARTICLE_EN + "</div>", lang="en")
    assert "Paragraph 2 of the story" in cleaner.clean(html).body


def test_no_external_entities_and_no_entity_expansion(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT")
    xxe = (
        f"<?xml version='1.0'?><!DOCTYPE html [<!ENTITY xxe SYSTEM 'file://{secret}'>]>"
        "<html><body><p>&xxe; " + ARTICLE_EN + "</p></body></html>"
    )
    assert "TOP-SECRET" not in cleaner.clean(xxe).source
    laughs = "<!DOCTYPE lolz [<!ENTITY lol 'lol'>" + "".join(
        f"<!ENTITY lol{i} '{('&lol' + str(i - 1) + ';') * 10 if i > 1 else '&lol;' * 10}'>" for i in range(1, 10)
    ) + "]><html><body><p>&lol9;</p>" + ARTICLE_EN + "</body></html>"
    start = time.perf_counter()
    doc = cleaner.clean(laughs)
    assert time.perf_counter() - start < 5
    assert len(doc.source) < 100_000


def test_a_large_page_in_bounded_time():
    html = page("<div class='content'>" + ARTICLE_EN * 1600 + "</div>" + "<div class='side'><a href='/x'>link</a></div>" * 70_000)
    assert len(html) > 5_000_000
    start = time.perf_counter()
    doc = cleaner.clean(html)
    assert time.perf_counter() - start < 60
    assert "Paragraph 7 of the story" in doc.body


def test_frameset_page_is_flagged():
    html = "<html><frameset cols='20%,80%'><frame src='menu.html'><frame src='main.html'></frameset></html>"
    doc = Cleaner().clean_html(html)
    assert doc.body == ""
    assert any("frame" in f for f in doc.metadata.flags)


# --- error, paywall and login pages -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "text", "kind"),
    [
        ("页面未找到", "您访问的页面不存在，请返回首页。", "not_found"),
        ("404 Not Found", "The page you requested could not be found.", "not_found"),
        ("Attention Required! | Cloudflare", "Please complete the captcha to continue.", "blocked"),
        ("会员专区", "请先登录后查看全文。", "login"),
    ],
)
def test_pages_without_an_article_are_flagged_not_returned(title, text, kind):
    doc = cleaner.clean(page(f"<h1>{title}</h1><p>{text}</p><div id='footer'>关于我们</div>", head=f"<title>{title}</title>"))
    assert doc.metadata.unavailable == kind
    assert doc.body == ""


def test_paywall_is_flagged():
    body = "<article>" + ARTICLE_EN[:600] + "<p>Subscribe to continue reading this article.</p></article>"
    doc = cleaner.clean(page(body, lang="en"))
    assert doc.metadata.unavailable == "paywall"


# --- metadata -------------------------------------------------------------------------------------------------


def test_metadata_from_json_ld_and_meta_tags():
    head = (
        "<title>Library opens | The Daily Example</title><link rel='canonical' href='https://example.com/library'>"
        "<meta property='og:site_name' content='The Daily Example'><meta name='description' content='A new library.'>"
        "<meta property='og:image' content='/img/library.jpg'><meta name='keywords' content='library, council'>"
        "<meta property='article:modified_time' content='2024-06-28T10:00:00Z'>"
        "<script type='application/ld+json'>{\"@type\": \"NewsArticle\", \"headline\": \"Library opens\", "
        "\"author\": {\"@type\": \"Person\", \"name\": \"Jane Doe\"}, \"datePublished\": \"2024-06-27T08:00:00Z\"}</script>"
    )
    doc = cleaner.clean(page("<h1>Library opens</h1><article>" + ARTICLE_EN + "</article>", head=head, lang="en"),
                        url="https://example.com/library?ref=x")
    meta = doc.metadata
    assert (meta.title, meta.author, meta.published) == ("Library opens", "Jane Doe", "2024-06-27T08:00:00Z")
    assert meta.modified == "2024-06-28T10:00:00Z"
    assert meta.canonical_url == "https://example.com/library"
    assert meta.site_name == "The Daily Example"
    assert meta.image == "https://example.com/img/library.jpg"
    assert meta.keywords == ("library", "council")
    assert meta.description == "A new library."
    assert meta.language == "en"


def test_a_meta_tag_date_wins_over_json_ld_and_json_ld_serves_without_one():
    ld = "<script type='application/ld+json'>{\"@type\": \"Article\", \"datePublished\": \"2024-06-20T08:00:00+02:00\"}</script>"
    meta = "<meta property='article:published_time' content='2024-06-27T08:00:00+02:00'>"
    body = "<h1>Library opens</h1><article>" + ARTICLE_EN + "</article>"
    assert cleaner.clean(page(body, head=ld + meta, lang="en")).metadata.published == "2024-06-27T08:00:00+02:00"
    assert cleaner.clean(page(body, head=ld, lang="en")).metadata.published == "2024-06-20T08:00:00+02:00"


@pytest.mark.parametrize("stamp, path, line, shown", [
    ("2024-06-27T02:25:54Z", "/2024/06/26/library-opens/", "", "2024-06-26"),  # New York, in the evening
    ("2024-06-26T23:10:00+00:00", "/news/library-opens", "27.06.2024", "2024-06-27"),  # Vienna, after midnight
    ("2024-06-27T02:25:54Z", "/2024/06/28/library-opens/", "", "2024-06-27T02:25:54Z"),  # a day the hour rules out
    ("2024-06-26T23:10:00+02:00", "/2024/06/27/library-opens/", "", "2024-06-26T23:10:00+02:00"),  # a local stamp
    ("2024-06-26T23:10:00Z", "/news/library-opens", "26.06.2024", "2024-06-26T23:10:00Z"),  # the page agrees
])
def test_a_utc_stamp_takes_the_day_the_page_shows(stamp, path, line, shown):
    head = f"<meta property='article:published_time' content='{stamp}'>"
    body = f"<h1>Library opens</h1><p>{line}</p><article>" + ARTICLE_EN + "</article>"
    assert cleaner.clean(page(body, head=head, lang="en"), url="https://example.com" + path).metadata.published == shown


@pytest.mark.parametrize("head, body, url, published", [
    # JSON-LD wrapped in CDATA, as Wikipedia serves it
    (("<script type='application/ld+json'><![CDATA[{\"@type\": \"Article\", \"datePublished\": \"2001-10-29T01:59:14Z\"}]]>"
     "</script>"), "", None, "2001-10-29T01:59:14Z"),
    # hAtom and RDFa stamps in the body; hAtom's "updated" only when nothing says "published"
    ("", "<abbr class='entry-date published' title='2017-07-23T17:06:45+0000'>23. Juli 2017</abbr>", None, "2017-07-23T17:06:45+0000"),
    ("", ("<span class='updated' title='2013-04-04T18:52:11+00:00'></span><span property='schema:dateCreated' "
     "content='2013-04-01T10:00:00+00:00'></span>"), None, "2013-04-01T10:00:00+00:00"),
    ("", "<span class='published'>vor drei Tagen</span>", None, None),  # no stamp in it
    # the URL's date before a <time> elsewhere on the page (a teaser's, a comment's)
    ("", "<time datetime='2009-04-11T18:06:36'>11. April 2009</time>", "https://example.com/2019/10/22/story/", "2019-10-22"),
    ("", "<time datetime='2009-04-11T18:06:36'>11. April 2009</time>", "https://example.com/story/", "2009-04-11T18:06:36"),
    # a dateline opening the first paragraph under the title; a date deep inside a paragraph is not one
    ("", "<p>27.1.2022 – Bei der Erinnerung an die Verfolgten " + "ging es um viele Namen und Orte. " * 12 + "</p>", None, "2022-01-27"),
    ("", "<p>Bei der Erinnerung an die Verfolgten " + "ging es um viele Namen und Orte. " * 12 + "Am 27.1.2022 war es so.</p>", None,
     None),
    ("", "<p>1、报名日期为2003年11月1日至2003年11月30日，" + "外地考生可以提前函报，所有报名材料最迟在十二月中旬寄到。" * 3 + "</p>", None, None),
    # a how-to is an article too
    ("<script type='application/ld+json'>{\"@type\": \"HowTo\", \"datePublished\": \"2022-01-10T22:06:08Z\"}</script>", "", None,
     "2022-01-10T22:06:08Z"),
])
def test_dates_from_microformats_wrapped_json_ld_the_url_and_a_dateline(head, body, url, published):
    html = page("<h1>Library opens</h1>" + body + "<article>" + ARTICLE_EN.replace("2015", "") + "</article>", head=head, lang="en")
    assert cleaner.clean(html, url=url).metadata.published == published


def test_chinese_byline_dates_and_author_from_the_text():
    body = "<h1>市图书馆今日开馆</h1><div>2024年06月27日 09:30 来源：某某日报 作者：张三</div><div class='content'>" + ARTICLE_ZH + "</div>"
    meta = cleaner.clean(page(body, head="<title>市图书馆今日开馆-某某网</title>")).metadata
    assert meta.title == "市图书馆今日开馆"
    assert meta.published == "2024-06-27T09:30:00"
    assert meta.author == "张三"


def test_pagination_links_are_exposed():
    pager = "<div class='pages'><a href='/a/123.html'>1</a> <a href='/a/123_2.html'>2</a> <a href='/a/123_3.html'>3</a> " \
            "<a href='/a/123_2.html'>下一页</a></div>"
    doc = cleaner.clean(page("<div class='content'>" + ARTICLE_ZH + "</div>" + pager), url="https://example.com/a/123.html")
    assert [link.url for link in doc.metadata.pages] == ["https://example.com/a/123_2.html", "https://example.com/a/123_3.html"]
    rel = "<link rel='next' href='https://example.com/story?page=2'>"
    doc = cleaner.clean(page("<div class='content'>" + ARTICLE_EN + "</div>", head=rel, lang="en"), url="https://example.com/story")
    assert [link.url for link in doc.metadata.pages] == ["https://example.com/story?page=2"]


def test_related_links_keep_their_hrefs():
    doc = cleaner.clean(furnished(), url="https://example.com/news/1.html")
    assert doc.metadata.related
    assert all(link.url and link.url.startswith("https://example.com/news/") for link in doc.metadata.related)


# --- multi-page articles ---------------------------------------------------------------------------------------


def test_merge_pages_joins_in_order_without_repeating_the_lead():
    lead = "<p class='summary'>导语：市图书馆今日开馆，市民排队入馆参观，现场气氛热烈。</p>"
    pages = [
        page(f"<div class='content'>{lead}" + "".join(f"<p>本文第{n}部分第{i}段，记者在现场看到，群众有序排队，工作人员耐心解答。</p>" for i in range(5)) + "</div>")
        for n in (1, 2, 3)
    ]
    docs = [cleaner.clean(p) for p in pages]
    merged = merge_pages(docs)
    assert merged.body.count("导语") == 1
    assert merged.body.index("本文第1部分第0段") < merged.body.index("本文第2部分第0段") < merged.body.index("本文第3部分第4段")
    dropped = [r for r in merged.removed if r.rule == "merge_pages"]
    assert len(dropped) == 2 and all(merged.source[r.start : r.end] == r.text for r in dropped)
    assert merge_pages(docs[:1]) is docs[0]
    with pytest.raises(cleaner.InputError):
        merge_pages([])
