from ..patterns import CONSENT, CONSENT_MARKS
from ..shapes import clusters, is_paragraph
from . import remove, rule

MIN_HITS = 4
MAX_GAP = 6
MIN_SHARE = 0.3
MIN_PROSE = 100


@rule("consent", kind="notice")
def consent(page):
    """A site's cookie banner or privacy notice saved with the page: blocks full of cookies, consent, opt-out.

    Signals: four or more blocks that speak of cookies, consent or opting out (in the languages of
    `patterns.CONSENT`), at most six blocks apart and a third or more of the blocks they span, starting
    after 100 tokens of the article's prose. The span from the first to the last of them goes, headings
    between ("Google Chrome", "COOKIE MANAGEMENT") included.
    False positives: an article about cookies or consent speaks of them in a paragraph before such a run,
    or from its start, before 100 tokens of prose: then the rule stops; a lone cookie line is `notice`'s.
    Example: "…last paragraph." / "This Cookie Notice explains…" / "First-party Cookies" / … -> removed.
    """
    # Lines other rules took (a "Cookie Policy" notice) still hold the run together.
    marked = page.holding(CONSENT_MARKS)  # most pages never name them: none to search
    hits = [i for i in marked if CONSENT.search(page.blocks[i].text)]
    if len(hits) < MIN_HITS:
        return
    prose, lead = page.prose_before(), page.lead
    for run in clusters(hits, MAX_GAP):
        first, last = run[0], run[-1]
        if any(lead <= i < first and i not in page.claimed and is_paragraph(page.blocks[i]) for i in hits):
            return  # the article itself speaks of cookies: what follows may be more of it
        if len(run) >= MIN_HITS and len(run) >= MIN_SHARE * (last - first + 1) and prose[first] >= MIN_PROSE:
            span = [i for i in range(first, last + 1) if i not in page.claimed]
            yield remove(span, f"cookie and consent text ({len(run)} of {last - first + 1} blocks speak of it)")

