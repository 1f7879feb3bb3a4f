"""What a parser raises when a file cannot become wire items."""


class UnreadableItem(ValueError):
    """The file is not wire copy we can read; the message says why, for the ingest log."""
