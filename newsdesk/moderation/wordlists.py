"""The built-in lists of the local scorer: abuse, threats and calls to kill, in English and Russian.

Kept modest on purpose. Each entry is a plain word, phrase or `stem*`, or a regular expression,
read as described in newsdesk.moderation.matching (case, accents, spelt-out letters, look-alike
digits and repeated letters do not matter). Editors add their own in the admin (Moderation >
Word lists). Built-in entries apply to every comment whatever its language: the English ones
cannot match Cyrillic text, nor the reverse.

Strong opinions are not abuse: "neo-fascists", "guilty", "criminal", "occupiers" are not listed.
Killing described as news ("the strike killed 29 civilians") is not a threat: the patterns look
for calls and wishes ("should be destroyed", "kill them all", "надо уничтожить").
"""

from newsdesk.moderation.matching import WordRule


def _words(*patterns: str) -> tuple[WordRule, ...]:
    return tuple(WordRule(pattern) for pattern in patterns)


def _regexes(*patterns: str) -> tuple[WordRule, ...]:
    return tuple(WordRule(pattern, is_regex=True) for pattern in patterns)


ABUSE_EN = _words(
    "bastard*",
    "idiot*",
    "moron*",
    "imbecile*",
    "cretin*",
    "scum*",
    "vermin",
    "subhuman*",
    "untermensch*",
    "retard",
    "retards",
    "retarded",
    "bitch*",
    "whore*",
    "slut*",
    "cunt*",
    "twat",
    "twats",
    "wanker*",
    "motherfuck*",
    "fuck*",
    "shit",
    "shits",
    "shitty",
    "shithead*",
    "bullshit",
    "asshole*",
    "arsehole*",
    "dickhead*",
    "piece of shit",
    "son of a bitch",
    # Slurs: a short list of unambiguous ones; editors add more as suspect words.
    "nigger*",
    "faggot*",
    "kike",
    "kikes",
    "raghead*",
    "towelhead*",
)

ABUSE_RU = _words(
    "ублюд*",
    "сволоч*",
    "мразь",
    "мрази",
    "мразот*",
    "тварь",
    "твари",
    "тварей",
    "урод",
    "уроды",
    "уродов",
    "дебил*",
    "идиот*",
    "кретин*",
    "дегенерат*",
    "выродок",
    "выродк*",
    "подонок",
    "подонк*",
    "падла",
    "падлы",
    "гнида",
    "гниды",
    "чмо",
    "мудак*",
    "мудил*",
    "долбоеб*",
    "ебан*",
    "ебал*",
    "ебат*",
    "заеб*",
    "уеб*",
    "бляд*",
    "пизд*",
    "хуй*",
    "хуе*",
    "хуя*",
    "пидор*",
    "пидар*",
    # Ethnic slurs: a short list of unambiguous forms ("жидкий" is a word, so not "жид*").
    "жид",
    "жиды",
    "жидов",
    "жидовск*",
    "хохол",
    "хохлы",
    "хохлов",
    "москаль",
    "москали",
    "москалей",
    "русня",
    "русню",
    "чурка",
    "чурки",
    "чурок",
    "хачи",
    "хачей",
) + _regexes(r"\bсук(?:а|и|у|ой|ам|ами)\b")

# Explicit calls to kill and direct death threats: refused outright.
CALLS_TO_KILL_EN = _regexes(
    r"\b(?:kill|murder|slaughter|exterminate|massacre|butcher)\s+(?:them|'em)\s+all\b",
    r"\b(?:kill|murder|slaughter|exterminate|massacre|butcher)\s+all\s+(?:of\s+)?"
    r"(?:them|those|these|(?:the\s+)?\w+(?:s|people|men|folk))\b",
    r"(?<!\bto\s)(?<!\bput\s)\bdeath\s+to\s+(?:all\s+)?(?:the\s+)?\w+",
    r"\b(?:i|we)\s*(?:'ll|'m\s+going\s+to|'re\s+going\s+to|will|shall|am\s+going\s+to|"
    r"are\s+going\s+to|gonna)\s+(?:kill|murder|shoot|stab|behead|butcher)\s+(?:you|ya|him|her|them)\b",
    r"\bkill\s+yourself\b",
    r"\bkys\b",
)

CALLS_TO_KILL_RU = _regexes(
    r"\bсмерть\s+\w+(?:ам|ям)\b",
    r"\b(?:убей|убейте|убивай|убивайте|перебей|перебейте|расстреляй|расстреляйте|повесь|"
    r"повесьте|режь|режьте|вырежьте)\s+(?:их|его|ее|всех|этих|тех|каждого)\b",
    r"\b(?:надо|нужно|необходимо|следует|пора|давайте|давай|должны|должен|должна)\s+"
    r"(?:\w+\s+){0,2}?(?:убить|убивать|перебить|расстрелять|расстреливать|повесить|вешать|"
    r"вырезать|истребить|казнить)\b",
    r"\b(?:убить|перебить|расстрелять|повесить|вырезать|истребить)\s+(?:\w+\s+){0,2}?"
    r"(?:надо|нужно|пора|следует)\b",
    r"\b(?:я|мы)\s+(?:тебя|вас|его|ее|их)\s+(?:убью|убьем|прикончу|зарежу|пристрелю|"
    r"расстреляю)\b",
    r"\b(?:убью|убьем|зарежу|пристрелю|прикончу)\s+(?:тебя|вас|его|ее|их)\b",
)

# Calls for or wishes of violence that a moderator should read: context decides (a quotation,
# a debate about the death penalty, weapons that "should be destroyed").
THREATS_EN = _regexes(
    r"\b(?:should|must|ought\s+to|needs?\s+to|deserves?\s+to|has\s+to|have\s+to)\s+(?:all\s+)?"
    r"(?:be\s+)?(?:destroyed|wiped\s+out|wiped\s+off|erased|annihilated|eradicated|exterminated|"
    r"obliterated|nuked|bombed|burned|burnt|killed|murdered|executed|shot|hanged|hung|gassed|"
    r"beheaded|lynched|die|burn|rot)\b",
    r"\b(?:kill|shoot|burn|bomb|nuke|hang|gas|behead|lynch|slaughter|exterminate|destroy|"
    r"wipe\s+out)\s+(?:them|'em|him|her|you)\b",
    r"\b(?:hope|wish|pray)\s+(?:that\s+)?(?:you|they|he|she|it|\w+)\s+(?:all\s+)?"
    r"(?:die|dies|get\s+killed|gets\s+killed|burns?\s+in\s+hell|rots?\s+in\s+hell)\b"
    r"(?!\s+(?:down|out|away))",
    r"\bwipe\w*\s+(?:\w+\s+){0,2}?off\s+(?:the\s+)?(?:map|face\s+of\s+the\s+earth)\b",
    r"\byou\s*(?:will|'ll|are\s+going\s+to|'re\s+going\s+to|gonna)\s+die\b",
    # A short sentence that only orders a place destroyed: "Destroy Kyiv!", "Nuke Moscow now".
    r"(?:^|(?<=[.!?\n]))\s*(?:let's\s+|just\s+|now\s+)?(?:destroy|nuke|bomb|flatten|raze|"
    r"obliterate|annihilate|erase|wipe\s+out|burn\s+down|burn|level|carpet[-\s]bomb)\s+"
    r"(?:the\s+)?\w+(?:\s+\w+)?\s*(?:now|already|too|again|today)?\s*(?:[.!?]+|$)",
)

THREATS_RU = _regexes(
    r"\b(?:надо|нужно|необходимо|следует|пора|давайте|давай|должн\w*|пусть)\s+"
    r"(?:\w+\s+){0,2}?(?:уничтож\w*|сжечь|сжигать|разбомбить|бомбить|взорвать|сровнять|"
    r"истреб\w*)",
    r"\b(?:должн\w*|надо|нужно)\s+(?:\w+\s+)?(?:быть\s+)?(?:уничтожен\w*|сожжен\w*|"
    r"истреблен\w*|разбомблен\w*)",
    r"\b(?:уничтожить|сжечь|разбомбить|истребить|взорвать)\s+(?:\w+\s+){0,2}?"
    r"(?:надо|нужно|пора|следует)\b",
    r"\b(?:стереть|стерт\w*)\s+(?:\w+\s+){0,2}?с\s+(?:лица\s+земли|карты)",
    r"\b(?:сожгите|сожги|жгите|уничтожьте|уничтожь|бомбите|разбомбите|взорвите)\s+"
    r"(?:их|его|ее|всех|этих|тех)\b",
    r"\bчтоб(?:ы)?\s+(?:ты|вы|они|он|она)\s+(?:все\s+)?(?:сдох\w*|подох\w*|сгорел\w*|сгнил\w*)",
    r"\bсдохни(?:те)?\b",
    # A short sentence that only orders a place destroyed: "Уничтожить Киев!", "Сжечь Лондон".
    r"(?:^|(?<=[.!?\n]))\s*(?:уничтож(?:ить|ьте|ь)|стереть|сотрите|сотри|сжечь|сожгите|сожги|"
    r"разбомбить|разбомбите|разбомби|бомбить|бомбите|взорвать|взорвите|снести|снесите|"
    r"сровнять|сровняйте|выжечь|выжгите)\s+\w+(?:\s+\w+)?\s*(?:уже|наконец|сейчас)?\s*"
    r"(?:[.!?]+|$)",
)

ABUSE = ABUSE_EN + ABUSE_RU
CALLS_TO_KILL = CALLS_TO_KILL_EN + CALLS_TO_KILL_RU
THREATS = THREATS_EN + THREATS_RU
