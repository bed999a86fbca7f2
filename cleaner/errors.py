"""The only exceptions `cleaner` raises on purpose. Catch `CleanerError` to catch them all."""


class CleanerError(Exception):
    """Base class of every error `cleaner` raises on purpose."""


class InputError(CleanerError, ValueError):
    """The input cannot be cleaned as given (wrong type, undecodable bytes)."""


class InputTooLarge(InputError):
    """The input is over the configured size limit (`Cleaner(max_chars=...)`)."""


class UnknownRule(CleanerError, KeyError):
    """A rule name given to `Cleaner` is not in the registry."""


class RuleFailed(CleanerError):
    """A rule raised or timed out; carries the rule's name."""

    def __init__(self, rule: str, cause: BaseException):
        super().__init__(f"rule {rule!r} failed: {type(cause).__name__}: {cause}")
        self.rule = rule
        self.cause = cause
