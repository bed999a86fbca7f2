"""The code rule: markup and script a scraper saved as text go; prose that quotes a tag stays."""
import cleaner

PROSE = [
    "　　5月20日22点起，栏目将推出系列访谈节目，五位电影人将讲述他们的成长故事和艺术生涯，用艺术探索构建起中国电影的发展之路。",
    "　　节目邀请多位业内人士参与，从创作、教育、产业等多个角度回顾首都电影事业的发展历程，展望未来的机遇与挑战。",
]


def rules_of(doc, text):
    return [r.rule for r in doc.removed if text in r.text]


def test_a_line_of_saved_markup_goes():
    markup = '<div class="pic_midd mb20"> <!--插件的宽度依赖于pic_midd 的宽度--> <div id="pic_con"> <img src="a.jpg"> </div></div>'
    doc = cleaner.clean("\n".join(PROSE[:1] + [markup] + PROSE[1:]))
    assert rules_of(doc, "pic_midd") == ["code"]
    assert all(p.strip() in doc.body for p in PROSE)


def test_script_text_goes():
    script = "var ads = window.ads || []; ads.push({slot: 'top'}); (function(){ document.write('x'); })();"
    doc = cleaner.clean("\n".join(PROSE[:1] + [script] + PROSE[1:]))
    assert rules_of(doc, "ads.push") == ["code"]


def test_a_title_in_angle_brackets_is_not_markup():
    line = "For those who have yet to watch <The Palace: Tale of Jang Noksu>, the show runs until the end of the month."
    doc = cleaner.clean("\n".join([line] + [p.strip() for p in PROSE]))
    assert "code" not in rules_of(doc, "The Palace")


def test_code_a_line_ending_in_a_colon_introduces_is_quoted_and_stays():
    """A reply in a thread: 'Livewire view:' and then the template it asks about; the template is the post's."""
    view = '<div> @foreach ($users as $user) <div class="flex items-center"> <span>{{ $user->name }}</span> </div> @endforeach </div>'
    doc = cleaner.clean("\n".join(PROSE[:1] + ["　　节目的页面模板如下："] + [view] + PROSE[1:]))
    assert "code" not in rules_of(doc, "@foreach")


def test_markup_under_a_line_without_a_colon_or_under_a_removed_one_still_goes():
    markup = '<div class="pic_midd mb20"> <!--插件的宽度依赖于pic_midd 的宽度--> <div id="pic_con"> <img src="a.jpg"> </div></div>'
    for above in ("　　节目的页面模板如下。", "分享到："):
        doc = cleaner.clean("\n".join(PROSE[:1] + [above, markup] + PROSE[1:]))
        assert rules_of(doc, "pic_midd") == ["code"], above
