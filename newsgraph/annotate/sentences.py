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


def _ends_sentence(doc: Doc, i: int) -> bool:
    """May a sentence start at token ``i``: does a final mark end the tokens before it?"""
    j = i - 1
    while j > 0 and doc[j].text in CLOSERS:
        j -= 1
    prev = doc[j].text
    if doc[j].is_space or "\n" in doc[i - 1].whitespace_:
        return True
    if not prev or prev[-1] not in FINAL_MARKS:
        return False
    if prev.endswith(".") and len(prev) > 1 and j == i - 1:
        word = prev[:-1].lower()
        if word in TITLE_ABBREVIATIONS and doc[i].text[:1].isupper():
            return False
    return True


@Language.component(COMPONENT)
def sentence_bounds(doc: Doc) -> Doc:
    """Forbid a sentence start wherever no final mark precedes (see the module docstring)."""
    for i in range(1, len(doc)):
        if not _ends_sentence(doc, i):
            doc[i].is_sent_start = False
    return doc


def add_sentence_bounds(nlp: Language) -> Language:
    """Add the component before the parser (once); pipelines without a parser are left as they are."""
    if COMPONENT not in nlp.pipe_names and "parser" in nlp.pipe_names:
        nlp.add_pipe(COMPONENT, before="parser")
    return nlp
