"""cleaner: scraped web pages (text or HTML) to clean articles, with metadata and an audit trail."""
from .document import Contact, Document, Link, Metadata, Removal
from .engine import Cleaner, clean
from .errors import CleanerError, InputError, InputTooLarge, RuleFailed, UnknownRule
from .merge import merge_pages
from .rules import Finding, Rule, default_rules, note, remove, remove_span, rule

__all__ = [
    "Cleaner", "CleanerError", "Contact", "Document", "Finding", "InputError", "InputTooLarge", "Link", "Metadata",
    "Removal", "Rule", "RuleFailed", "UnknownRule", "clean", "default_rules", "merge_pages", "note", "remove", "remove_span", "rule",
]
__version__ = "0.1.0"
