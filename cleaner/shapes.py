"""Shape predicates over blocks that several rules share."""
from .blocks import Block
from .patterns import DATE_ONLY, ELLIPSIS_END, NUMBER_ONLY, RELATIVE_TIME


def is_date(block: Block) -> bool:
    return block.tokens <= 8 and bool(DATE_ONLY.match(block.text))


def is_stamp(block: Block) -> bool:
    """A line that only says when: a date, a time, or "3 hours ago"."""
    return block.tokens <= 8 and bool(DATE_ONLY.match(block.text) or RELATIVE_TIME.search(block.text))


def is_number(block: Block) -> bool:
    return bool(NUMBER_ONLY.match(block.text))


def is_teaser(block: Block) -> bool:
    """A snippet cut off with an ellipsis, as related lists and index pages show them."""
    return bool(ELLIPSIS_END.search(block.text))


def is_heading(block: Block) -> bool:
    """A title-shaped block: a few words, no sentence punctuation at its end, not a list item."""
    return 3 <= block.tokens <= 60 and not block.ends_sentence and not block.bullet and not is_date(block)


def is_paragraph(block: Block) -> bool:
    """A block that reads like article prose rather than a list entry."""
    return block.tokens >= 30 and block.punct >= 2 and not is_teaser(block)


def is_list_entry(block: Block) -> bool:
    """What follows a list heading: bullets, short titles, dates, counts, teasers."""
    return block.bullet or is_date(block) or is_number(block) or is_teaser(block) or (block.tokens <= 25 and not block.ends_sentence)
