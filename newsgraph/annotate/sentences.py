"""Sentence boundaries the parser may not invent.

The small English parser sometimes ends a sentence inside one: after a closing bracket ("the
House of Representatives (HoR) | Ageela Saleh met ...") or after a title's abbreviation ("led by
Gen. | Khalifa Hifter"). A fragment cut off that way loses its verb, and with it the event and its
actors. :func:`add_sentence_bounds` puts a component before the parser that allows a sentence to
start only after a sentence-final mark (. ! ? …, possibly followed by closing quotes or
brackets) that does not end a title's abbreviation before a name. The parser still chooses among
the allowed places, and respects the forbidden ones. Paragraphs are parsed as separate texts
(:mod:`newsgraph.annotate`), so a headline or a line without a final mark stays its own sentence.
"""
from __future__ import annotations

import numpy as np
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

COMPONENT = "newsgraph_sentence_bounds"
FINAL_MARKS = frozenset(".!?…")
CLOSERS = frozenset({'"', "'", "’", "”", ")", "]", "»", "''"})
# abbreviations written before a name, never at the end of a sentence when a capital follows
TITLE_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof gen lt col maj capt cpt sgt cmdr adm brig rev hon sen rep gov pres amb insp supt "
    "st mt ft no nos vol fig gens lt-gen maj-gen brig-gen".split()
)


def _allowed(words: list[str], spaces: list[str], i: int) -> bool:
    """May a sentence start at token ``i``: does a final mark end the tokens before it?"""
    if "\n" in spaces[i - 1]:
        return True
    j = i - 1
    while j > 0 and words[j] in CLOSERS:
        j -= 1
    prev = words[j]
    if not prev.strip():
        return True
    if prev[-1] not in FINAL_MARKS:
        return False
    if j == i - 1 and len(prev) > 1 and prev.endswith(".") and prev[:-1].lower() in TITLE_ABBREVIATIONS:
        return not words[i][:1].isupper()
    return True


@Language.component(COMPONENT)
def sentence_bounds(doc: Doc) -> Doc:
    """Forbid a sentence start wherever no final mark precedes (see the module docstring)."""
    n = len(doc)
    if n < 2:
        return doc
    words = [t.text for t in doc]
    spaces = [t.whitespace_ for t in doc]
    starts = np.zeros((n, 1), dtype="int64")  # 0: the parser decides
    for i in range(1, n):
        if not _allowed(words, spaces, i):
            starts[i, 0] = -1  # no sentence starts here
    return doc.from_array([SENT_START], starts.astype("uint64"))  # spaCy's attribute type; -1 wraps and reads back


def add_sentence_bounds(nlp: Language) -> Language:
    """Add the component before the parser (once); pipelines without a parser are left as they are."""
    if COMPONENT not in nlp.pipe_names and "parser" in nlp.pipe_names:
        nlp.add_pipe(COMPONENT, before="parser")
    return nlp
