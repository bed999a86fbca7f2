"""Imported by the batch's fork server only: builds the default Cleaner once, so that every worker forked
from the server starts with the phrase scanner compiled instead of compiling it again."""
from .batch import base_cleaner

base_cleaner()
