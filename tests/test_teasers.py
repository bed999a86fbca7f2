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
