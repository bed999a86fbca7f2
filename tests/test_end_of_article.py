"""The end_of_article rule: a closing notice ends the article; a photo credit does not."""
import cleaner

PARAGRAPHS = [
    "　　近日，市文化和旅游局发布消息，全市将在暑期推出三十余项文旅活动，涵盖非遗展演、夜间市集、乡村旅游等多个方面，吸引市民游客参与。",
    "　　据介绍，今年的活动更加注重群众参与，多数项目免费开放，部分景区还将延长开放时间，并推出针对学生群体的优惠措施。",
    "　　市文化和旅游局相关负责人表示，将加强安全管理和服务保障，确保各项活动平稳有序开展，让市民游客度过一个愉快的暑假。",
]
NEXT_ARTICLE = [
    "31岁在春晚一炮而红，观众都以为他隐退了",
    "　　如果说在中国传唱度最高的歌曲，那这一首歌绝对算得上是家喻户晓，很多人从小就会唱，至今仍在各地传唱。",
]


def test_a_feed_after_the_closing_notice_goes():
    notice = "以上内容（包括图片及视频）为用户上传并发布，本平台仅提供信息存储服务。"
    doc = cleaner.clean("\n".join(PARAGRAPHS + [notice] + NEXT_ARTICLE))
    assert all(p.strip() in doc.body for p in PARAGRAPHS)
    assert "家喻户晓" not in doc.body
    assert any(r.rule == "end_of_article" and "家喻户晓" in r.text for r in doc.removed)


def test_a_photo_credit_inside_the_article_does_not_close_it():
    text = "\n".join(PARAGRAPHS[:2] + ["© 新华社"] + PARAGRAPHS[2:])
    doc = cleaner.clean(text)
    assert PARAGRAPHS[2].strip() in doc.body
    assert not any(r.rule == "end_of_article" for r in doc.removed)


def test_the_footer_after_the_editors_credit_goes():
    """A real page (china.org.cn, text view): '【责任编辑：刘峻凌】' under the last paragraph, then the site's footer, whose
    link bars with licence numbers score as prose. The credit closes the article, so the footer goes with it."""
    from fixture_pages import cleaned, pages

    page = next(p for p in pages() if p.id.startswith("article/5da9b27b"))
    doc = cleaned(page.name)
    assert doc.body.rstrip().endswith("不计入单位办公用房总使用面积。")
    assert any(r.rule == "end_of_article" and "人才招聘" in r.text and "责任编辑" in r.reason for r in doc.removed)


def test_an_editors_credit_above_the_article_closes_nothing():
    text = "\n".join(["责任编辑：张三"] + PARAGRAPHS + NEXT_ARTICLE[1:])
    doc = cleaner.clean(text)
    assert all(p.strip() in doc.body for p in PARAGRAPHS + NEXT_ARTICLE[1:])
    assert not any(r.rule == "end_of_article" for r in doc.removed)
