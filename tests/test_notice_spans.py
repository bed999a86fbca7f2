"""A notice inside a very long block (an old page's whole article on one line) costs only its sentence."""
import cleaner

SENTENCE = ("The committee met again on Thursday to review the budget, and members agreed that the road repairs "
            "should come first, before any new building work starts in the spring. ")


def test_only_the_notice_sentence_of_a_long_line_goes():
    notice = "Copyright 2005 Example News. All rights reserved. "
    line = SENTENCE * 6 + notice + SENTENCE * 2
    doc = cleaner.clean(line)
    assert "All rights reserved" not in doc.body
    assert doc.body.count("road repairs") == 8
    spans = [r for r in doc.removed if r.rule == "notice"]
    assert spans and all(len(r.text) < 60 for r in spans)
    # Accounting: the body plus the removed spans hold every visible character of the input.
    kept = "".join(doc.body.split()) + "".join("".join(r.text.split()) for r in doc.removed)
    assert sorted(kept) == sorted("".join(line.split()))


def test_a_short_notice_block_goes_whole():
    doc = cleaner.clean("\n".join([SENTENCE * 3, "© 2024 Example News. All rights reserved."]))
    assert [r.text for r in doc.removed if r.rule == "notice"] == ["© 2024 Example News. All rights reserved."]
