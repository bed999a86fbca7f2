"""Forum threads in text mode (`cleaner.thread`): the posts' headers found from their recurring shape, the short
replies between them kept, and pages whose stamps are not post headers left alone."""
from __future__ import annotations

from fixture_pages import pages, squash

import cleaner
from cleaner.blocks import text_blocks
from cleaner.thread import find_thread


def fixture(prefix: str):
    return next(p for p in pages() if p.id.startswith(prefix))


def test_a_flarum_threads_post_headers_are_found_and_removed_and_its_one_line_replies_kept():
    page = fixture("forum/3a43c342")  # headers "发布 #4 2024年5月16日星期四 18点40分", replies of one line
    blocks = text_blocks(page.text)
    thread = find_thread(blocks)
    assert thread is not None and len(thread.headers) >= 10
    assert all(blocks[i].text.startswith("发布 #") for i in thread.headers)
    doc = cleaner.clean(page.text)
    body = squash(doc.body)
    assert "发布#" not in body
    for reply in ("草，当时要15美元（）我还买了", "那可以用login2see，这个应该很多的", "好的，看来只能找人二开插件了。谢谢你"):
        assert squash(reply) in body
    assert {r.reason for r in doc.removed if r.rule == "repeated"} >= {"a post's header"}


def test_short_answers_under_a_questions_accepted_one_are_kept():
    page = fixture("forum/3bea25af")  # a Q&A page stamped "asked May 19 at 13:08", "answered …", "edited …"
    assert find_thread(text_blocks(page.text)) is not None
    body = squash(cleaner.clean(page.text).body)
    assert squash("Therefore the 6 is green, the 9 is violet.") in body
    assert squash("This is more like cheeting in my opinion.") in body


def lines(*parts: str) -> list:
    return text_blocks("\n".join(parts))


POST = ["Alice", "2023-07-06 23:19", "I had the same problem last week.", "Bob", "2023-07-07 09:03",
        "Thanks, that fixed it.", "It works now.", "Carol", "2023-07-08 10:15", "Same here."]


def test_a_thread_made_of_stamped_posts_is_found():
    thread = find_thread(lines(*POST))
    assert thread is not None and thread.headers == (1, 4, 8)


def test_stamps_under_an_article_are_its_comments_not_a_thread():
    article = " ".join(["The council met on Tuesday to discuss the new budget, which raises spending on schools."] * 12)
    assert find_thread(lines(article, *POST)) is None


def test_a_schedule_of_time_ranges_is_not_a_thread():
    schedule = ["8:30－8:50 Opening", "Welcome by the dean.", "9:20－9:50 Keynote", "A talk on growth.", "On trade.",
                "10:10－12:10 Panel", "Four speakers on finance."]
    assert find_thread(lines(*schedule)) is None


def test_a_list_laid_out_alike_is_not_a_thread():
    ticker = []
    for n in range(6):
        ticker += [f"Headline number {n} about the news", "* By STAFF", f"* 11/20/2019 0{n}:14 PM"]
    assert find_thread(lines(*ticker)) is None
