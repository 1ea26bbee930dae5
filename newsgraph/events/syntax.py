"""Reading a spaCy dependency parse for the event coder: who acts, on whom, where, and says who.

Every function takes spaCy tokens of one parsed sentence and returns tokens or text; the coder
(:mod:`newsgraph.events.coder`) turns them into records. Rules, in the order the coder uses them:

- the actor of a verb is its subject, or the passive agent ("was attacked by X"); a verb without
  one borrows it from the verb that governs it: an open complement ("offered to train") or a
  shared subject in coordination, or the object of an object-control verb ("urged X to mediate");
- coordination gives several actors ("The United States and Jordan agreed");
- recipients are the direct or dative object, a passive subject, and the objects of
  "with/to/against/on/at/into/from" (for event nouns also "for" and "of"), looked for through
  objects that are not actors themselves ("provided photographs to Macedonia");
- a pronoun actor is the subject of the reporting clause or the nearest earlier subject
  ("Iraq said it would allow ..." -> Iraq);
- the location is the object of "in/at/near ..." when it names a place;
- the attribution is the subject of a verb of saying that governs the trigger, or "according to X".
"""
from __future__ import annotations

from typing import Callable, Iterator

from spacy.tokens import Span, Token

ACTOR_ENTS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})
PHRASE_CUT = frozenset({"relcl", "acl", "appos", "conj", "cc", "advcl", "parataxis", "ccomp", "punct"})
SLOT_DEPS = frozenset(
    "dobj dative prt prep pobj pcomp compound amod nmod advmod npadvmod attr acomp oprd nsubjpass agent poss".split()
)
ARGUMENT_DEPS = frozenset({"dobj", "dative", "attr", "oprd", "nsubjpass", "nsubj", "pobj"})
EMBED_DEPS = frozenset({"xcomp", "ccomp", "acomp", "advcl", "acl", "dobj", "pobj", "prep", "pcomp", "attr", "oprd"})
RECIPIENT_PREPS = frozenset({"with", "to", "against", "on", "upon", "at", "into", "toward", "towards", "from"})
NOUN_PREPS = RECIPIENT_PREPS | {"for", "of"}
LOCATION_PREPS = frozenset({"in", "at", "near", "outside", "inside", "around", "across", "throughout", "within"})
PLACE_NOUNS = frozenset(
    "city town village capital province region district camp area border country state street square port "
    "base prison jail neighbourhood neighborhood suburb enclave territory zone strip valley island".split()
)
PERSONAL = frozenset({"he", "she", "they", "we", "i", "him", "her", "them", "us", "it"})
POSSESSIVE = frozenset({"its", "their", "his", "her", "our", "my"})
RELATIVE_TAGS = frozenset({"WDT", "WP", "WP$"})
VERBAL = frozenset({"VERB", "AUX"})
NOMINAL = frozenset({"NOUN", "PROPN"})


def conjuncts(tok: Token) -> list[Token]:
    """The token and the tokens coordinated with it ('A, B and C')."""
    return [tok, *(c for c in tok.conjuncts if c.pos_ in NOMINAL | {"PRON", "NUM", "ADJ"})]


def objects_of(prep: Token) -> list[Token]:
    return [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]


def phrase_tokens(head: Token, cut: frozenset[str] = PHRASE_CUT) -> list[Token]:
    """The head's noun phrase: its subtree without clauses, appositions and coordinated phrases."""
    kept: list[Token] = []
    stack = [head]
    while stack:
        tok = stack.pop()
        kept.append(tok)
        stack.extend(c for c in tok.children if c.dep_ not in cut)
    kept.sort(key=lambda t: t.i)
    while len(kept) > 1 and kept[0].dep_ in ("punct", "cc", "case"):
        kept.pop(0)
    while len(kept) > 1 and kept[-1].dep_ in ("punct", "case", "cc"):
        kept.pop()
    return kept


def phrase_span(head: Token, cut: frozenset[str] = PHRASE_CUT) -> Span:
    tokens = phrase_tokens(head, cut)
    return head.doc[tokens[0].i : tokens[-1].i + 1]


def own_subject(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ in ("nsubj", "csubj")), None)


def passive_subject(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ == "nsubjpass"), None)


def direct_object(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ in ("dobj", "dative")), None)


def agents(verb: Token) -> list[Token]:
    """The objects of a passive 'by' phrase."""
    return [o for c in verb.children if c.dep_ == "agent" for p in objects_of(c) for o in conjuncts(p)]


def antecedent(pron: Token) -> Token | None:
    """What a third-person or first-person pronoun stands for, inside its sentence."""
    node = pron.head
    for _ in range(5):
        if node.dep_ not in ("ccomp", "xcomp", "advcl", "conj", "acl", "relcl") or node.head is node:
            break
        node = node.head
        subj = own_subject(node)
        if subj is not None and subj.pos_ != "PRON":
            return subj
    sent = pron.sent
    for tok in reversed(list(sent[: pron.i - sent.start])):
        if tok.dep_ in ("nsubj", "nsubjpass") and tok.pos_ in NOMINAL:
            return tok
    return None


def resolve(tok: Token) -> Token:
    """A pronoun's antecedent (relative pronouns: the noun they modify), else the token itself."""
    if tok.tag_ in RELATIVE_TAGS and tok.head.dep_ == "relcl":
        return tok.head.head
    if tok.pos_ == "PRON" and tok.lower_ in PERSONAL | POSSESSIVE:
        return antecedent(tok) or tok
    return tok


def subject_heads(verb: Token, object_control: Callable[[str], bool], depth: int = 0) -> list[Token]:
    """The actors of a verb: its subject, passive agent, or the subject it borrows."""
    subj = own_subject(verb)
    if subj is not None:
        return [resolve(t) for t in conjuncts(subj)]
    if passive_subject(verb) is not None or depth > 5:
        return agents(verb)
    gov, dep = verb.head, verb.dep_
    if gov is verb:
        return agents(verb)
    if dep in ("xcomp", "advcl", "acl") and gov.pos_ in VERBAL:
        obj = direct_object(gov)
        if dep == "xcomp" and obj is not None and object_control(gov.lemma_.lower()):
            return [resolve(t) for t in conjuncts(obj)]
        return subject_heads(gov, object_control, depth + 1)
    if dep in ("conj", "acomp") and gov.pos_ in VERBAL | {"ADJ"}:
        return subject_heads(gov, object_control, depth + 1)
    if dep == "pcomp" and gov.head.pos_ in VERBAL:
        return subject_heads(gov.head, object_control, depth + 1)
    if dep == "acl" and verb.tag_ == "VBG":
        return [gov]
    if dep in ("acl", "xcomp") and gov.pos_ in NOMINAL | {"ADJ"} and gov.head.pos_ in VERBAL:
        return subject_heads(gov.head, object_control, depth + 1)
    return agents(verb)


def light_verb(noun: Token) -> Token | None:
    """The verb an event noun is the argument of: 'held TALKS' -> held, 'put under INVESTIGATION' -> put."""
    head = noun.head
    if noun.dep_ in ("dobj", "attr", "oprd", "nsubjpass", "dative") and head.pos_ in VERBAL:
        return head
    if noun.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ in VERBAL:
        return head.head
    if noun.dep_ == "conj" and head.pos_ in NOMINAL:
        return light_verb(head)
    return None


def between(noun: Token) -> list[Token]:
    """The parties of 'talks between A and B'."""
    return [o for c in noun.children if c.dep_ == "prep" and c.lower_ in ("between", "among") for p in objects_of(c) for o in conjuncts(p)]


def noun_actor_heads(noun: Token, object_control: Callable[[str], bool], by_of: bool) -> list[Token]:
    """The actors of an event noun: 'Israel's raid', 'Israeli raids', 'raid by X', the light verb's subject."""
    poss = [resolve(c) for c in noun.children if c.dep_ == "poss"]
    if poss:
        return poss
    named = [c for c in noun.children if c.dep_ in ("amod", "compound") and c.ent_type_ in ACTOR_ENTS]
    if named:
        return named
    preps = ("by", "of") if by_of else ("by",)
    by = [o for c in noun.children if c.dep_ == "prep" and c.lower_ in preps for p in objects_of(c) for o in conjuncts(p)]
    if by:
        return [resolve(t) for t in by]
    verb = light_verb(noun)
    if verb is not None and noun.dep_ != "nsubjpass":
        return subject_heads(verb, object_control)
    return []


def _prep_objects(head: Token, preps: frozenset[str], skip: frozenset[int]) -> Iterator[Token]:
    for c in head.children:
        if c.dep_ == "prep" and c.lower_ in preps and c.i not in skip:
            for p in objects_of(c):
                if p.i not in skip:
                    yield p


def recipient_heads(anchor: Token, path: frozenset[int], is_actor: Callable[[Token], bool], preps: frozenset[str]) -> list[Token]:
    """Objects, passive subjects and prepositional objects of the anchor and of its pattern words."""
    found: list[Token] = []
    for head in [anchor, *(t for t in anchor.sent if t.i in path)]:
        for c in head.children:
            if c.i in path:
                continue
            if c.dep_ in ("dobj", "dative", "nsubjpass"):
                _take(c, found, is_actor, preps, passive=c.dep_ == "nsubjpass")
        for p in _prep_objects(head, preps, path):
            _take(p, found, is_actor, preps)
    return found


def _take(tok: Token, found: list[Token], is_actor: Callable[[Token], bool], preps: frozenset[str], passive: bool = False) -> None:
    for t in conjuncts(tok):
        t = resolve(t)
        if passive or is_actor(t):
            found.append(t)
        else:
            for p in _prep_objects(t, preps, frozenset()):
                found.extend(x for x in conjuncts(p) if is_actor(x))


def location_head(heads: list[Token], is_place: Callable[[Token], bool]) -> Token | None:
    """The object of the first 'in/at/near ...' phrase on one of ``heads`` that names a place."""
    for head in heads:
        for p in _prep_objects(head, LOCATION_PREPS, frozenset()):
            if is_place(p):
                return p
    return None


def looks_like_place(tok: Token) -> bool:
    """A place by the parse alone: a GPE/LOC/FAC entity or a place noun ('the town of X')."""
    if tok.ent_type_ in PLACE_ENTS:
        return True
    return tok.lemma_.lower() in PLACE_NOUNS


def report_subject(anchor: Token, is_report: Callable[[str], bool]) -> Token | None:
    """The subject of a verb of saying that governs the anchor, or X of 'according to X'."""
    for anc in anchor.ancestors:
        if anc.pos_ in VERBAL and is_report(anc.lemma_.lower()):
            subj = own_subject(anc) or next(iter(agents(anc)), None)
            if subj is not None:
                return resolve(subj)
    for tok in anchor.sent:
        if tok.lower_ == "according":
            for c in tok.children:
                obj = next(iter(objects_of(c)), None) if c.lower_ == "to" else None
                if obj is not None:
                    return obj
    return None


def slot_candidates(anchor: Token, max_depth: int = 3) -> list[tuple[Token, tuple[int, ...]]]:
    """Dependents of the anchor that may fill a pattern slot, each with the arc path to it."""
    out: list[tuple[Token, tuple[int, ...]]] = []
    frontier: list[tuple[Token, tuple[int, ...]]] = [(anchor, ())]
    for _ in range(max_depth):
        nxt = []
        for tok, path in frontier:
            for c in tok.children:
                if c.dep_ in SLOT_DEPS:
                    item = (c, (*path, c.i))
                    out.append(item)
                    nxt.append(item)
        frontier = nxt
    return out


def depth(tok: Token) -> int:
    """Arcs from the token up to its sentence root."""
    return sum(1 for _ in tok.ancestors)
