"""Word tables and regular patterns of time expressions (data: constants, never mutated).

The tables (months, weekdays, numbers, seasons, reference words, holidays, tense cues, the
verbs that tell tense in a parse) feed the pattern sources below; ``grammar.py`` compiles them
and interprets matches, ``expressions.py`` reads the tense and precision tables. The few
functions read single words: a tense cue ("said", "will"), a number, a year, a month, a day.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11,
    "nov": 11, "december": 12, "dec": 12,
}

WEEKDAYS: dict[str, int] = {  # ISO numbering, Monday = 1
    "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5,
    "saturday": 6, "sunday": 7,
}

NUMBER_WORDS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
    "a couple of": 2, "a dozen": 12, "half a dozen": 6,
}

VAGUE_NUMBERS: tuple[str, ...] = ("a few", "few", "several", "some", "many", "a number of")

ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
    "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16,
    "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
    "twenty-first": 21, "twenty-second": 22, "twenty-third": 23, "twenty-fourth": 24,
    "twenty-fifth": 25, "twenty-sixth": 26, "twenty-seventh": 27, "twenty-eighth": 28,
    "twenty-ninth": 29, "thirtieth": 30, "thirty-first": 31,
}

DECADE_WORDS: dict[str, int] = {  # "the nineties", "the '80s"
    "twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
    "seventies": 7, "eighties": 8, "nineties": 9,
}

# Units of calendar shifts; the value keeps the unit's granularity.
UNITS: dict[str, str] = {
    "day": "day", "days": "day", "week": "week", "weeks": "week", "fortnight": "fortnight",
    "month": "month", "months": "month", "year": "year", "years": "year",
    "quarter": "quarter", "quarters": "quarter", "decade": "decade", "decades": "decade",
    "century": "century", "centuries": "century",
}

# TIMEX3 duration codes of the units: (letter, count) as in P3M for a quarter.
DURATION_CODES: dict[str, tuple[str, int]] = {
    "day": ("D", 1), "week": ("W", 1), "fortnight": ("W", 2), "month": ("M", 1),
    "quarter": ("M", 3), "year": ("Y", 1), "decade": ("Y", 10), "century": ("Y", 100),
}

SEASONS: dict[str, str] = {
    "spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI",
}

# Parts of the day (TimeBank convention: the value gets a TMO/TAF/TEV/TNI suffix).
PARTS_OF_DAY: dict[str, str] = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI",
}
CLOCK_WORDS: dict[str, str] = {"noon": "12:00", "midday": "12:00", "midnight": "24:00"}

# Set-like frequency words, as TimeBank codes them.
FREQUENCIES: dict[str, str] = {
    "daily": "P1D", "nightly": "P1D", "weekly": "P1W", "monthly": "P1M",
    "quarterly": "P3M", "annually": "P1Y", "yearly": "P1Y",
}

# Modifiers written before an expression: the TIMEX3 mod they give.
MODIFIERS: dict[str, str] = {
    "early": "START", "earlier": "START", "late": "END", "later": "END", "mid": "MID",
    "the beginning of": "START", "the start of": "START", "the end of": "END",
    "the close of": "END", "the middle of": "MID", "the first half of": "START",
    "around": "APPROX", "about": "APPROX", "some": "APPROX", "nearly": "APPROX",
    "roughly": "APPROX", "approximately": "APPROX",
}

# Whole expressions that refer to the present, past or future without a calendar value.
REFERENCE_WORDS: dict[str, str] = {
    "now": "PRESENT_REF", "right now": "PRESENT_REF", "just now": "PRESENT_REF",
    "currently": "PRESENT_REF", "current": "PRESENT_REF", "presently": "PRESENT_REF",
    "at present": "PRESENT_REF", "at the moment": "PRESENT_REF", "these days": "PRESENT_REF",
    "nowadays": "PRESENT_REF", "the present": "PRESENT_REF", "the moment": "PRESENT_REF",
    "recently": "PAST_REF", "recent": "PAST_REF", "more recently": "PAST_REF",
    "previously": "PAST_REF", "formerly": "PAST_REF", "earlier": "PAST_REF",
    "the past": "PAST_REF", "in the past": "PAST_REF", "once": "PAST_REF",
    "lately": "PAST_REF", "the time": "PAST_REF", "already": "PRESENT_REF", "yet": "PRESENT_REF",
    "then current": "PAST_REF", "then-current": "PAST_REF",  # the present of a past moment
    "future": "FUTURE_REF", "the future": "FUTURE_REF", "the near future": "FUTURE_REF",
    "the near term": "FUTURE_REF", "the short term": "FUTURE_REF", "soon": "FUTURE_REF",
    "shortly": "FUTURE_REF", "someday": "FUTURE_REF", "one day": "FUTURE_REF",
    "a later date": "FUTURE_REF", "as soon as possible": "FUTURE_REF",
    "the long term": "FUTURE_REF", "the coming": "FUTURE_REF", "eventually": "FUTURE_REF",
}

# Adjectives of "this crucial moment" (PRESENT_REF).
MOMENT_ADJECTIVES: tuple[str, ...] = (
    "crucial", "critical", "difficult", "historic", "particular", "very", "precise",
    "sensitive", "delicate", "important", "decisive", "present", "current", "same",
)

# Fixed-date holidays: (month, day).
FIXED_HOLIDAYS: dict[str, tuple[int, int]] = {
    "new year's day": (1, 1), "new year's eve": (12, 31), "christmas": (12, 25),
    "christmas day": (12, 25), "christmas eve": (12, 24), "boxing day": (12, 26),
    "valentine's day": (2, 14), "halloween": (10, 31), "independence day": (7, 4),
    "bastille day": (7, 14), "veterans day": (11, 11), "armistice day": (11, 11),
    "may day": (5, 1), "new year": (1, 1),
}

# Holidays on the n-th weekday of a month: (month, ISO weekday, n); n = -1 for the last one.
WEEKDAY_HOLIDAYS: dict[str, tuple[int, int, int]] = {
    "thanksgiving": (11, 4, 4), "thanksgiving day": (11, 4, 4),
    "labor day": (9, 1, 1), "memorial day": (5, 1, -1),
    "martin luther king day": (1, 1, 3), "presidents day": (2, 1, 3),
    "mother's day": (5, 7, 2), "father's day": (6, 7, 3), "columbus day": (10, 1, 2),
}

# Easter-relative holidays: days after Easter Sunday.
EASTER_HOLIDAYS: dict[str, int] = {
    "easter": 0, "easter sunday": 0, "easter monday": 1, "good friday": -2,
    "palm sunday": -7, "ash wednesday": -46, "pentecost": 49,
}

# Words that mark the future in the clause of an expression (tense override).
FUTURE_CUES: frozenset[str] = frozenset({
    "will", "'ll", "shall", "wo", "would", "should", "could", "might", "may", "must",
    "scheduled", "slated", "postponed", "upcoming", "payable", "effective", "soon",
    "planning", "intends", "intend",
})

# Words that mark the future when followed by "to" or "for" ("plans to", "set for").
FUTURE_BEFORE_TO: frozenset[str] = frozenset({
    "plan", "plans", "planned", "expected", "expects", "expect", "supposed", "set", "due",
    "aims", "aim", "hopes", "hope", "going", "likely", "ready", "poised", "about", "is", "are",
    "am", "was", "were", "prepared", "preparing", "wants", "want", "agreed", "decided",
})

# Words that mark the past (besides lower-case verbs ending in -ed).
PAST_CUES: frozenset[str] = frozenset({
    "was", "were", "had", "did", "said", "told", "met", "went", "came", "began", "took",
    "made", "gave", "left", "held", "saw", "won", "lost", "fell", "rose", "found", "got",
    "sent", "spent", "brought", "thought", "felt", "kept", "led", "ran", "struck",
    "fought", "paid", "sold", "bought", "built", "broke", "chose", "drew", "flew",
    "grew", "knew", "hit", "quit", "rode", "sat", "shot", "shut", "spoke", "since",
    "stood", "stole", "swore", "taught", "threw", "wrote", "became", "overthrew", "fled",
    "hid", "meant", "sought", "sank", "stuck", "swept", "tore", "wore", "withdrew", "ago",
})

# -ed words that do not report a past event of their own.
NOT_PAST_ED: frozenset[str] = frozenset({
    "scheduled", "slated", "postponed", "expected", "supposed", "planned", "proposed",
    "intended", "needed", "based", "related", "united", "limited", "detailed", "red", "bed",
    "hundred", "indeed", "speed", "need", "feed", "seed", "deed", "embed", "succeed",
    "proceed", "exceed", "bleed", "breed", "sacred", "naked", "wicked", "kindred", "shed",
})

# Prepositions that, right before an expression, make it a deadline ahead ("by Jan. 14").
DEADLINE_WORDS: frozenset[str] = frozenset({"by", "until", "till", "through", "ahead"})

# Words after which an -ed word is an adjective ("the so-called", "a still unspecified").
DETERMINERS: frozenset[str] = frozenset({
    "a", "an", "the", "this", "these", "those", "its", "his", "her", "their", "our",
    "your", "my", "some", "any", "no", "every", "each", "still", "newly", "recently",
})

# Words after which an -ed participle is not past ("will be paid", "to be completed").
PASSIVE_FUTURE: frozenset[str] = frozenset({"be"})

# ---- tense from a dependency parse (lemmas of the verb governing an expression) ----------

# Verbs that put what they govern ahead whatever their own tense ("has scheduled a news
# conference Thursday", "planned a demonstration on Saturday").
SCHEDULE_VERBS: frozenset[str] = frozenset({
    "schedule", "slate", "plan", "postpone", "reschedule", "delay", "adjourn",
})
# Verbs whose infinitive complement is ahead when they are in the present or future
# ("plans to meet Monday", "is expected to close in December").
FUTURE_GOVERNORS: frozenset[str] = frozenset({
    "plan", "expect", "schedule", "set", "due", "intend", "hope", "aim", "want", "agree",
    "decide", "prepare", "promise", "vow", "threaten", "seek", "try", "ready", "likely", "go",
    "about", "supposed", "poised", "slate", "propose", "need", "wish", "be",
})
# Modals that leave the time open ("could meet Friday" may be either way).
OPEN_MODALS: frozenset[str] = frozenset({
    "would", "could", "may", "might", "should", "must", "can",
})
# Present-tense verbs that do not tell the future: reporting verbs ("says Tuesday's vote")
# and past forms spelt like the present ("hurt", "set", "cut"), which taggers confuse.
PRESENT_NOT_AHEAD: frozenset[str] = frozenset({
    "say", "tell", "report", "announce", "claim", "add", "state", "note", "confirm", "deny",
    "be", "hurt", "put", "set", "cut", "hit", "let", "quit", "shut", "cost", "spread", "read",
    "beat", "bid", "cast", "split", "burst", "upset", "broadcast", "forecast", "bet",
})

# Words that open a subordinate clause: the tense after them is not the main clause's.
SUBORDINATORS: frozenset[str] = frozenset({
    "when", "while", "whereas", "because", "although", "though", "if", "unless", "who",
    "which", "whose", "whom", "where", "after", "before", "since", "as",
})

# Words that may open a sentence before its first time expression ("On Tuesday, ...").
LEAD_WORDS: frozenset[str] = frozenset({
    "on", "in", "by", "since", "until", "at", "during", "late", "early", "also", "and", "but",
    "then", "earlier", "later", "before", "after", "as", "of", "the",
})

# Words (besides those of the tables above) that can begin an expression.
STARTERS: frozenset[str] = frozenset({
    "the", "this", "last", "next", "that", "its", "a", "an", "coming", "past", "previous",
    "following", "fiscal", "calendar", "year", "prior", "comparable", "corresponding", "same",
    "today", "tonight", "yesterday", "tomorrow", "overnight", "recent", "future", "upcoming",
    "nineteen", "two", "post", "pre", "latter", "final", "q", "first", "second", "third",
    "fourth", "1st", "2nd", "3rd", "4th", "election",
})

# Words that carry an expression (a month, a unit, "now"...): a function or number word
# ("the", "a", "two", "in") starts a candidate only when one of these follows within 4 words.
CORE_WORDS: frozenset[str] = frozenset({
    "today", "tonight", "yesterday", "tomorrow", "overnight", "now", "currently", "current",
    "presently", "present", "nowadays", "recently", "recent", "previously", "formerly",
    "earlier", "later", "past", "once", "lately", "future", "soon", "shortly", "someday",
    "eventually", "already", "yet", "possible", "moment", "term", "time", "date", "ago",
    "coming", "upcoming", "nineteen", "thousand", "christmas", "easter", "halloween",
    "thanksgiving", "pentecost", "weekend", "weekends", "half", "period", "periods", "nights",
    "mornings", "evenings", "afternoons", "q", "juncture", "then",
})

# ---- precision rules for finding expressions in running text ----------------------------

# Reference words too common as other parts of speech to be reported from running text.
WEAK_REFERENCES: frozenset[str] = frozenset({
    "current", "once", "earlier", "the time", "the moment", "the present", "recent",
    "future", "the coming", "eventually", "one day", "already", "yet",
})

# Words after which a bare month name is a month ("in March", "since May").
MONTH_TRIGGERS: frozenset[str] = frozenset({
    "in", "since", "until", "till", "by", "from", "through", "during", "before", "after",
    "between", "throughout", "early", "late", "mid", "last", "next", "this", "that", "of",
    "to", "and", "or", "for", "the", "a", "an", "around", "every", "each",
})
# ... and the stricter list for names that are also verbs or nouns (May, March).
AMBIGUOUS_MONTHS: frozenset[str] = frozenset({"may", "march"})
STRICT_MONTH_TRIGGERS: frozenset[str] = frozenset({
    "in", "since", "until", "till", "by", "from", "through", "during", "before", "after",
    "between", "throughout", "early", "late", "mid", "last", "next", "this", "that",
})

# Words after which a four-digit number is a year ("in 1990", "the 1990 budget").
YEAR_TRIGGERS: frozenset[str] = frozenset({
    "in", "since", "until", "till", "by", "from", "through", "during", "before",
    "after", "between", "throughout", "around", "early", "late", "mid", "the",
    "of", "year", "fiscal", "calendar", "for", "circa", "c", "spring", "summer", "fall",
    "autumn", "winter", "end", "beginning", "start", "middle", "on", "as", "than",
})
YEAR_RANGE: tuple[int, int] = (1800, 2099)
# ... and words after which it is a year only when no noun follows ("from 1990 to 1995").
LIST_WORDS: frozenset[str] = frozenset({"and", "or", "to"})

# Seasons and halves are also verbs and nouns ("prices fall", "the first half of the game").
SEASON_TRIGGERS: frozenset[str] = frozenset({
    "in", "during", "by", "until", "since", "through", "throughout", "early", "late", "mid",
    "this", "last", "next", "that",
})


# ---- reading words as tense cues -------------------------------------------------------

def word_tense(word: str, previous: str, following: str, pluperfect: bool = False
               ) -> str | None:
    """"future", "past" or None for one word (with its neighbours) of an expression's clause;
    ``pluperfect`` when "had been" precedes it: a plan in the past perfect is past."""
    low = word.lower()
    ahead = (following in ("to", "for") and low in FUTURE_BEFORE_TO) or (
        low in FUTURE_CUES and (low != "may" or word.islower()))
    if ahead:
        return "past" if pluperfect else "future"
    if low in PAST_CUES:
        return "future" if previous in PASSIVE_FUTURE else "past"
    if is_participle(word, previous):
        return "future" if previous in PASSIVE_FUTURE else "past"
    return None


def is_participle(word: str, previous: str) -> bool:
    """A lower-case verb form in -ed that is not an adjective ("an unspecified date")."""
    low = word.lower()
    return (len(low) > 4 and low.endswith("ed") and word.islower() and not low.startswith("un")
            and low not in NOT_PAST_ED and previous not in DETERMINERS)



# ---- reading words as numbers ----------------------------------------------------------

def number_value(word: str) -> int | None:
    """Digits, number words ("twenty-five", "a couple of") or None for vague numbers."""
    w = " ".join(word.lower().split())
    if w.isdigit():
        return int(w)
    if w in NUMBER_WORDS:
        return NUMBER_WORDS[w]
    parts = re.split(r"[\s-]+", w)
    if len(parts) == 2 and all(p in NUMBER_WORDS for p in parts):
        return NUMBER_WORDS[parts[0]] + NUMBER_WORDS[parts[1]]
    return None


def word_year(text: str) -> int | None:
    """"nineteen ninety-six" -> 1996, "two thousand and one" -> 2001."""
    words = [w for w in re.split(r"[\s-]+", text.lower()) if w not in ("and", "the", "year")]
    if words[:2] == ["two", "thousand"]:
        rest = sum(NUMBER_WORDS.get(w, 0) for w in words[2:])
        return 2000 + rest
    if words and words[0] == "nineteen":
        rest = [w for w in words[1:] if w != "hundred"]
        return 1900 + sum(NUMBER_WORDS.get("zero" if w == "oh" else w, 0) for w in rest)
    return None


def year_of(text: str | None) -> int | None:
    """"1998", "'98" or "nineteen ninety-eight" -> 1998; None when absent."""
    if not text:
        return None
    t = text.strip()
    if t.startswith("'") and t[1:].isdigit():
        n = int(t[1:])
        return 1900 + n if n > 30 else 2000 + n
    return int(t) if t.isdigit() else word_year(t)


def month_of(text: str) -> int:
    """"Sept." -> 9, "October" -> 10."""
    key = text.lower().rstrip(".")
    return MONTHS[key] if key in MONTHS else MONTHS[key[:3]]


def day_of(text: str) -> int:
    """"23rd" -> 23, "eighth" -> 8."""
    t = text.lower()
    return ORDINALS[t] if t in ORDINALS else int(re.sub(r"[a-z]+$", "", t))


# ---- the regular patterns of expressions -----------------------------------------------

def _alt(words: Iterable[str]) -> str:
    """A regex alternation of the words, longest first, spaces matching any blank run."""
    items = sorted(set(words), key=len, reverse=True)
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in items) + ")"


_MON_FULL = "january|february|march|april|may|june|july|august|september|october|november|december"
_MON_ABBR = "jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec"
MONTH = rf"(?:{_MON_FULL}|(?:{_MON_ABBR})\.?)(?![a-z])"
MONTH_BARE = rf"(?:(?:{_MON_FULL})(?![a-z])|(?:{_MON_ABBR})\.)"
WEEKDAY = _alt(WEEKDAYS)
DAYNUM = r"(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![0-9a-z])"
DAYWORD = _alt(ORDINALS)
YEAR = r"(?<![0-9.,$])(?:1[0-9]{3}|20[0-9]{2})(?![0-9])"
_ONES = "one|two|three|four|five|six|seven|eight|nine"
_TEENS = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_TENS_ONES = rf"(?:{_TENS})(?:[\s-]+(?:{_ONES}))?"
WORDYEAR = (rf"(?:nineteen[\s-]+(?:hundred[\s-]+(?:and[\s-]+)?)?"
            rf"(?:{_TENS_ONES}|{_TEENS}|oh[\s-]+(?:{_ONES}))"
            rf"|two[\s-]+thousand(?:[\s-]+(?:and[\s-]+)?(?:{_TENS_ONES}|{_TEENS}|{_ONES}))?)(?![a-z])")
NUM = (rf"(?:[0-9]{{1,3}}|{_TENS_ONES}|{_alt(NUMBER_WORDS)}|{_alt(VAGUE_NUMBERS)})")
UNIT = _alt(UNITS)
SINGULAR_UNIT = _alt(u for u in UNITS if not u.endswith("s"))
POD = _alt(PARTS_OF_DAY)
SEASON = _alt(SEASONS)
TZ = r"(?:[ECMP][SD]T|GMT|UTC|BST|CET|CEST)"
QORD = r"(?:first|second|third|fourth|final|1st|2nd|3rd|4th)"
HOLIDAY = _alt([*FIXED_HOLIDAYS, *WEEKDAY_HOLIDAYS, *EASTER_HOLIDAYS, "election day"])
MODS = _alt(MODIFIERS)
REFS = _alt(REFERENCE_WORDS)
VAGUE_SPAN = (r"(?:(?:the\s+)?(?:past|last|next|coming)\s+(?:few|several|couple\s+of)|recent|"
              r"coming|future|upcoming|past)\s+(?:days|weeks|months|years|quarters|decades)"
              r"(?:\s+and\s+(?:days|weeks|months|years))?")

# Patterns in priority order: at one position the first that matches wins.
PATTERNS: tuple[tuple[str, str], ...] = (
    ("iso", r"(?P<y>1[0-9]{3}|20[0-9]{2})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12][0-9]|3[01])"
            r"(?:T(?P<hh>[01][0-9]|2[0-3]):(?P<mm>[0-5][0-9]))?(?![0-9])"),
    ("numeric", r"(?<![0-9/])(?P<a>[0-9]{1,2})/(?P<b>[0-9]{1,2})/(?P<y>(?:19|20)[0-9]{2})(?![0-9/])"),
    ("quarter", rf"(?:(?:(?P<ydet>this|last|next)\s+year|(?:fiscal\s+)?(?P<ypos>{YEAR}))\s*'s\s+)?"
                rf"(?:(?P<y1>{YEAR})\s+)?(?:fiscal[\s-]+)?(?P<q>{QORD})[\s-]+(?:fiscal[\s-]+)?quarter"
                rf"(?:\s+(?:of\s+)?(?:fiscal\s+)?(?:(?P<y2>{YEAR})|(?P<yrel>this|last|next)\s+year))?"),
    ("qcode", rf"(?P<q>Q[1-4])(?:\s+(?P<y>{YEAR}))?"),
    ("half", rf"(?:the\s+)?(?P<h>first|second|last|latter)[\s-]+(?:half|two\s+quarters)"
             rf"(?:\s+of\s+(?:(?P<y>{YEAR})|(?P<rel>this|last|next|the)\s+year))?"),
    ("weekof", rf"the\s+week\s+of\s+(?P<mon>{MONTH})\s*(?P<day>{DAYNUM}|{DAYWORD})"
               rf"(?:,?\s+(?P<year>{YEAR}))?"),
    ("mdy", rf"(?:(?P<wd>{WEEKDAY}),?\s+)?(?P<mon>{MONTH})\s*(?P<day>{DAYNUM}|{DAYWORD})"
            rf"(?:(?:\s*,\s*|\s+)(?P<year>{YEAR}|{WORDYEAR}))?"),
    ("dmy", rf"(?:(?P<wd>{WEEKDAY}),?\s+)?(?:the\s+)?(?P<day>{DAYNUM}|{DAYWORD})\s+(?:of\s+)?"
            rf"(?P<mon>{MONTH})(?:,?\s+(?P<year>{YEAR}))?"),
    ("month_year", rf"(?P<mon>{MONTH}),?\s+(?:of\s+)?(?P<year>{YEAR}|{WORDYEAR})"),
    ("month_relyear", rf"(?P<mon>{MONTH})\s+(?:of\s+)?(?P<rel>this|last|next|that|the\s+following|"
                      rf"the\s+previous|the\s+same)\s+year"),
    ("yearadj", r"(?:the\s+)?(?:(?:comparable|corresponding|same)\s+)?(?:year[\s-]+(?:earlier|ago)|"
                r"prior[\s-]year|year[\s-]before)(?:\s+(?P<q>first|second|third|fourth)\s+quarter|"
                r"\s+(?P<unit>quarter|period|month|year))?"),
    ("sameperiod", r"the\s+(?:same|corresponding|comparable)\s+(?:period|quarter|time)\s+"
                   r"(?:a\s+year\s+(?:ago|earlier)|(?:of\s+)?last\s+year)"),
    ("yearperiod", rf"(?:the\s+(?P<year>{YEAR})|(?P<rel>this|last|next)\s+year's)\s+"
                   rf"(?:fiscal\s+)?(?:quarter|period)"),
    ("latest", r"the\s+(?:latest|most\s+recent|just[\s-]ended|recent)\s+(?:fiscal\s+)?"
               r"(?P<unit>quarter|period|year|month|week)"),
    ("holiday", rf"(?P<name>{HOLIDAY})(?:\s+(?P<week>week))?(?:,?\s+(?P<year>{YEAR}))?"),
    ("season", rf"(?:(?P<rel>this\s+past|this\s+coming|this|last|next|that|the)\s+)?"
               rf"(?:(?P<smod>early|late|mid)[\s-]+)?(?P<season>{SEASON})"
               rf"(?:\s+(?:of\s+)?(?P<year>{YEAR}|{WORDYEAR}))?"),
    ("weekday", rf"(?:(?P<rel>last|next|this\s+past|this\s+coming|this|coming|the\s+previous|"
                rf"the\s+following|the\s+same)\s+)?(?P<wd>{WEEKDAY})(?:'s)?(?:\s+(?P<pod>{POD}))?"
                rf"(?:\s+(?:of\s+)?(?P<week>this|last|next)\s+week)?"),
    ("deictic", rf"(?:the\s+day\s+(?P<dba>before|after)\s+)?(?P<word>today|tonight|yesterday|tomorrow)"
                rf"(?:'s)?(?:\s+(?P<pod>{POD}))?"),
    ("daybefore", rf"(?:the\s+)?day\s+(?P<dir>before|after)(?=\s+(?:(?:last|next|this)\s+)?"
                  rf"(?:{WEEKDAY}|{MONTH}))"),
    ("podrel", rf"(?P<rel>this|last|tomorrow|yesterday|that|the\s+next|the\s+following|"
               rf"the\s+previous|the\s+same|the)\s+(?P<pod>{POD})"),
    ("pod", rf"(?P<pod>{POD})(?:\s+(?P<day>today|yesterday|tomorrow))?"),
    ("overnight", r"overnight"),
    ("yearend", r"(?:the\s+)?(?:(?P<rel>this|last|next)\s+)?year(?:'s)?[\s-]end"),
    ("duration", rf"(?:the\s+)?(?P<dir>past|last|next|coming|previous|following|first)\s+"
                 rf"(?P<num>{NUM})\s+(?P<unit>{UNIT})(?![\w-])"),
    ("ago", rf"(?:(?P<num>{NUM})\s+(?P<unit>{UNIT})|the\s+(?P<unit1>{SINGULAR_UNIT}))"
            rf"(?:\s+or\s+(?:so|two|three|more))?\s+"
            rf"(?P<dir>ago|earlier|later|from\s+now|hence|back|previously|before|after|"
            rf"on(?=\s*(?:[.,;:)]|$)))"),
    ("inunits", rf"(?:(?<=\bin\s)|(?<=\bwithin\s))(?P<num>{NUM})\s+(?P<unit>{UNIT})(?![\w-])"
                rf"(?P<range>\s+or\s+(?:{NUM})(?:\s+{UNIT})?(?![\w-]))?"),
    ("then", r"(?:(?<=\buntil\s)|(?<=\bsince\s)|(?<=\btill\s)|(?<=\bby\s)|(?<=\bbefore\s))then"),
    ("unit", r"(?P<det>this\s+past|this|last|next|the\s+past|the\s+previous|the\s+prior|"
             r"the\s+preceding|the\s+coming|the\s+current|the\s+present|the\s+following|the\s+next|"
             r"the\s+same|that\s+same|that|the\s+last|the\s+full|the|its)\s+"
             r"(?:(?P<fiscal>fiscal|calendar)[\s-]+)?"
             r"(?P<unit>weekend|week|month|year|quarter|decade|century|day)(?!-)"),
    ("decade", r"(?:the\s+)?(?:(?P<dmod>early|mid|late)[\s-]+)?(?P<num>1[0-9]{2}|20[0-9])0'?s"),
    ("decade_short", rf"the\s+(?:(?P<dmod>early|mid|late)[\s-]+)?(?:'?(?P<short>[0-9])0'?s|"
                     rf"(?:nineteen[\s-]+)?(?P<word>{_alt(DECADE_WORDS)}))"),
    ("century", rf"(?:the\s+)?(?:(?P<n>[0-9]{{1,2}})(?:st|nd|rd|th)|(?P<w>{DAYWORD}))[\s-]+century"),
    ("wordyear", rf"(?:the\s+year\s+)?(?P<year>{WORDYEAR})"),
    ("year", rf"(?:(?P<pre>fiscal|calendar|the\s+year|mid|post|pre)[\s-]*)?(?P<year>{YEAR})(?:'s)?"
             r"(?!\s*(?:%|percent|-|[0-9]))"),
    ("month", rf"(?:(?P<rel>last|next|this\s+past|this\s+coming|this|that|the\s+following|"
              rf"the\s+previous|coming)\s+)?(?P<mon>{MONTH_BARE})"),
    ("clock", rf"(?:(?P<h>[0-9]{{1,2}})(?:[:.](?P<m>[0-5][0-9]))?\s*(?P<ap>[ap]\.?\s?m\b\.?)|"
              rf"(?P<h2>[01]?[0-9]|2[0-3]):(?P<m2>[0-5][0-9])(?![0-9])|(?P<word>noon|midnight|midday)|"
              rf"(?P<h3>[0-9]{{1,2}})\s+(?:o'clock\s+)?in\s+the\s+(?P<pod3>morning|afternoon|evening))"
              rf"(?:,?\s+(?P<tz>{TZ}))?"),
    ("freq", _alt(FREQUENCIES)),
    ("vague", VAGUE_SPAN),
    ("nthday", rf"(?:(?<=\bis\s)|(?<='s\s))the\s+(?P<n>{DAYWORD}|[0-9]{{1,3}}(?:st|nd|rd|th))"
               r"\s+day"),
    ("moment", rf"(?:this|the\s+present)\s+(?:{_alt(MOMENT_ADJECTIVES)}\s+)?"
               r"(?:moment|juncture|point\s+in\s+time)"),
    ("ref", REFS),
)


# The words each pattern can begin with (upper-case names stand for word classes): a cheap
# look-ahead guard in front of each alternative, so a failing position costs little.
FIRST_TOKENS: dict[str, tuple[str, ...]] = {
    "iso": ("DIGIT",), "numeric": ("DIGIT",), "qcode": ("q",),
    "quarter": ("DIGIT", "this", "last", "next", "fiscal", "first", "second", "third",
                "fourth", "final"),
    "half": ("the", "first", "second", "last", "latter"), "mdy": ("WEEKDAY", "MONTH"),
    "weekof": ("the",),
    "dmy": ("WEEKDAY", "the", "DIGIT", "DAYWORD"), "month_year": ("MONTH",),
    "month_relyear": ("MONTH",),
    "yearadj": ("the", "comparable", "corresponding", "same", "year", "prior"),
    "sameperiod": ("the",), "yearperiod": ("the", "this", "last", "next"), "latest": ("the",),
    "holiday": ("HOLIDAY",),
    "season": ("this", "last", "next", "that", "the", "early", "late", "mid", "SEASON"),
    "weekday": ("last", "next", "this", "coming", "the", "WEEKDAY"),
    "deictic": ("the", "today", "tonight", "yesterday", "tomorrow"),
    "podrel": ("this", "last", "tomorrow", "yesterday", "that", "the"), "pod": ("POD",),
    "overnight": ("overnight",), "daybefore": ("the", "day"),
    "yearend": ("the", "this", "last", "next", "year"),
    "duration": ("the", "past", "last", "next", "coming", "previous", "following", "first"),
    "unit": ("this", "last", "next", "the", "that", "its"), "ago": ("NUM", "the"),
    "inunits": ("NUM",), "then": ("then",),
    "decade": ("the", "early", "mid", "late", "DIGIT"), "decade_short": ("the",),
    "century": ("the", "DIGIT", "DAYWORD"),
    "wordyear": ("the", "nineteen", "two"),
    "year": ("fiscal", "calendar", "the", "mid", "post", "pre", "DIGIT"),
    "month": ("last", "next", "this", "that", "the", "coming", "MONTH"),
    "clock": ("DIGIT", "noon", "midnight", "midday"), "freq": ("FREQ",),
    "vague": ("the", "past", "last", "next", "coming", "recent", "future", "upcoming"),
    "ref": ("REF",), "nthday": ("the",), "moment": ("this", "the"),
}
