"""Word tables for time expressions: month, weekday, number, season and reference words.

Data only (module-level constants, never mutated); the grammar in ``grammar.py`` builds its
regular expressions from these tables and ``expressions.py`` reads them when resolving.
"""
from __future__ import annotations

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
    "twenty-ninth": 29, "thirtieth": 30, "thirty-first": 31, "last": 4,
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
    "lately": "PAST_REF", "the time": "PAST_REF",
    "future": "FUTURE_REF", "the future": "FUTURE_REF", "the near future": "FUTURE_REF",
    "the near term": "FUTURE_REF", "the short term": "FUTURE_REF", "soon": "FUTURE_REF",
    "shortly": "FUTURE_REF", "someday": "FUTURE_REF", "one day": "FUTURE_REF",
    "a later date": "FUTURE_REF", "as soon as possible": "FUTURE_REF",
    "the long term": "FUTURE_REF", "the coming": "FUTURE_REF", "eventually": "FUTURE_REF",
}

# "recent weeks", "coming months", "the last few years": vague stretches of time.
VAGUE_PAST_HEADS: tuple[str, ...] = ("recent", "past", "last few", "past few",
                                     "past several", "last several", "previous")
VAGUE_FUTURE_HEADS: tuple[str, ...] = ("coming", "future", "next few", "upcoming")

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
    "will", "'ll", "shall", "wo", "won't", "would", "going", "gonna", "planned", "plans",
    "plan", "planning", "scheduled", "schedule", "expected", "expects", "expect", "due",
    "set", "until", "till", "upcoming", "coming", "next", "ahead", "could", "might",
    "may", "hopes", "hope", "intends", "intend", "aims", "payable", "effective",
    "postponed", "deadline", "tomorrow", "soon", "is to", "are to", "to be",
})

# Words that mark the past (besides verbs ending in -ed).
PAST_CUES: frozenset[str] = frozenset({
    "was", "were", "had", "did", "said", "told", "met", "went", "came", "began", "took",
    "made", "gave", "left", "held", "saw", "won", "lost", "fell", "rose", "found", "got",
    "sent", "spent", "brought", "thought", "felt", "kept", "led", "ran", "struck",
    "fought", "paid", "sold", "bought", "built", "broke", "chose", "drew", "flew",
    "grew", "knew", "hit", "put", "quit", "rode", "sat", "shot", "shut", "spoke",
    "stood", "stole", "swore", "taught", "threw", "wrote", "became", "ago", "last",
    "since", "earlier", "yesterday", "overthrew", "fled", "hid", "meant", "sought",
    "slew", "sank", "stuck", "swept", "tore", "wore", "won", "withdrew", "forbade",
})

# -ed words that look past but announce something to come.
FUTURE_ED_WORDS: frozenset[str] = frozenset({
    "planned", "scheduled", "expected", "postponed", "delayed", "slated", "proposed",
    "intended", "rescheduled", "adjourned", "deferred", "needed", "supposed",
})
