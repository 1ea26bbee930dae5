"""Reading a spaCy dependency parse for the event coder: who acts, on whom, where, and says who.

Every function takes spaCy tokens of one parsed sentence and returns tokens or text; the coder
(:mod:`newsgraph.events.coder`) turns them into records. Rules, in the order the coder uses them:

- the actor of a verb is its subject (the bodies "representatives of A and B" speak for), or the
  passive agent ("was attacked by X"); a verb without
  one borrows it from the verb that governs it: an open complement ("offered to train") or a
  shared subject in coordination, or the object of an object-control verb ("urged X to mediate"),
  or the object before "of/for/from" + gerund ("accused X of funding", "stopped X from attacking"), or
  the subject of a passive or a predicate adjective before it ("X was arrested for REFUSING", "X was
  instrumental in ORGANISING"); those it acts "on behalf of" act too; a passive infinitive raised to its
  governor's subject has that subject as patient ("were reported to be WOUNDED");
- the actor of an event noun is its possessor or a named modifier ("Varland's raid", "a Brigades-claimed
  attack"), "by X", the one who "claimed responsibility for" it, else the subject of its light verb;
- coordination gives several actors ("The United States and Jordan agreed"), and so does a partner named
  with "together with", "along with" or "alongside" ("X, together with Y, launched ...");
- a gerund after a noun of achievement takes the clause's subject ("X declared victory in RETAKING the
  city"); the subject of a verb of announcing or ordering brings about the act its object names when that
  names no one of its own ("X announced the mobilization of militias");
- the parties of an event noun are the objects of "between/among" on it, on its participle ("talks held
  between A and B"), on the verb it is the subject of, or on what it is said to be ("the talks mark the
  first meeting between A and B"), and the two sides of "fighting has pitted A against B";
- recipients are the direct or dative object, a passive subject, and the objects of
  "with/to/against/on/at/into/from" (for event nouns also "for" and "of"), looked for through
  objects that are not actors themselves ("provided photographs to Macedonia", "concern about the arms
  supplied BY X"); the holder of a place hit ("a REBEL-held base") and the named target of a participle
  ("strikes targeting X"); a bare preposition coordinated with another shares its object ("flights to and
  from X");
- a pronoun actor is the subject of the reporting clause or the nearest earlier subject
  ("Iraq said it would allow ..." -> Iraq), never a time ("at the same time, it ..."), else a subject
  of the sentence before (:func:`antecedent`);
- a document that says something speaks for whoever issued it ("X issued a statement DEMANDING
  ..." -> X);
- a subject of a passive that governs an infinitive is its actor ("Ghana is expected to send");
- the location is the object of "in/at/near ..." when it names a place;
- the attribution is the subject of a verb of saying that governs the trigger, or "according to X";
- a phrase is coded by the actor gazetteer; without a country of its own it takes one from its
  wider phrase ("refugees fleeing ... Liberia"), its possessive pronoun's antecedent ("its
  troops") or, for "the country", the antecedent.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from collections.abc import Callable, Iterable, Iterator

from spacy.tokens import Span, Token

from newsgraph.resolve.gazetteer import Gazetteer

ACTOR_ENTS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})
PHRASE_CUT = frozenset({"relcl", "acl", "appos", "conj", "cc", "advcl", "parataxis", "ccomp", "punct"})
SLOT_DEPS = frozenset(
    "dobj dative prt prep pobj pcomp compound amod nmod advmod npadvmod attr acomp oprd nsubjpass agent poss mark conj".split()
)
ARGUMENT_DEPS = frozenset({"dobj", "dative", "attr", "oprd", "nsubjpass", "nsubj", "pobj"})
EMBED_DEPS = frozenset({"xcomp", "ccomp", "acomp", "advcl", "acl", "dobj", "pobj", "prep", "pcomp", "attr", "oprd"})
EMBED_PREPS = frozenset({"to", "for", "on", "upon", "with", "into", "of", "about", "at"})
RECIPIENT_PREPS = frozenset(
    {"with", "to", "against", "on", "upon", "at", "into", "toward", "towards", "from", "over", "about", "between", "among"}
)
NOUN_PREPS = RECIPIENT_PREPS | {"for", "of"}
INNER_PREPS = NOUN_PREPS | {"by"}
LOCATION_PREPS = frozenset({"in", "at", "near", "outside", "inside", "around", "across", "throughout", "within"})
PLACE_NOUNS = frozenset(
    "city town village capital province region district camp area border country state street square port "
    "base prison jail neighbourhood neighborhood suburb enclave territory zone strip valley island".split()
)
QUANTITY_NOUNS = frozenset(
    "day week month hour year series wave string spate round number dozen hundred thousand part bout flurry "
    "barrage volley couple kind type set".split()
)
TIME_ENTS = frozenset({"DATE", "TIME"})
TIME_NOUNS = frozenset("time moment day week month year hour minute period while".split())
ADJUNCT_PREPS = frozenset(
    "after before during since following despite amid amidst over until ahead prior because like unlike than".split()
)
NOT_ANTECEDENT = TIME_ENTS | {"CARDINAL", "PERCENT", "MONEY", "QUANTITY", "ORDINAL"}
COPULAS = frozenset({"be", "seem", "appear", "remain", "become", "take", "mean"})  # "IT was", "IT seems that"
PERSONAL = frozenset({"he", "she", "they", "we", "i", "him", "her", "them", "us", "it"})
SINGULAR_PRONOUNS = frozenset({"he", "she", "him", "his", "her", "it", "its", "i", "my"})
PLURAL_PRONOUNS = frozenset({"they", "them", "their", "we", "us", "our"})
POSSESSIVE = frozenset({"its", "their", "his", "her", "our", "my"})
FIRST_PERSON = frozenset({"i", "me", "my", "we", "us", "our"})
RELATIVE_TAGS = frozenset({"WDT", "WP", "WP$"})
VERBAL = frozenset({"VERB", "AUX"})
NOMINAL = frozenset({"NOUN", "PROPN"})
ANAPHORIC_NOUNS = frozenset({"country", "nation", "kingdom", "republic"})
DOCUMENT_NOUNS = frozenset(
    "statement declaration communique communiqué letter decree resolution message note memo document text "
    "announcement proclamation manifesto report".split()
)
DOER_PARTICIPLES = frozenset("claim lead launch stage perpetrate mount conduct carry".split())  # "X-claimed attack"
DOING_VERBS = DOER_PARTICIPLES | frozenset("undertake commit execute hold organise organize attend".split())
CLAIM_VERBS = frozenset("claim take accept bear assume admit".split())  # ... responsibility for an act
SPOKESPEOPLE = frozenset("representative delegate delegation envoy negotiator emissary spokesman spokeswoman "
                         "spokesperson".split())  # who speak for a body: "representatives of A and B"
# verbs whose subject brings about the act their object names: "X ANNOUNCED the mobilization of militias"
DIRECTIVE_VERBS = frozenset("announce order declare launch begin start decree authorize authorise approve initiate "
                            "command direct".split())
EQUATIVE_VERBS = frozenset({"be", "mark", "become", "constitute", "represent"})  # "the talks WERE the first meeting"
COMITATIVE_ADVERBS = frozenset({"together", "along", "jointly"})  # "together with Y": Y acts too
# nouns of having done an act: "declared VICTORY in retaking the city", "played a ROLE in brokering the deal"
ACHIEVEMENT_NOUNS = frozenset("victory success role part hand lead progress breakthrough".split())
HOLD_VERBS = frozenset("hold control run occupy administer govern".split())  # "rebel-HELD", "X-CONTROLLED"
AFFECT_VERBS = frozenset("target hit strike affect damage destroy wound injure kill rock shake devastate disrupt".split())


@dataclass(frozen=True)
class Participant:
    """An actor or recipient phrase with its actor code (country may be IGO, NGO or IMG)."""

    text: str
    start: int
    end: int
    country: str | None
    sector: str | None

    def as_dict(self) -> dict:
        return {"text": self.text, "country": self.country, "sector": self.sector, "start": self.start, "end": self.end}


def conjuncts(tok: Token) -> list[Token]:
    """The token and the tokens coordinated with it ('A, B and C')."""
    return [tok, *(c for c in tok.conjuncts if c.pos_ in NOMINAL | {"PRON", "NUM", "ADJ"})]


def objects_of(prep: Token) -> list[Token]:
    """The objects of a preposition; of a bare one coordinated with another, the other's ("flights TO and
    from Doha": Doha)."""
    found = [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]
    if not found:
        found = [c for p in prep.children if p.dep_ == "conj" and p.pos_ == "ADP"
                 for c in p.children if c.dep_ in ("pobj", "pcomp")]  # fmt: skip
    return found


def _comitative(prep: Token) -> bool:
    """'X, together WITH Y', 'X along WITH Y', 'X ALONGSIDE Y': a phrase that adds a partner in the act."""
    if prep.dep_ != "prep":
        return False
    word = prep.lower_
    if word == "alongside" or word == "along" and any(c.dep_ == "prep" and c.lower_ == "with" for c in prep.children):
        return True
    if word != "with" or prep.i == 0:
        return False
    before = prep.doc[prep.i - 1]
    return before.lower_ in COMITATIVE_ADVERBS and before.dep_ == "advmod" and before.head in (prep, prep.head)


def principals(verb: Token) -> list[Token]:
    """Those a verb's subject acts for: "the delegates signed ON BEHALF OF Varland and Keltun" -> Varland, Keltun."""
    return [o for c in verb.children if c.dep_ == "prep" and c.lower_ in ("on", "in")
            for b in objects_of(c) if b.lemma_.lower() == "behalf"
            for p in b.children if p.dep_ == "prep" and p.lower_ == "of" for obj in objects_of(p) for o in conjuncts(obj)]


def partners(tok: Token) -> list[Token]:
    """The named partners a subject acts with: "the Varland army, together with the Keltun Front, attacked"
    -> the Keltun Front (a common noun, "along with local fighters", names no one to code)."""
    out = []
    for c in tok.children:
        if not _comitative(c):
            continue
        preps = [p for p in c.children if p.dep_ == "prep" and p.lower_ == "with"] if c.lower_ == "along" else [c]
        for o in (o for p in preps for obj in objects_of(p) for o in conjuncts(obj)):
            if o.ent_type_ in ACTOR_ENTS or any(t.pos_ == "PROPN" for t in phrase_tokens(o)):
                out.append(o)
    return out


def phrase_tokens(head: Token, cut: frozenset[str] = PHRASE_CUT, preps: frozenset[str] | None = None) -> list[Token]:
    """The head's noun phrase: its subtree without clauses, appositions, coordinated phrases,
    time adjuncts ('on Tuesday') and, for the default cut, asides set off by a comma; with
    ``preps``, only prepositional phrases headed by one of them."""
    kept: list[Token] = []
    stack = [head]
    while stack:
        tok = stack.pop()
        kept.append(tok)
        stack.extend(
            c for c in tok.children
            if c.dep_ not in cut and not _adjunct(head, c, cut is PHRASE_CUT)
            and not (preps is not None and c.dep_ == "prep" and c.lower_ not in preps)
            and not (c.dep_ == "prep" and _comitative(c))
            and not (c.dep_ == "advmod" and c.lower_ in COMITATIVE_ADVERBS and c.i + 1 < len(c.doc) and c.doc[c.i + 1].lower_ == "with")
        )  # fmt: skip
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


def _agrees(pron: Token, tok: Token) -> bool:
    plural = tok.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in tok.children)
    if pron.lower_ in SINGULAR_PRONOUNS:
        return not plural and not (pron.lower_ != "it" and pron.lower_ != "its" and tok.ent_type_ in ("GPE", "ORG", "NORP"))
    if pron.lower_ in PLURAL_PRONOUNS:
        return plural or tok.ent_type_ in ("GPE", "ORG", "NORP") or tok.lemma_.lower() in ("government", "group", "army")
    return True


def antecedent(pron: Token) -> Token | None:
    """What a pronoun stands for, inside its sentence: the subject of the clause that reports it
    ('Iraq said IT would allow'), else the nearest earlier subject, else the nearest earlier
    object, that agrees in number; a subject pronoun that finds none ("he", "she", "they") takes the
    subject of the sentence before, in the same paragraph."""
    node = pron.head
    for _ in range(5):
        if node.dep_ not in ("ccomp", "xcomp", "advcl", "conj", "acl", "relcl") or node.head is node:
            break
        node = node.head
        subj = own_subject(node)
        if subj is not None and subj.pos_ != "PRON" and _agrees(pron, subj):
            return subj
    earlier = list(reversed(list(pron.sent[: pron.i - pron.sent.start])))
    for deps in (("nsubj", "nsubjpass"), ("dobj", "pobj", "appos")):
        for tok in earlier:
            if tok.dep_ in deps and tok.pos_ in NOMINAL and tok.ent_type_ not in NOT_ANTECEDENT and _agrees(pron, tok) \
                    and tok.lemma_.lower() not in TIME_NOUNS:  # "at the same TIME, it sent": not the time
                return tok
    if pron.dep_ in ("nsubj", "nsubjpass") and pron.sent.start > 0 and pron.lower_ not in ("i", "we"):
        return _previous_subject(pron)
    return None


def _previous_subject(pron: Token) -> Token | None:
    """The subject of the sentence before that a subject pronoun stands for: its main clause's ("X and Y met
    on Monday. THEY agreed ..."), else, for "they", the last plural subject of a main or adverbial clause of
    it ("The announcement was made and A and B imposed sanctions. THEY asked ..."); "it" only for a state or a body
    ("Varland appealed to Keltun. At the same time, IT sent troops"), and not as the subject of "be", which
    is most often no one ("It was the first outbreak")."""
    before = pron.doc[pron.sent.start - 1].sent

    def fits(subj: Token | None) -> bool:
        return subj is not None and subj.pos_ in NOMINAL and subj.ent_type_ not in NOT_ANTECEDENT and _agrees(pron, subj)

    if pron.lower_ == "it":
        subj = own_subject(before.root)
        named = subj is not None and (subj.ent_type_ in ("GPE", "ORG") or subj.pos_ == "PROPN" and not subj.ent_type_)
        return subj if named and fits(subj) and pron.head.lemma_.lower() not in COPULAS else None
    subj = own_subject(before.root)
    if fits(subj):
        return subj
    if pron.lower_ == "they":  # a main or adverbial clause's, not a reported one's ("... is that the army be supported")
        return next((t for t in reversed(list(before)) if t.dep_ in ("nsubj", "nsubjpass") and fits(t)
                     and (t.head.dep_ == "ROOT" or t.head.dep_ in ("conj", "advcl") and t.head.head.dep_ == "ROOT")),
                    None)  # fmt: skip
    return None


def resolve(tok: Token) -> Token:
    """A pronoun's antecedent (relative pronouns: the noun they modify; "X, WHOSE forces ...": X),
    else the token itself."""
    if tok.tag_ in RELATIVE_TAGS and tok.head.dep_ == "relcl":
        return tok.head.head
    if tok.head.dep_ == "relcl" and any(p.dep_ == "prep" and p.lower_ == "of" and any(o.tag_ in RELATIVE_TAGS
                                        for o in objects_of(p)) for p in tok.children):
        return tok.head.head  # "its allies, MANY OF WHICH supply arms": the allies
    if tok.head.dep_ == "relcl" and any(c.dep_ == "poss" and c.lower_ == "whose" for c in tok.children):
        return tok.head.head
    if tok.pos_ == "PRON" and tok.lower_ in FIRST_PERSON:
        return tok  # "I", "we" of a quote: its speaker, whom the sentence's earlier nouns do not name
    if tok.pos_ == "PRON" and tok.lower_ in PERSONAL | POSSESSIVE:
        return antecedent(tok) or tok
    return tok


def subject_heads(verb: Token, object_control: Callable[[str], bool], depth: int = 0) -> list[Token]:
    """The actors of a verb: its subject, passive agent, or the subject it borrows."""
    subj = own_subject(verb) or _stray_subject(verb)
    if subj is not None and not _elided_passive(verb) and not (depth == 0 and headline_passive(verb)):
        heads = spoken_for([r for t in conjuncts(subj) for r in (conjuncts(resolve(t)) if t.pos_ == "PRON"
                                                                 else [resolve(t)])])
        return heads + [p for t in conjuncts(subj) for p in partners(t)] + principals(verb)
    if passive_subject(verb) is not None or depth > 5:
        return agents(verb)
    gov, dep = verb.head, verb.dep_
    if gov is verb:
        return agents(verb)  # "it was the first outbreak SINCE both JOINED forces": not the main clause's subject
    if dep in ("xcomp", "advcl", "acl") and gov.pos_ in VERBAL:
        obj, raised = direct_object(gov), passive_subject(gov)
        if dep == "xcomp" and obj is not None and object_control(gov.lemma_.lower()):
            return [resolve(t) for t in conjuncts(obj)]
        if dep == "xcomp" and raised is not None and not agents(gov) and not _passive(verb):
            return [resolve(t) for t in conjuncts(raised)]  # "Ghana is expected TO SEND troops"
        return subject_heads(gov, object_control, depth + 1)
    if dep == "conj" and gov.pos_ in VERBAL and passive_subject(gov) is not None:
        if verb.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in verb.children):
            return agents(gov)  # "were killed or WOUNDED": passive too
        return [resolve(t) for t in conjuncts(passive_subject(gov))]  # "X was indicted and will resign"
    if dep in ("conj", "acomp") and gov.pos_ in VERBAL | {"ADJ"}:
        return subject_heads(gov, object_control, depth + 1)
    if dep == "pcomp" and gov.lower_ == "in" and gov.head.lemma_.lower() in ACHIEVEMENT_NOUNS \
            and gov.head.dep_ in ("dobj", "attr") and gov.head.head.pos_ in VERBAL:
        return subject_heads(gov.head.head, object_control, depth + 1)  # "X declared victory in RETAKING the city"
    if dep == "pcomp" and gov.head.pos_ == "ADJ" and gov.head.dep_ == "acomp" and gov.head.head.pos_ in VERBAL:
        return subject_heads(gov.head.head, object_control, depth + 1)  # "X was instrumental in ORGANISING"
    if dep == "pcomp" and gov.head.pos_ in VERBAL:
        obj = direct_object(gov.head) or passive_subject(gov.head)
        if obj is not None and (gov.lower_ in ("of", "for", "from") or gov.lower_ == "in" and obj.dep_ == "nsubjpass"):
            # "accused DOHA of supporting", "stop X from attacking", "X WAS ARRESTED for refusing", "X was involved in"
            return [resolve(t) for t in conjuncts(obj)]
        return subject_heads(gov.head, object_control, depth + 1)
    infinitive = any(c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children)
    if dep in ("acl", "xcomp") and infinitive and gov.pos_ in NOMINAL | {"ADJ"} and gov.head.pos_ in VERBAL:
        return subject_heads(gov.head, object_control, depth + 1)  # "announced PLANS to sell"
    if dep == "acl" and (verb.tag_ == "VBG" or direct_object(verb) is not None):
        issuer = gov.head if gov.dep_ == "dobj" and gov.lemma_.lower() in DOCUMENT_NOUNS else None
        if issuer is not None and issuer.pos_ in VERBAL:
            return subject_heads(issuer, object_control, depth + 1)  # "X issued a STATEMENT demanding"
        return [gov]
    return agents(verb)


def _stray_subject(verb: Token) -> Token | None:
    """A pronoun before a verb without a subject that the parser left unattached ("since BOTH joined forces")."""
    if passive_subject(verb) is not None:
        return None
    return next((c for c in verb.children if c.dep_ == "dep" and c.pos_ == "PRON" and c.i < verb.i), None)


def _passive(verb: Token) -> bool:
    return any(c.dep_ == "auxpass" for c in verb.children)


def raised_patient(verb: Token) -> list[Token]:
    """The patient of a passive infinitive raised to its governor's subject: "12 protesters were reported TO BE
    WOUNDED" -> the protesters."""
    gov = verb.head
    if verb.dep_ != "xcomp" or not _passive(verb) or gov.pos_ not in VERBAL or passive_subject(gov) is None:
        return []
    return [resolve(t) for t in conjuncts(passive_subject(gov))]


def _elided_passive(verb: Token) -> bool:
    """'600 were killed and 5,000 INJURED': a bare participle coordinated with a passive has its
    patient, not its actor, as subject."""
    bare = verb.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)
    return bare and verb.dep_ == "conj" and passive_subject(verb.head) is not None


def headline_passive(verb: Token) -> bool:
    """'Brin reportedly ARRESTED after ...': a main clause's bare participle with a subject and no object, as
    headlines write the passive: the subject is the patient."""
    if verb.tag_ != "VBN" or verb.dep_ != "ROOT" or own_subject(verb) is None:
        return False
    return not any(c.dep_ in ("aux", "auxpass", "dobj", "dative", "ccomp", "xcomp") for c in verb.children)


def light_verb(noun: Token) -> Token | None:
    """The verb an event noun is the argument of: 'held TALKS' -> held, 'put under INVESTIGATION' -> put."""
    head = noun.head
    if noun.dep_ in ("dobj", "attr", "oprd", "nsubjpass", "dative") and head.pos_ in VERBAL:
        return head
    if noun.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ in VERBAL and head.lower_ not in ADJUNCT_PREPS:
        return head.head  # "engaged IN talks", "put UNDER investigation", not "recalled ... AFTER the attack"
    if noun.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in QUANTITY_NOUNS:
        return light_verb(head.head)  # "launched 10 days of war games"
    if noun.dep_ == "conj" and head.pos_ in NOMINAL:
        return light_verb(head)
    return None


def quantity_head(noun: Token) -> Token:
    """The phrase an event noun is counted in ("ten days of TALKS", "a round of talks"), or the noun."""
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lemma_.lower() in QUANTITY_NOUNS:
        return noun.head.head
    return noun


def definite(noun: Token) -> bool:
    """An event noun that refers back to an event told before: 'THE talks', 'the latest round of
    talks', 'this meeting'."""
    if noun.pos_ != "NOUN":
        return False
    head = quantity_head(noun)
    return any(c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "those") for c in head.children)


def affected(noun: Token) -> list[Token]:
    """What an event noun hits, told by a verb of affecting: its verb ('attacks have TARGETED the army',
    'the blast HIT a convoy'), its participle ('strikes TARGETING the port') or the participle on its light
    verb ('carried out strikes, TARGETING a base'); with the holder of a place hit ('a REBEL-held base')."""
    verb = noun.head
    if noun.dep_ == "nsubj" and verb.pos_ in VERBAL:
        obj = direct_object(verb) if verb.lemma_.lower() in AFFECT_VERBS else None
        return [h for t in (conjuncts(obj) if obj is not None else []) for h in [t, *holders(t)]]
    light = light_verb(noun)
    verbs = [c for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBG"]
    verbs += [c for c in light.children if c.dep_ == "advcl" and c.tag_ == "VBG" and own_subject(c) is None] \
        if light is not None else []  # fmt: skip
    objects = [direct_object(v) for v in verbs if v.lemma_.lower() in AFFECT_VERBS]
    # from a participle, a named target or the holder of a place: a description ('a Kurdish-led alliance') names no body
    return [h for obj in objects if obj is not None for t in conjuncts(obj)
            for h in [*([t] if t.pos_ == "PROPN" or t.ent_type_ in ACTOR_ENTS else []), *holders(t)]]


def holders(place: Token) -> list[Token]:
    """Who holds a place named with a participle of holding: 'a REBEL-held base', 'Varland-controlled areas',
    'facilities OPERATED BY X'."""
    glued = [d for c in place.children if c.dep_ == "amod" and c.tag_ == "VBN" and c.lemma_.lower() in HOLD_VERBS
             for d in c.children if d.dep_ in ("npadvmod", "compound", "nmod", "amod") and d.pos_ in NOMINAL | {"ADJ"}]
    return glued + [a for c in place.children if c.dep_ == "acl" and c.tag_ == "VBN" and c.lemma_.lower() in HOLD_VERBS
                    for a in agents(c)]


def agent_of_participle(tok: Token) -> bool:
    """Is the token the "by" agent of a participle on a noun ("the support provided BY X"), not of holding?"""
    head = tok
    while head.dep_ == "conj" and head.head is not head:
        head = head.head
    prep = head.head
    verb = prep.head
    return head.dep_ == "pobj" and prep.dep_ == "agent" and verb.dep_ == "acl" and verb.lemma_.lower() not in HOLD_VERBS


def parties_of(word: Token) -> list[Token]:
    """The parties a word names with 'between' or 'among' ('the truce agreed BETWEEN A and B')."""
    return [o for c in word.children if c.dep_ == "prep" and c.lower_ in ("between", "among")
            for p in objects_of(c) for o in conjuncts(p)]  # fmt: skip


def between(noun: Token) -> list[Token]:
    """The parties of 'talks between A and B', also when the noun is the subject of a verb that carries
    them ('fighting erupted between A and B'). When an aside after A ("A (the faction led by X)
    and B") made the parser hang B on the noun itself, B is still a party."""
    parties = [o for c in noun.children if c.dep_ == "prep" and c.lower_ in ("between", "among")
               for p in objects_of(c) for o in conjuncts(p)]  # fmt: skip
    if not parties and noun.dep_ in ("nsubj", "nsubjpass") and noun.head.pos_ in VERBAL:
        # "fighting broke out on Saturday between A and B": the verb carries the parties of its subject
        parties = [o for c in noun.head.children if c.dep_ == "prep" and c.lower_ in ("between", "among")
                   for p in objects_of(c) for o in conjuncts(p)]  # fmt: skip
    if not parties:  # "a truce AGREED between A and B", "talks HELD between A and B"
        parties = [o for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN" for o in parties_of(c)]
    if not parties and noun.dep_ == "nsubj" and noun.head.lemma_.lower() == "pit":
        parties = pitted(noun.head)
    if not parties and noun.dep_ == "nsubj" and noun.head.lemma_.lower() in EQUATIVE_VERBS:
        # "the talks MARK the first meeting between A and B": what it is said to be names its parties
        parties = [o for c in noun.head.children if c.dep_ in ("attr", "dobj") and c.pos_ == "NOUN"
                   for p in c.children if p.dep_ == "prep" and p.lower_ in ("between", "among")
                   for obj in objects_of(p) for o in conjuncts(obj)]  # fmt: skip
    if len(parties) == 1:
        parties += [c for c in noun.children if c.dep_ == "conj" and c.i > parties[0].i
                    and (c.ent_type_ in ACTOR_ENTS or c.pos_ == "PROPN")]  # fmt: skip
    return parties


def equated_doers(noun: Token) -> list[Token]:
    """Who did an act said to be one they did: "the raid was the largest operation [that] X HAS CARRIED OUT",
    "the attack was one of the biggest operations X had undertaken" -> X."""
    verb = noun.head
    if noun.dep_ != "nsubj" or verb.lemma_.lower() not in EQUATIVE_VERBS:
        return []
    said = [c for c in verb.children if c.dep_ == "attr"]
    said += [o for c in said if c.lemma_.lower() == "one" for p in c.children if p.dep_ == "prep" and p.lower_ == "of"
             for o in objects_of(p)]  # fmt: skip
    clauses = [r for c in said for r in c.children if r.dep_ == "relcl" and not _passive(r)
               and r.lemma_.lower() in DOING_VERBS]  # not "a violation that the UN CONDEMNED"
    return [resolve(t) for r in clauses for s in [own_subject(r)] if s is not None and s.tag_ not in RELATIVE_TAGS
            for t in conjuncts(s)]


def pitted(verb: Token) -> list[Token]:
    """The sides of "fighting has PITTED A against B": the object and the object of the first "against" in
    the clause (a parse may hang it inside the object's phrase)."""
    obj = direct_object(verb)
    against = next((t for t in verb.subtree if t.dep_ == "prep" and t.lower_ == "against"), None)
    if obj is None or against is None:
        return []
    return conjuncts(obj) + [o for p in objects_of(against) for o in conjuncts(p)]


# acts done to a person, whose name before them is who suffers them ("the Brin murder"), not who does them
HARMS_TO_PERSONS = frozenset({"murder", "assassination", "killing", "execution", "kidnapping", "abduction", "arrest",
                              "detention", "torture", "disappearance", "death", "imprisonment", "poisoning"})


def _harm_named_before(noun: Token) -> bool:
    """Is the noun a harm to a person whose sufferer, if named, is named before it (no "of" names one)?"""
    return noun.lemma_.lower() in HARMS_TO_PERSONS and not any(c.dep_ == "prep" and c.lower_ == "of"
                                                               for c in noun.children)


def sufferers(noun: Token) -> list[Token]:
    """Who suffers an act done to a person, named before it: "Brin's murder", "the Tomas Brin murder" (the last
    word of the name); [] for other nouns, and when an "of" names them ("Ostland's arrest OF journalists")."""
    if not _harm_named_before(noun):
        return []
    return [resolve(c) for c in noun.children if c.dep_ == "poss" or c.dep_ == "compound" and c.pos_ == "PROPN"
            and c.ent_type_ != "NORP"]


def noun_actor_heads(noun: Token, object_control: Callable[[str], bool], is_actor: Callable[[Token], bool], by_of: bool) -> list[Token]:
    """The actors of an event noun: 'Israel's raid', 'Israeli raids', 'raid by X', 'withdrawal of X'
    (``by_of``), else the subject of the light verb ('imposed SANCTIONS')."""
    # "Brin's murder", "the Brin murder": he is killed; "Ostland's arrest OF journalists": Ostland arrests
    victim, suffered = noun.lemma_.lower() in HARMS_TO_PERSONS, _harm_named_before(noun)
    poss = [resolve(c) for c in noun.children if c.dep_ == "poss" and is_actor(resolve(c)) and not suffered]
    if not poss and noun.dep_ == "conj" and noun.head.pos_ == "NOUN" and not any(
            c.dep_ in ("det", "poss") for c in noun.children):  # "X's aggression and BLOCKADE": X's blockade too
        poss = [resolve(c) for c in noun.head.children if c.dep_ == "poss" and is_actor(resolve(c))]
    if poss:
        return poss
    named = [c for c in noun.children if c.dep_ in ("amod", "compound", "nmod") and c.ent_type_ in ACTOR_ENTS
             and not (victim and c.ent_type_ != "NORP")]
    if not named:  # "a Varland drone attack": the name modifies the weapon that modifies the act
        named = [d for c in noun.children if c.dep_ == "compound" and c.pos_ == "NOUN" and not c.ent_type_
                 for d in c.children if d.dep_ in ("amod", "compound", "nmod") and d.ent_type_ in ACTOR_ENTS]
    if named:
        return named
    doers = [d for c in noun.children if c.dep_ == "amod" and c.lemma_.lower() in DOER_PARTICIPLES
             for d in c.children if d.dep_ in ("npadvmod", "compound", "nmod") and (d.ent_type_ in ACTOR_ENTS
                                                                                   or d.pos_ == "PROPN")]
    if doers:
        return doers  # "a Brigades-claimed attack", "the Varland-led offensive"
    claimant = _claimant(noun)
    if claimant is not None:
        return subject_heads(claimant, object_control)  # "X claimed responsibility for the ATTACK"
    verb = light_verb(noun)
    by = [o for c in noun.children if c.dep_ == "prep" and c.lower_ == "by" for p in objects_of(c) for o in conjuncts(p)]
    of = [o for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" and by_of
          for p in objects_of(c) for o in conjuncts(p)]  # fmt: skip
    if of and not by and verb is not None and verb.lemma_.lower() in DIRECTIVE_VERBS and own_subject(verb) is not None \
            and not any(t.ent_type_ in ACTOR_ENTS or t.pos_ in ("PROPN", "PRON") for o in of for t in phrase_tokens(o)):
        of = []  # "X ANNOUNCED the mobilization of militias": X mobilizes them
    if by or of:
        return [resolve(t) for t in by or of]
    if verb is not None and noun.dep_ != "nsubjpass":
        return subject_heads(verb, object_control)
    return []


ATTENDED_PREPS = frozenset({"during", "at", "after", "following", "on", "in", "for"})  # "signed it DURING the talks"
PARTS_OF_MEETING = frozenset({"end", "close", "conclusion", "start", "opening", "sideline", "sidelines", "margin",
                              "margins", "round", "session"})  # "at the END of the talks"


# nouns for who takes part in a meeting, which the words naming the meeting do not name
TAKERS_OF_PART = frozenset({"participant", "delegate", "delegation", "attendee", "member", "representative",
                            "negotiator", "mediator", "party"})


def attendee_heads(noun: Token, object_control: Callable[[str], bool], patients: bool = False) -> list[Token]:
    """Who took part in a meeting told as the setting of their act: the subject of the verb whose adjunct
    it is ("X and Y signed a memorandum DURING THE TALKS", "X spoke AT THE END OF THE TALKS"); with
    ``patients``, also who underwent it ("protesters were reported to be wounded IN THE DEMONSTRATIONS")."""
    node = noun
    for _ in range(2):
        prep = node.head
        if node.dep_ != "pobj" or prep.dep_ != "prep":
            return []
        if prep.lower_ == "of" and prep.head.lemma_.lower() in PARTS_OF_MEETING | QUANTITY_NOUNS:
            node = prep.head
            continue
        if prep.lower_ not in ATTENDED_PREPS:
            return []
        if prep.lower_ == "for" and prep.head.pos_ not in VERBAL and not looks_like_place(prep.head):
            return []  # "came to the village FOR talks", not "his vision FOR negotiations"
        if prep.head.lemma_.lower() in TAKERS_OF_PART:
            return []  # "the participants IN the talks" are not named: not whoever the sentence's verb has act
        verb = prep.head
        for _ in range(4):  # "signed a memorandum on SETTING up zones during the talks": the signer
            if patients and verb.pos_ in VERBAL and (raised_patient(verb) or passive_subject(verb) is not None):
                return raised_patient(verb) or conjuncts(passive_subject(verb))
            if verb.pos_ in VERBAL and subject_heads(verb, object_control):
                # a part of a meeting is no attendee: "the last ROUND of talks collapsed after months of talks"
                return [t for t in subject_heads(verb, object_control)
                        if t.lemma_.lower() not in QUANTITY_NOUNS | PARTS_OF_MEETING]
            if verb.head is verb:
                return []
            verb = verb.head
        return []
    return []


def _claimant(noun: Token) -> Token | None:
    """The verb of "claimed (the) responsibility for the attack", when the noun is what it is for."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ != "for" or prep.head.lemma_.lower() != "responsibility":
        return None
    verb = prep.head.head
    return verb if prep.head.dep_ == "dobj" and verb.lemma_.lower() in CLAIM_VERBS else None


def spoken_for(heads: list[Token]) -> list[Token]:
    """"The representatives of A and B signed": A and B act, through the people who speak for them."""
    out: list[Token] = []
    for tok in heads:
        of = [o for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for o in objects_of(c)]
        if tok.lemma_.lower() in SPOKESPEOPLE and of and of[0].pos_ in NOMINAL:
            out.extend(conjuncts(of[0]))
        else:
            out.append(tok)
    return out


def _prep_objects(head: Token, preps: frozenset[str], skip: frozenset[int]) -> Iterator[Token]:
    for c in head.children:
        if c.dep_ == "prep" and c.lower_ in preps and c.i not in skip:
            for p in objects_of(c):
                if p.i not in skip:
                    yield p


def recipient_heads(anchor: Token, path: frozenset[int], is_actor: Callable[[Token], bool], preps: frozenset[str],
                    skip: frozenset[int] = frozenset()) -> list[Token]:  # fmt: skip
    """Objects, passive subjects and prepositional objects of the anchor and of its pattern words
    (``path``); ``skip`` holds objects that are no recipients (what is given: "sent AID to X")."""
    found: list[Token] = []
    particles = [c for c in anchor.children if c.dep_ == "prt"]  # "kidnapped up to 16 advisers"
    for head in [anchor, *particles, *(anchor.doc[i] for i in sorted(path))]:
        if head.i in path and head.dep_ == "prep" and head.lower_ in preps:
            for p in objects_of(head):
                _take(p, found, is_actor)
        for c in head.children:
            if c.i in path | skip or c.dep_ not in ("dobj", "dative", "nsubjpass"):
                continue
            for obj in objects_of(c) if c.pos_ == "ADP" else [c]:  # "granted asylum TO three journalists"
                _take(obj, found, is_actor, passive=c.dep_ == "nsubjpass")
        for p in _prep_objects(head, preps if head is anchor else NOUN_PREPS, path):
            _take(p, found, is_actor)
    return found


def _take(tok: Token, found: list[Token], is_actor: Callable[[Token], bool], passive: bool = False) -> None:
    """An actor object, or the actors inside a non-actor one ('Serbia's suppression of X', 'aid to X')."""
    for t in conjuncts(tok):
        t = resolve(t)
        if t.lemma_.lower() == "behalf":
            continue  # "on behalf of X": X acts through the subject (principals), it is no recipient
        found.extend(h for h in holders(t) if is_actor(h))  # "attacked a REBEL-held base": the rebels too
        if t.pos_ == "NOUN" and t.ent_type_ not in ACTOR_ENTS:  # "concern about the support PROVIDED BY X"
            found.extend(x for verb in t.children if verb.dep_ == "acl" and verb.tag_ == "VBN"
                         for x in agents(verb) if x.pos_ != "PRON" and is_actor(x))  # fmt: skip
        if passive or is_actor(t):
            found.append(t)
            continue
        found.extend(c for c in t.children if c.dep_ in ("poss", "amod", "compound", "nmod") and c.ent_type_ in ACTOR_ENTS)
        found.extend(c for c in t.children if c.dep_ == "appos" and is_actor(c)  # "against the renegade, the X Front"
                     and "(" not in (c.left_edge.text, c.doc[c.left_edge.i - 1].text))  # not "(ACRONYM)", "(CITY)"
        for p in _prep_objects(t, INNER_PREPS, frozenset()):
            found.extend(x for x in conjuncts(p) if is_actor(x))


def complement_heads(anchor: Token) -> list[Token]:
    """The verb of the anchor's complement clause and its object ('threatened to deliver BLOWS')."""
    out = []
    for c in anchor.children:
        if c.dep_ in ("xcomp", "ccomp") and c.pos_ in VERBAL:
            out.append(c)
            out.extend(o for o in c.children if o.dep_ in ("dobj", "xcomp"))
    return out


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
    found = anchor.doc.user_data.get("according")
    if found is None:  # the doc's "according" tokens, found once (most texts have none)
        found = [t.i for t in anchor.doc if t.lower_ == "according"] if "ccording" in anchor.doc.text else []
        anchor.doc.user_data["according"] = found
    sent = anchor.sent if found else None
    for i in found:
        tok = anchor.doc[i]
        if sent is not None and sent.start <= i < sent.end:
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


def _adjunct(head: Token, child: Token, asides: bool) -> bool:
    """A time adjunct ('on Tuesday') or, with ``asides``, a modifier set off by a comma after the
    head ('Bashir, following the deal, ...')."""
    if child.ent_type_ in TIME_ENTS and child.dep_ == "npadvmod":
        return True
    if child.dep_ == "prep" and any(o.ent_type_ in TIME_ENTS for o in objects_of(child)):
        return True
    edge = child.left_edge.i
    return asides and child.i > head.i and edge > 0 and child.doc[edge - 1].text == ","


def depth(tok: Token) -> int:
    """Arcs from the token up to its sentence root."""
    return sum(1 for _ in tok.ancestors)


# ---------------------------------------------------------------------------------- coded phrases


def participants(heads: Iterable[Token], gazetteer: Gazetteer) -> tuple[Participant, ...]:
    out: list[Participant] = []
    seen: set[int] = set()
    first: Participant | None = None
    for tok in heads:
        if tok.i in seen:
            continue
        seen.add(tok.i)
        p = _participant(tok, gazetteer)
        bare = not any(c.dep_ in ("amod", "compound", "det", "poss") for c in tok.children)
        if first is not None and p.country is None and bare and tok.dep_ == "conj":
            p = replace(p, country=first.country, sector=p.sector or first.sector)
        first = first or p
        out.append(p)
        out.extend(_coordinated_modifiers(tok, gazetteer))
    return tuple(out)


def _participant(tok: Token, gazetteer: Gazetteer) -> Participant:
    span = phrase_span(tok)
    code = gazetteer.actor_code(span.text)
    country, sector = code.country, code.sector
    if country is None:
        wide = phrase_span(tok, frozenset({"relcl", "conj", "cc", "parataxis", "punct"}))
        country = gazetteer.country_of(wide.text)
    if country is None and tok.lemma_.lower() in ANAPHORIC_NOUNS and any(c.lower_ == "the" for c in tok.children):
        owner = antecedent(tok)  # "the country would not give arms"
        country = gazetteer.country_of(phrase_span(owner).text) if owner is not None else None
    if country is None:
        owner = next((resolve(c) for c in tok.children if c.dep_ == "poss" and c.pos_ == "PRON"), None)
        if owner is not None and owner.pos_ != "PRON":
            country = gazetteer.country_of(phrase_span(owner).text)
    return Participant(span.text, span.start_char, span.end_char, country, sector)


def _coordinated_modifiers(tok: Token, gazetteer: Gazetteer) -> list[Participant]:
    """'Sierra Leonean and Liberian refugees': one more participant per coordinated modifier."""
    out = []
    for mod in tok.children:
        if mod.dep_ not in ("amod", "compound", "nmod"):
            continue
        for other in mod.conjuncts:
            country = gazetteer.country_of(other.text)
            if country:
                out.append(Participant(f"{other.text} {tok.text}", other.idx, tok.idx + len(tok), country, None))
    return out


def is_actor(tok: Token, gazetteer: Gazetteer, event_noun: Callable[[str], bool]) -> bool:
    """Could the phrase headed by ``tok`` be an actor (a named or coded group or person)?"""
    if tok.pos_ == "PRON":
        return tok.lower_ in PERSONAL
    if tok.ent_type_ in ACTOR_ENTS or tok.pos_ == "PROPN" and not tok.ent_type_:
        return True  # a named entity, or a name the NER left untyped
    if tok.pos_ == "NOUN" and event_noun(tok.lemma_.lower()):
        return False  # an event, not a party to one: "hosted a MEETING between A and B"
    tokens = phrase_tokens(tok, preps=frozenset({"of"}))  # "roads IN ALGIERS" is no actor
    if any(t.ent_type_ in ACTOR_ENTS for t in tokens):
        return True
    code = gazetteer.actor_code(" ".join(t.text for t in tokens))
    return bool(code.country or code.sector)


def is_place(tok: Token, gazetteer: Gazetteer) -> bool:
    """Does the phrase headed by ``tok`` name a place: a place entity, a place noun, or a name
    (the head with its compounds) the gazetteer knows?"""
    if tok.pos_ == "PRON" or tok.ent_type_ in ("PERSON", "NORP", "ORG", "DATE", "TIME"):
        return False
    name = [c for c in tok.children if c.dep_ == "compound"] + [tok]
    return looks_like_place(tok) or gazetteer.country_of(" ".join(t.text for t in name)) is not None
