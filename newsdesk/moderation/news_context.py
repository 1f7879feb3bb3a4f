"""What a pattern's match means in a comment under a news story.

News comments quote and report: "protesters chanted 'Death to ...'" is not the commenter's own
call to kill, "kill the bill" and "shoot you an email" are idioms, and "Хохлов" is a surname
before it is a slur. These functions let the local scorer tell them apart; they read the text
as `matching.normalise` leaves it (lower case, quotes and punctuation kept).
"""

import re

from newsdesk.moderation.matching import fold

# Idioms that contain a word of violence and mean none. Matched on normalised text and blanked
# out before the threat and call-to-kill patterns run (never before abuse or the model).
IDIOMS = re.compile(
    r"\b(?:"
    r"shoot(?:ing)?\s+(?:you|me|him|her|them|us)\s+(?:an?\s+|the\s+|over\s+(?:an?\s+)?)?"
    r"(?:quick\s+|short\s+)?(?:e-?mail|email|message|note|line|text|dm|pm|link|invite|reply|"
    r"question|call|update|memo|copy)s?"
    r"|kill(?:s|ed|ing)?\s+(?:the|this|that|a|their|our|his|her)\s+(?:\w+\s+)?"
    r"(?:bill|bills|law|plan|proposal|deal|project|motion|amendment|idea|story|rumou?r|mood|"
    r"engine|lights?|process|app|feature|momentum|buzz|vibe|joke)"
    r"|kill(?:ing)?\s+time|killing\s+it|killed\s+it|kill\s+two\s+birds|dressed\s+to\s+kill"
    r"|(?:would|could|'d)\s+kill\s+for|killer\s+(?:app|feature|deal|view|line)"
    r"|shoot\s+for\s+the\s+(?:moon|stars)|shoot\s+the\s+breeze|shoot\s+(?:from|down)\s+the\s+hip"
    r"|bomb(?:ed)?\s+(?:the|an?|my|his|her|their)\s+(?:exam|test|interview|audition)"
    r")\b"
)

# Quoted passages: straight and typographic double quotes, guillemets, low-high quotes, and
# single quotes that open after a non-letter and close before one (not "don't").
_QUOTED = re.compile(
    r'"[^"\n]{1,300}"|“[^”\n]{1,300}”|«[^»\n]{1,300}»|„[^“”\n]{1,300}[“”]'
    r"|(?<!\w)'[^'\n]{1,300}'(?!\w)"
)

# A report of what others said, chanted or wrote, earlier in the same sentence.
_REPORTING = re.compile(
    r"\b(?:chant\w*|shout\w*|scream\w*|yell\w*|cr(?:y|ied|ies)|said|says|say|saying|told|wrote|"
    r"write|writes|tweet\w*|posted|slogans?|banners?|placards?|signs?|graffiti|read|reading|"
    r"quoted?|called\s+for|calling\s+for|calls\s+for|accused|claimed|according\s+to|"
    r"скандир\w*|крич\w*|кричал\w*|выкрикива\w*|сказал\w*|заявил\w*|написал\w*|писал\w*|"
    r"лозунг\w*|плакат\w*|транспарант\w*|призыва\w*|цитир\w*|по\s+словам)\b"
)
_SENTENCE_END = re.compile(r"[.!?\n]")


def without_idioms(normalised: str) -> str:
    """`normalised` with every idiom blanked out (same length, so positions stay)."""
    return IDIOMS.sub(lambda m: " " * len(m.group()), normalised)


def quoted_spans(normalised: str) -> list[tuple[int, int]]:
    """Where quoted passages start and end in `normalised`."""
    return [m.span() for m in _QUOTED.finditer(normalised)]


def is_reported(normalised: str, start: int, end: int) -> bool:
    """Whether the words at `start:end` are quoted or reported, not the commenter's own."""
    if any(begin <= start and end <= finish for begin, finish in quoted_spans(normalised)):
        return True
    sentence_start = max((m.end() for m in _SENTENCE_END.finditer(normalised, 0, start)), default=0)
    return bool(_REPORTING.search(normalised, sentence_start, start))


# A capitalised word after a word, comma, semicolon or bracket: mid-sentence, so a name. The
# capital comes first and the look-behind after it, so `re` jumps from capital to capital
# instead of trying the look-behind at every position (a tenth of the patterns' time).
NAME = re.compile(r"[A-ZА-ЯЁ](?<=[\w,;)\-]\s.)[a-zа-яё]+")


def names(text: str) -> frozenset[str]:
    """Words written as names in `text` (capitalised, not starting a sentence), folded."""
    return frozenset(fold(m.group()) for m in NAME.finditer(text))
