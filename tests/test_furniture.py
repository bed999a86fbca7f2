"""Small pieces of site furniture inside the article region: gallery counters, image credits, affiliate notes."""
import cleaner

PARAS = [
    "The council approved the new library on Monday after two years of debate over its cost and its location near the river.",
    "Construction will start in March, and the building is expected to open to the public before the end of next year.",
    "Local groups said they would raise money for a children's reading room and a small garden beside the entrance.",
]


def rule_for(doc, text):
    return [r.rule for r in doc.removed if r.text == text]


def test_gallery_counters_and_credits_go_captions_stay():
    caption = "An architect's drawing of the new library, seen from the river."
    lines = [PARAS[0], "Image 1 of 4", caption, "Photo: City of Example", PARAS[1], PARAS[2]]
    doc = cleaner.clean("\n".join(lines))
    assert rule_for(doc, "Image 1 of 4") == ["navigation"]
    assert rule_for(doc, "Photo: City of Example") == ["navigation"]
    assert caption in doc.body


def test_an_affiliate_note_goes_a_sentence_about_commissions_stays():
    note = "We may earn a commission from links on this page."
    prose = ("Estate agents in the city now earn a commission of about two percent, the report found, down from three percent "
             "a decade ago, as online listings have pushed fees lower across the whole region.")
    doc = cleaner.clean("\n".join([note, PARAS[0], prose, PARAS[1], PARAS[2]]))
    assert rule_for(doc, note) == ["ads"]
    assert prose in doc.body
