"""Sentence-level rules that keep what is no event between actors out of the coder's output.

PLOVER codes interactions between political actors and drops public statements (CAMEO 01,
"decline comment"); the press writes much that looks like an event to a trigger lexicon and is
not one. :func:`junk_sentence` rejects whole sentences, :func:`screen` single events; the words
are in ``data/junk.tsv`` (documented in its header).

Whole sentences:

- a teaser or navigation line spliced into the page ("Read more: ...", "Related: ...",
  "Watch: ...") reports another article;
- a sports report (a score and a sports word, or three sports words of which one is never
  anything else) reports no political event.

Single events (the rule's name in brackets, as :func:`junk_reason` returns it):

- [comment-request] a request for comment or an unanswered call: "did not respond to a REQUEST
  for comment", "did not return CALLS";
- [mute] a refusal to talk to the press: "DECLINED to comment", "refused to be named";
- [comment-topic] what a clause of commenting is about: "declined to comment on the ARRESTS";
- [unverified] what the press could not check: "could not independently confirm the ATTACK";
- [press-talk] a consultation or invitation whose only other party is the press: "TALKED to
  reporters", "INVITED the media to a briefing";
- [media-object] a trigger whose object is a video, photo or figure: "a video RELEASED by",
  "videos SHOT in", "figures RELEASED by";
- [no-actor] an event whose only would-be actors cannot act ("the coup THREATENS to derail");
- [exposure] a THREATEN noun that names a danger, not a threat someone made: "became a real
  THREAT", "protection from any THREATS"; a conflict noun that names a danger in general:
  "safeguard the people from enemy ATTACKS";
- [any] an event noun for no particular event: "part of ANY future TALKS";
- [goal] an event noun with no party that something facilitates, needs or blocks: "to
  facilitate humanitarian AID", "enable the safe delivery of ASSISTANCE";
- [content] an event noun that a text of terms provides for: "the agreement included the
  DEPLOYMENT of neutral forces";
- [empty] a negated or hypothetical event with no party and no place: "ways to compete without
  DESTROYING the country";
- [forecast] a warning that names no recipient and no threatened act: "WARNED that more
  challenges lay ahead"; a threat to an abstract good with no act: "entities that THREATEN the
  security of the region".

:func:`unwitnessed` removes actors that only reported or observed an event noun: "the agency
CONFIRMED the shelling" has the agency as its source (attribution), not as the one who shelled;
:func:`unpressed` removes news outlets (sector MED) as actors of material acts and consultations.
"""
from __future__ import annotations

import functools
import re
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING
from collections.abc import Callable, Iterable, Mapping, Sequence

from spacy.tokens import Span, Token

from newsgraph.events import syntax
from newsgraph.tables import read_rows

if TYPE_CHECKING:
    from newsgraph.events.coder import CodedEvent

__all__ = ["junk_reason", "junk_sentence", "junk_words", "screen", "unpressed", "unwitnessed", "witness"]

DATA = Path(__file__).with_name("data") / "junk.tsv"
SCORE = re.compile(r"(?<![\d/.,:-])\d{1,2} ?[-–] ?\d{1,2}(?![\d/.,:-])")
LABEL = re.compile(r"^\W*([A-Za-z][A-Za-z' ]{0,30}?)\s*(?::|\||»|›|>>|–|—|-)\s+\S")
UPPER_LABEL = re.compile(r"^\W*([A-Z][A-Z' ]{2,30}[A-Z])\s+[A-Z\d]")
COOPERATIVE_TALK = frozenset({"CONSULT", "AGREE"})  # "talked to reporters", "invited the media"
# the press acts in statements (it may accuse, demand, reject, support or protest), never in these
MATERIAL = frozenset({"CONSULT", "COOPERATE", "AID", "RETREAT", "CONCEDE", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT", "THREATEN"})
NEGATORS = frozenset({"not", "n't", "never", "no"})


@functools.cache
def junk_words() -> Mapping[str, frozenset[str]]:
    """``kind -> words`` of ``data/junk.tsv``."""
    table: dict[str, set[str]] = {}
    for kind, words in read_rows(DATA, 2):
        table.setdefault(kind, set()).update(w.strip().lower() for w in words.split(";") if w.strip())
    return MappingProxyType({k: frozenset(v) for k, v in table.items()})


def _is(kind: str, word: str) -> bool:
    return word.lower() in junk_words().get(kind, frozenset())


# ---------------------------------------------------------------------------------- sentences


def junk_sentence(sent: Span, tokens: Sequence[Token] | None = None) -> str | None:
    """'teaser' or 'sports' when the whole sentence codes no event, else None (``tokens``: the
    sentence's, when the caller has them)."""
    text = sent.text.strip()
    label = LABEL.match(text) or UPPER_LABEL.match(text)
    if label and _is("teaser", label.group(1).strip()):
        return "teaser"
    return "sports" if _sports(sent, list(sent) if tokens is None else tokens) else None


def _sports(sent: Span, tokens: Sequence[Token]) -> bool:
    lowers = [t.lower_ for t in tokens]
    words = lowers + [t.lemma_.lower() for t in tokens]
    pairs = [f"{a} {b}" for a, b in zip(lowers, lowers[1:])]
    table = junk_words()
    sports, strong_words = table.get("sports", frozenset()), table.get("strong", frozenset())
    cues = {w for w in words + pairs if w in sports}  # (all lower case already)
    if not cues:
        return False
    strong = any(w in strong_words for w in cues)
    return bool(SCORE.search(sent.text)) or len(cues) >= 3 and strong


# ---------------------------------------------------------------------------------- one event


def anchor_of(event: CodedEvent, sent: Span) -> Token | None:
    """The head token of an event's trigger span."""
    span = sent.doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _negated(tok: Token) -> bool:
    return any(c.dep_ == "neg" or c.lower_ in NEGATORS and c.dep_ in ("advmod", "det") for c in tok.children)


def _ancestors_in_clause(tok: Token, limit: int = 6) -> Iterable[Token]:
    node = tok
    for _ in range(limit):
        if node.head is node:
            return
        node = node.head
        yield node


def _press_request(event: CodedEvent, anchor: Token) -> bool:
    if event.type != "REQUEST" or anchor.pos_ != "NOUN":
        return False
    for prep in (c for c in anchor.children if c.dep_ == "prep" and c.lower_ == "for"):
        if any(_is("inquiry", o.lemma_) for o in syntax.objects_of(prep)):
            return True  # "a request FOR COMMENT"
    verb = anchor.head.head if anchor.dep_ == "pobj" else anchor.head
    bare = not any(c.dep_ in ("prep", "acl", "relcl") for c in anchor.children)
    return bare and verb.pos_ in syntax.VERBAL and _is("reply", verb.lemma_) and _negated(verb)


def _mute(event: CodedEvent, anchor: Token, sent: Span) -> bool:
    """'declined to comment', 'refused to be named', 'declined comment', 'declined to speak to
    reporters', not 'refused to talk to the rebels' or 'refused to respond to a demand'."""
    if event.type != "REJECT":
        return False
    for c in anchor.children:
        if c.dep_ == "xcomp" and _is("mute", c.lemma_) or c.dep_ == "dobj" and _is("inquiry", c.lemma_):
            return True
        if c.dep_ == "xcomp" and _is("talkto", c.lemma_):
            objects = [o for o in c.children if o.dep_ == "dobj"] + [o for p in c.children if p.dep_ == "prep"
                                                                     for o in syntax.objects_of(p)]  # fmt: skip
            return all(_is("press", o.lemma_) or _is("inquiry", o.lemma_) for o in objects)
    return False


def _comment_topic(anchor: Token) -> bool:
    return any(a.pos_ in syntax.VERBAL and _is("comment", a.lemma_) for a in _ancestors_in_clause(anchor))


def _unverified(anchor: Token) -> bool:
    for a in _ancestors_in_clause(anchor):
        if a.pos_ in syntax.VERBAL and _is("verify", a.lemma_):
            independent = any(c.lower_ == "independently" for c in a.children)
            return independent or _negated(a) or any(_negated(h) for h in a.children if h.dep_ == "aux")
    return False


def _press_talk(event: CodedEvent, sent: Span) -> bool:
    if event.type not in COOPERATIVE_TALK or not event.recipients:
        return False
    return all(_press_participant(p, sent) for p in event.recipients)


def _press_participant(p, sent: Span) -> bool:
    if p.sector == "MED":
        return True
    span = sent.doc.char_span(p.start, p.end, alignment_mode="expand")
    return span is not None and len(span) > 0 and _is("press", span.root.lemma_)


def _media_object(event: CodedEvent, anchor: Token) -> bool:
    if anchor.pos_ not in syntax.VERBAL:
        return False
    if any(c.dep_ in ("nsubjpass", "nsubj") and _is("media", c.lemma_) for c in anchor.children):
        return True  # "the footage was FILMED", "videos SHOT in"
    objects = [c for c in anchor.children if c.dep_ == "dobj"]
    objects += [o for c in objects if c.lemma_.lower() in syntax.QUANTITY_NOUNS for p in c.children if p.dep_ == "prep"
                for o in syntax.objects_of(p)]  # fmt: skip  # "released a SERIES of emails"
    if not event.recipients and any(_is("media", c.lemma_) for c in objects):
        return True  # "RELEASED a video", not "provided PHOTOGRAPHS to X"
    passive = anchor.tag_ == "VBN" and not any(c.dep_ == "dobj" for c in anchor.children)
    head = anchor.head.lemma_
    return anchor.dep_ in ("acl", "relcl") and passive and (_is("media", head) or _is("record", head))


def _exposure(event: CodedEvent, anchor: Token) -> bool:
    if anchor.pos_ != "NOUN":
        return False
    if event.type != "THREATEN":  # "to safeguard the people FROM enemy attacks"
        prep = anchor.head if anchor.dep_ == "pobj" and anchor.head.lower_ in ("from", "against") else None
        verb = prep.head.head if prep is not None and prep.head.dep_ == "dobj" else prep.head if prep is not None else None
        return verb is not None and _is("exposure", verb.lemma_) and verb.lemma_.lower() != "be"
    if anchor.dep_ in ("attr", "oprd") or any(c.dep_ in ("amod", "compound") and _is("danger", c.lower_) for c in anchor.children):
        return True  # "has become a real THREAT", "the GROWING threat from"
    head = anchor.head
    if anchor.dep_ == "pobj" and head.lower_ in ("from", "against"):
        return True  # "protection from any THREATS"
    verb = syntax.light_verb(anchor)
    return verb is not None and _is("exposure", verb.lemma_)


def _goal(event: CodedEvent, anchor: Token) -> bool:
    """An event noun that is what something facilitates, needs or blocks: with no party of its
    own, or as the aim of an infinitive or a modal ('to FACILITATE aid', 'will ENABLE aid')."""
    if anchor.pos_ != "NOUN":
        return False
    node = anchor
    while node.dep_ == "conj" and node.head.pos_ == "NOUN":
        node = node.head  # "the delivery of aid, the restoration of services, the WITHDRAWAL of forces"
    while node.dep_ == "pobj" and node.head.lower_ == "of" and _is("carrier", node.head.head.lemma_):
        node = node.head.head  # "the delivery OF assistance"
    if node.dep_ in ("dobj", "nsubjpass"):
        governor = node.head
    elif node.dep_ == "pobj":
        governor = node.head.head
    else:
        return False
    heads = [governor, governor.head] if governor.dep_ == "conj" else [governor]  # "to develop ... and ENHANCE"
    aim = any(c.dep_ == "aux" and c.tag_ in ("TO", "MD") for h in heads for c in h.children)
    return _is("goal", governor.lemma_) and (aim or not event.actors and not event.recipients)


def _content(anchor: Token) -> bool:
    """An event noun that a text of terms provides for: the object (or the object's conjunct, or a noun its
    "of" leads to) of a verb whose subject is an agreement, a declaration, a plan... ("the agreement INCLUDED
    the DEPLOYMENT of neutral forces and the establishment of corridors")."""
    if anchor.pos_ != "NOUN":
        return False
    node = anchor
    for _ in range(6):
        if node.dep_ in ("conj", "appos") and node.head.pos_ == "NOUN" or node.dep_ == "pobj" and node.head.lower_ == "of":
            node = node.head if node.dep_ != "pobj" else node.head.head
            continue
        break
    if node.dep_ not in ("dobj", "attr") or node.head.pos_ not in syntax.VERBAL:
        return False
    verb = node.head
    while verb.dep_ in ("xcomp", "advcl") and not syntax.own_subject(verb) and verb.head.pos_ in syntax.VERBAL:
        verb = verb.head  # "will guide ... TO ENABLE the withdrawal": the guiding text's
    subject = syntax.own_subject(verb)
    return subject is not None and _is("terms", subject.lemma_)


def _empty(event: CodedEvent) -> bool:
    """A negated or hypothetical event with no party at all tells nothing ('ways to compete
    WITHOUT DESTROYING the country')."""
    unplaced = not event.actors and not event.recipients and event.location is None
    return event.modality in ("negated", "hypothetical") and unplaced


def _non_specific(anchor: Token) -> bool:
    return anchor.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ == "any" for c in anchor.children)


def _forecast(event: CodedEvent, anchor: Token, anchors: frozenset[int]) -> bool:
    """A warning with no recipient, no threatened event and no named menace; a threat to an
    abstract good with no threatened act ('entities that THREATEN the security of')."""
    if event.type != "THREATEN" or anchor.pos_ not in syntax.VERBAL:
        return False
    inner = any(t.i in anchors and t.i != anchor.i for t in anchor.subtree)
    if anchor.lemma_.lower() == "threaten":
        return not inner and any(c.dep_ == "dobj" and _is("abstract", c.lemma_) for c in anchor.children)
    if anchor.lemma_.lower() != "warn" or event.recipients:
        return False
    menace = any(_is("menace", t.lemma_) for t in anchor.subtree if t.i != anchor.i and t.pos_ == "NOUN")
    return not inner and not menace


def _description(event: CodedEvent, anchor: Token) -> bool:
    """A past participle that describes a noun, by no one and of no one ("a minister widely PRAISED for his
    work", "the BACKED candidate"), says what something is, not that someone did something."""
    if event.actors or event.recipients or anchor.tag_ not in ("VBN", "VBD") or anchor.dep_ not in ("acl", "amod"):
        return False
    return not any(c.dep_ in ("agent", "nsubjpass", "nsubj") for c in anchor.children)


def _no_actor(event: CodedEvent, sent: Span, non_actor: Callable[[Token], bool]) -> bool:
    if event.type == "ASSAULT" or not event.actors:
        return False
    heads = [sent.doc.char_span(p.start, p.end, alignment_mode="expand") for p in event.actors]
    tokens = [h.root for h in heads if h is not None and len(h)]
    whole = bool(tokens) and len(tokens) == len(event.actors)
    return whole and all(t.pos_ == "NOUN" and non_actor(t) for t in tokens)


def junk_reason(event: CodedEvent, sent: Span, anchors: frozenset[int], non_actor: Callable[[Token], bool]) -> str | None:
    """The name of the rule that makes ``event`` no event between actors, or None."""
    anchor = anchor_of(event, sent)
    if anchor is None:
        return None
    checks: tuple[tuple[str, Callable[[], bool]], ...] = (
        ("comment-request", lambda: _press_request(event, anchor)),
        ("mute", lambda: _mute(event, anchor, sent)),
        ("comment-topic", lambda: _comment_topic(anchor)),
        ("unverified", lambda: _unverified(anchor)),
        ("press-talk", lambda: _press_talk(event, sent)),
        ("media-object", lambda: _media_object(event, anchor)),
        ("no-actor", lambda: _no_actor(event, sent, non_actor)),
        ("exposure", lambda: _exposure(event, anchor)),
        ("any", lambda: _non_specific(anchor)),
        ("goal", lambda: _goal(event, anchor)),
        ("content", lambda: _content(anchor)),
        ("empty", lambda: _empty(event)),
        ("forecast", lambda: _forecast(event, anchor, anchors)),
        ("description", lambda: _description(event, anchor)),
    )
    return next((name for name, check in checks if check()), None)


def unwitnessed(event: CodedEvent, sent: Span) -> CodedEvent:
    """Without the actors that only reported or saw an event noun ('the agency CONFIRMED the
    shelling'): the subject of a witness verb whose object is the trigger is its source."""
    anchor = anchor_of(event, sent)
    if anchor is None or anchor.pos_ != "NOUN" or not event.actors:
        return event
    verb = syntax.light_verb(anchor)
    if verb is None or not witness(verb):
        return event
    subject = syntax.own_subject(verb) or next(iter(syntax.agents(verb)), None)
    if subject is None:
        return event
    phrase = syntax.phrase_span(syntax.resolve(subject))
    kept = tuple(p for p in event.actors if not phrase.start_char <= p.start < phrase.end_char)
    if len(kept) == len(event.actors):
        return event
    return replace(event, actors=kept, attribution=event.attribution or phrase.text)


def witness(verb: Token) -> bool:
    """Is ``verb`` one whose subject only reports or sees the event noun it governs ("CONFIRMED the shelling")?"""
    return _is("witness", verb.lemma_)


def unpressed(event: CodedEvent) -> CodedEvent:
    """Without news outlets as actors of acts the press does not do ('Varland TV ... expelled
    Osteria' is a parse that took the reporting outlet for the actor)."""
    if event.type not in MATERIAL or not any(p.sector == "MED" for p in event.actors):
        return event
    return replace(event, actors=tuple(p for p in event.actors if p.sector != "MED"))


def screen(events: list[CodedEvent], sent: Span, anchors: frozenset[int], non_actor: Callable[[Token], bool]) -> list[CodedEvent]:
    """The sentence's events without junk (the coder has already set aside a teaser or sports sentence,
    :func:`junk_sentence`)."""
    return [unpressed(unwitnessed(e, sent)) for e in events if junk_reason(e, sent, anchors, non_actor) is None]
