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
    "lately": "PAST_REF", "the time": "PAST_REF", "already": "PRESENT_REF", "yet": "PRESENT_REF",
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

# Words after which an -ed participle is not past ("will be paid", "to be completed").
PASSIVE_FUTURE: frozenset[str] = frozenset({"be"})

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
    "mornings", "evenings", "afternoons", "q",
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
    "in", "since", "until", "till", "by", "from", "to", "through", "during", "before",
    "after", "between", "and", "or", "throughout", "around", "early", "late", "mid", "the",
    "of", "year", "fiscal", "calendar", "for", "circa", "c", "spring", "summer", "fall",
    "autumn", "winter", "end", "beginning", "start", "middle", "on", "as", "than",
})
YEAR_RANGE: tuple[int, int] = (1800, 2099)

# Seasons and halves are also verbs and nouns ("prices fall", "the first half of the game").
SEASON_TRIGGERS: frozenset[str] = frozenset({
    "in", "during", "by", "until", "since", "through", "throughout", "early", "late", "mid",
    "this", "last", "next", "that",
})
