"""Relations that a sentence states outright, between two linked mentions of it.

Public entry point: :func:`stated_claims` (one document's :class:`RelationClaim` records).

The store keeps a document's text, sentence spans and linked mentions (not its parse), so the forms are read
from the words between and around two mentions of one sentence. Each form is a kind and a direction:

- a backer glued to a name: "Karst-backed rebels", "the Zarovia-aligned government" (supports), "Ostland-allied
  fighters" (allied_with), "the UN-mediated X" is not a relation between actors and is skipped;
- a passive or a relative clause: "X, backed by Y", "X, which is armed by Y", "forces loyal to Y";
- an active verb: "Y backs X", "Y has long funded X", "accused Y of arming X" (claimed: an accusation);
- an ally, rival or backer noun: "Y's ally X", "X, a close ally of Y", "a key Y ally", "allied with Y",
  "Y's rival X", "X, an enemy of Y", "X's backer Y", "Y's proxy X";
- fighting between two: "fighting between X and Y", "clashes between …" (opposes, both ways); "Y's
  offensive against X", "Y's war on X" (opposes);
- a person's force: "Y's self-styled X", where Y is a person and X an organisation (leads);
- a part: "Y's armed wing X", "X, a faction of Y" (member_of);
- mediation: "Y mediated between X and Z" (mediates).

Modality: a claim inside an accusation, an allegation or a report ("allegedly", "reportedly", "accused …
of") is claimed; a denial ("denied arming", "has not backed") is negated. Time: a relation said to hold
"since" a year holds from that year; a "former ally", one that "once backed" or held "until" a year has
ended by the report (``ended``); otherwise it held when the document was published.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from newsgraph.records import LinkedMention, RelateInput, RelationClaim, Span, Time
from newsgraph.resolve.local import CAMP_GROUP

__all__ = ["ACTOR_TYPES", "stated_claims"]

# Entity types that can stand in a relation: places (LOC, FAC) and groups named by a people (NORP) cannot.
ACTOR_TYPES = frozenset({"PERSON", "ORG", "GPE"})

_ADVERBS = (r"(?:(?:long|openly|heavily|largely|widely|reportedly|allegedly|also|strongly|militarily|financially|"
            r"covertly|secretly|publicly|still|now|once|previously|formerly|first|partly|directly|actively)\s+)*")
_BACK_PARTICIPLE = (r"(backed|supported|sponsored|funded|financed|armed|trained|equipped|bankrolled|installed|"
                    r"propped\s+up|formed|created|set\s+up|established)")
_BACK_VERB = (r"(backs|backed|back|supports|supported|support|sponsors|sponsored|funds|funded|fund|finances|financed|"
              r"finance|arms|armed|arm|bankrolls|bankrolled|props\s+up|propped\s+up|trains|trained|train|equips|"
              r"equipped|equip|supplies|supplied|supply)")
_BACK_GERUND = r"(backing|supporting|sponsoring|funding|financing|arming|bankrolling|training|equipping)"
_THE = r"(?:the\s+|its\s+|their\s+|his\s+|her\s+)?"
_POSS = r"['’]s?"

# Glued backer: "Karst-backed X" (between the backer's end and the target's start).
_GLUED = re.compile(r"[-‑–](backed|aligned|allied|supported|sponsored|funded|armed|trained|installed|linked|"
                    r"affiliated|loyal)\b", re.IGNORECASE)
_GLUED_KIND = {"aligned": "allied_with", "allied": "allied_with", "linked": "allied_with",
               "affiliated": "allied_with"}
_GLUED_CLAIMED = frozenset({"linked", "affiliated"})  # a link, not a stated alliance: hedged
# Words a glued backer may pass on its way to the name it modifies ("Karst-backed hill Velm rebels").
_NP_WORD = re.compile(r"^(?:[\s,]*(?:[A-Za-z’'-]+))*?\s*$")
_NP_BREAK = frozenset("""and or but of in on at from for with who which that whose to against near under over during
    after before by as is are was were has have had will would said says say told than while since""".split())

# Between a target and its source: "X, backed by Y", "X, which is armed by Y", "X (backed by Y)".
_BODY = (r"(?:government|administration|regime|authorities|forces|army|military|militias?|rebels|fighters|troops|"
         r"group|movement|coalition|council|party|faction)")
_PASSIVE = re.compile(r"^\s*(?:" + _BODY + r"\s*)?[,(—–-]?\s*(?:(?:which|who|that)\s+(?:is|are|was|were|has\s+been|"
                      r"have\s+been|had\s+been)\s+)?" + _ADVERBS + _BACK_PARTICIPLE
                      + r"\s+(?:since\s+(?:[A-Z][a-z]+\s+)?(?:19|20)\d\d\s+)?(?:both\s+)?by\s+" + _THE + r"$", re.IGNORECASE)
# A demonym before one of these names its state's organ ("the Karst-backed Ostlandic government"): the state acts.
_STATE_NOUN = re.compile(r"\s+(?:government|administration|regime|authorities|army|armed\s+forces|military|president|"
                         r"state|leadership)\b", re.IGNORECASE)
# "X, loyal to Y" / "forces loyal to Y" (the loyal one first).
_LOYAL = re.compile(r"^\s*[,(]?\s*(?:(?:which|who|that)\s+(?:is|are|was|were|remains?|remained)\s+)?" + _ADVERBS
                    + r"(loyal)\s+to\s+" + _THE + r"$", re.IGNORECASE)
# Between a source and its target: "Y backs X", "Y, which has long funded X", "Y has not armed X".
_ACTIVE = re.compile(r"^\s*(?:,\s*(?:which|who|that)\s+)?(?:(has|have|had|does|do|did)\s+)?(not\s+|never\s+)?"
                     + _ADVERBS + r"(?:(?:intervened|moved|stepped\s+in|continued|continues|began|begun|sought|helped)\s+to\s+)?"
                     + _BACK_VERB + r"\s+" + _THE + r"(?:(?:various|several|many|some|rival|local|allied)\s+)?$",
                     re.IGNORECASE)
# "accused Y of arming X", "Y is suspected of funding X"
_GERUND = re.compile(r"^\s+of\s+" + _ADVERBS + _BACK_GERUND + r"\s+" + _THE + r"$", re.IGNORECASE)
ACCUSING = re.compile(r"\b(accus\w*|suspect\w*|alleg\w*|blam\w*|charg\w*)\b[^.;]{0,40}$", re.IGNORECASE)
_DENYING = re.compile(r"\b(den(?:y|ies|ied|ying)|rejects?\s+claims?)\b", re.IGNORECASE)
_HEDGES = re.compile(r"\b(allegedly|reportedly|purportedly|accus\w*|alleg\w*|suspect\w*|claims?|claimed|rumou?r\w*)\b",
                     re.IGNORECASE)

_ALLY = r"(ally|allies|partner|partners|backer|backers|patron|sponsor|supporter|proxy|proxies|client|rival|rivals|" \
        r"adversary|adversaries|enemy|enemies|foe|foes|arch-?rival|arch-?enemy|nemesis|opponent|opponents|" \
        r"member|part|faction|branch|wing|arm|affiliate|offshoot|division|unit)"
_ALLY_KIND = {"ally": "allied_with", "allies": "allied_with", "partner": "allied_with", "partners": "allied_with",
              "backer": "backed_by", "backers": "backed_by", "patron": "backed_by", "sponsor": "backed_by",
              "supporter": "backed_by", "proxy": "proxy_of", "proxies": "proxy_of", "client": "proxy_of",
              **{noun: "part_of" for noun in ("member", "part", "faction", "branch", "wing", "arm", "affiliate",
                                              "offshoot", "division", "unit")}}
_FORMER = r"((?:former|erstwhile|onetime|one-time|ex-|old)\s*)?"
# "Y's (close) ally X" — the owner first.
_POSSESSIVE_NOUN = re.compile(r"^" + _POSS + r"\s+" + _FORMER + r"(?:[\w-]+\s+){0,2}?" + _ALLY + r"\s*,?\s*" + _THE + r"$",
                              re.IGNORECASE)
# "X, a close ally of Y", "X, the main backer of Y" — the described one first.
_APPOSITIVE = re.compile(r"^\s*[,(—–-]\s*(?:(?:who|which)\s+(?:is|are|was|were|has\s+been)\s+)?(?:a|an|the|its|his|their)\s+"
                         + _FORMER + r"(?:[\w-]+\s+){0,2}?" + _ALLY + r"\s+(?:of|to)\s+" + _THE + r"$", re.IGNORECASE)
# "X, a key Y ally" — the name between the article and the noun.
_APPOSITIVE_OPEN = re.compile(r"^\s*[,(—–-]\s*(?:(?:who|which)\s+(?:is|are|was|were)\s+)?(?:a|an|the)\s+"
                              + _FORMER + r"(?:[\w-]+\s+){0,2}?$", re.IGNORECASE)
_APPOSITIVE_CLOSE = re.compile(r"\s*[-‑–]?\s*" + _ALLY + r"\b", re.IGNORECASE)  # matched at a position: no ^
# "… Zarovian fighters known as the Free Legion": the name a demonym's noun phrase goes by
_KNOWN_AS = re.compile(r"^\s+(?:[\w-]+\s+){1,3}?(?:known\s+as|called|named|dubbed|of)\s+" + _THE + r"$", re.IGNORECASE)
_NAMED = re.compile(r"\s+(?:known\s+as|called|named|dubbed)\s+(?:the\s+)?$", re.IGNORECASE)
# "X has close ties with Y", "X, which enjoys strong relations with Y"
_TIES = re.compile(r"^\s*(?:,\s*(?:which|who)\s+)?(?:(?:has|have|had|enjoys?|enjoyed|maintains?|maintained|keeps?)\s+)?"
                   r"(close|strong|warm|deep|longstanding|long-standing|intimate|special)\s+(?:\w+\s+)?(?:ties|relations|"
                   r"relationship|links)\s+(?:with|to)\s+" + _THE + r"$", re.IGNORECASE)
# "The X forces, together with Y, …"
_TOGETHER = re.compile(r"^\s*,?\s*(?:(?:fighting|operating|acting)\s+)?(together|alongside|jointly)\s*(?:with\s+)?"
                       + _THE + r"$", re.IGNORECASE)
# "X, allied with Y", "X is aligned with Y"
_ALLIED = re.compile(r"^\s*(?:,\s*)?(?:(?:which|who|that)\s+)?(?:(?:is|are|was|were|has\s+been|have\s+been|remains?)\s+)?"
                     + _ADVERBS + r"(?:closely\s+)?(allied|aligned)\s+(?:with|to)\s+" + _THE + r"$", re.IGNORECASE)
# "fighting between X and Y"
_BETWEEN = re.compile(r"\b(fighting|fight|clashes|clash|war|conflict|rivalry|hostilities|battles?|feud|standoff|"
                      r"power\s+struggle|struggle|confrontation|skirmish(?:es)?)\s+(?:[\w-]+\s+){0,2}?between\s+" + _THE + r"$",
                      re.IGNORECASE)
_COORDINATION = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+)(?:the\s+)?")
_AND = re.compile(r"^\s*(?:,\s*)?and\s+" + _THE + r"$", re.IGNORECASE)
# "Y's offensive against X", "Y launched a war on X"
_AGAINST = re.compile(r"^(?:" + _POSS + r")?\s+(?:[\w-]+\s+){0,3}?(war|offensive|campaign|operation|fight|struggle|"
                      r"insurrection|rebellion|uprising|insurgency|crackdown|blockade|embargo|aggression)\s+"
                      r"(?:against|on)\s+" + _THE + r"$", re.IGNORECASE)
# "Y's self-styled X" (a person's force)
_LEADS = re.compile(r"^" + _POSS + r"\s+(?:(?:self-styled|self-proclaimed|so-called|own|loyal)\s+)?$", re.IGNORECASE)
_MEDIATES = re.compile(r"^\s+(?:(?:has|have|had)\s+)?" + _ADVERBS + r"(mediated|mediates|brokered|brokers|facilitated|"
                       r"hosted)\s+(?:(?:the\s+|indirect\s+|peace\s+|direct\s+)*(?:talks|negotiations|a\s+deal|"
                       r"an\s+agreement|a\s+truce|a\s+ceasefire)\s+)?between\s+" + _THE + r"$", re.IGNORECASE)
_SINCE = re.compile(r"\bsince\s+(?:(?:early|late|mid-?)\s*)?(?:[A-Z][a-z]+\s+)?((?:19|20)\d\d)\b")
_UNTIL = re.compile(r"\b(?:until|till|up\s+to)\s+(?:(?:early|late|mid-?)\s*)?(?:[A-Z][a-z]+\s+)?((?:19|20)\d\d)\b")
_ONCE = re.compile(r"\b(once|formerly|previously|used\s+to|no\s+longer|former|erstwhile|onetime|one-time|ex-)\b",
                   re.IGNORECASE)
_LOCATIVE = re.compile(r"\b(in|at|from|near|across|throughout|inside|into|outside|around)\s+(?:the\s+)?$", re.IGNORECASE)
_WINDOW = 80  # characters of sentence read before a mention (hedges) and after a claim (since / until)


def stated_claims(doc: RelateInput) -> list[RelationClaim]:
    """The relations the sentences of ``doc`` state between its linked mentions (see the module docstring)."""
    out: list[RelationClaim] = []
    mentions = [m for m in doc.mentions if m.type in ACTOR_TYPES]
    for start, end in doc.sentences:
        inside = [m for m in mentions if start <= m.start and m.end <= end]
        if len(inside) >= 2:
            out.extend(_sentence_claims(doc, start, end, inside))
    out.extend(_named_camps(doc, mentions))
    return out


def _named_camps(doc: RelateInput, mentions: list[LinkedMention]) -> Iterator[RelationClaim]:
    """"anti-X militias" oppose X, "pro-X forces" support X, X being the actor the document names so."""
    for m in mentions:
        g = CAMP_GROUP.fullmatch(doc.text, m.start, m.end)
        if not g:
            continue
        named = g.group("named").lower()
        owners = Counter(x.entity for x in mentions if x.entity != m.entity and (
            doc.text[x.start:x.end].lower() == named or doc.text[x.start:x.end].lower().split()[-1:] == [named]))
        if owners:
            target = owners.most_common(1)[0][0]
            anti = doc.text[m.start:m.start + 4].lower() == "anti"
            s_start, s_end = next(((a, b) for a, b in doc.sentences if a <= m.start < b), (m.start, m.end))
            yield RelationClaim(kind="opposes" if anti else "supports", source=m.entity, target=target,
                                modality="asserted", valid=_valid_time(doc.published, "", "", False),
                                reported=doc.published, cue="anti- (name)" if anti else "pro- (name)",
                                span=Span(doc.doc, s_start, s_end))


def _sentence_claims(doc: RelateInput, s_start: int, s_end: int, ms: list[LinkedMention]) -> Iterator[RelationClaim]:
    text = doc.text
    for i, a in enumerate(ms):
        before = text[max(s_start, a.start - _WINDOW):a.start]
        if _LOCATIVE.search(before):
            continue  # "in Ostland, …": a place, not a party
        for j in range(i + 1, min(i + 4, len(ms))):
            b = ms[j]
            if b.entity == a.entity:
                continue
            gap = text[a.end:b.start]
            found = _pair_forms(text, a, b, gap, ms[j + 1] if j + 1 < len(ms) else None, before, s_end)
            if found:
                partners = _coordinated(text, ms, i, s_start)
                for kind, source, target, cue, hedge in found:
                    yield _claim(doc, kind, source, target, cue, hedge, s_start, s_end, a, b)
                    if source == a.entity and not cue.endswith("between"):
                        for z in partners:  # "Karst and Zarovia, which support X": both do
                            yield _claim(doc, kind, z.entity, target, cue, hedge, s_start, s_end, z, b)
                break  # the nearest name that a form links; farther ones are another clause's


def _pair_forms(text: str, a: LinkedMention, b: LinkedMention, gap: str, c: LinkedMention | None, before: str,
                s_end: int) -> list[tuple[str, str, str, str, str | None]]:
    """(kind, source, target, cue, hedge) for the forms that link mentions ``a`` then ``b``."""
    glued = _GLUED.match(gap)
    if glued:
        rest = _NAMED.sub(" ", gap[glued.end():])  # "… fighters known as the Free Legion": the name is the target
        if not _plain_noun_phrase(rest):
            return []
        if b.label == "NORP" and b.type == "GPE" and not _STATE_NOUN.match(text, b.end):
            # "Karst-backed Zarovian fighters": the fighters are backed, not Zarovia
            if c is None or not _KNOWN_AS.match(text[b.end:c.start]):
                return []
            b = c  # "… Zarovian fighters known as the Free Legion"
        cue = glued.group(1).lower()
        if cue == "loyal":
            return [("supports", b.entity, a.entity, "-loyal", None)]
        kind = _GLUED_KIND.get(cue, "supports")
        return [(kind, a.entity, b.entity, f"-{cue}", "claimed" if cue in _GLUED_CLAIMED else None)]
    if m := _PASSIVE.match(gap):
        return [("supports", b.entity, a.entity, f"{m.group(1).lower()} by", None)]
    if _LOYAL.match(gap):
        return [("supports", a.entity, b.entity, "loyal to", None)]
    if m := _ACTIVE.match(gap):
        hedge = "negated" if m.group(2) else None
        return [("supports", a.entity, b.entity, m.group(3).lower(), hedge)]
    if (m := _GERUND.match(gap)) and ACCUSING.search(before):
        return [("supports", a.entity, b.entity, f"accused of {m.group(1).lower()}", "claimed")]
    if m := _POSSESSIVE_NOUN.match(gap):
        return _noun_relation(m.group(2).lower(), owner=a.entity, other=b.entity, former=bool(m.group(1)))
    if m := _APPOSITIVE.match(gap):
        return _noun_relation(m.group(2).lower(), owner=b.entity, other=a.entity, former=bool(m.group(1)))
    if (m := _APPOSITIVE_OPEN.match(gap)) and (close := _APPOSITIVE_CLOSE.match(text, b.end, s_end)):
        return _noun_relation(close.group(1).lower(), owner=b.entity, other=a.entity, former=bool(m.group(1)))
    if m := _TIES.match(gap):
        return [("allied_with", a.entity, b.entity, m.group(1).lower() + " ties", None)]
    if m := _TOGETHER.match(gap):
        return [("allied_with", a.entity, b.entity, m.group(1).lower() + " with", None)]
    if m := _ALLIED.match(gap):
        return [("allied_with", a.entity, b.entity, m.group(1).lower() + " with", None)]
    if _AND.match(gap) and (m := _BETWEEN.search(before)):
        cue = m.group(1).lower() + " between"
        return [("opposes", a.entity, b.entity, cue, None), ("opposes", b.entity, a.entity, cue, None)]
    if m := _AGAINST.match(gap):
        noun = m.group(1).lower()
        kind = "sanctions" if noun in ("blockade", "embargo") else "opposes"  # a measure, not enmity
        return [(kind, a.entity, b.entity, noun + " against", None)]
    if (m := _MEDIATES.match(gap)) and c is not None and _AND.match(text[b.end:c.start]):
        cue = m.group(1).lower() + " between"
        return [("mediates", a.entity, b.entity, cue, None), ("mediates", a.entity, c.entity, cue, None)]
    if a.type == "PERSON" and b.type == "ORG" and _LEADS.match(gap):
        return [("leads", a.entity, b.entity, "'s", None)]
    return []


def _coordinated(text: str, ms: list[LinkedMention], i: int, s_start: int) -> list[LinkedMention]:
    """The names coordinated before mention ``i`` ("A, B and C"): they share its clause."""
    out: list[LinkedMention] = []
    k, start = i - 1, ms[i].start
    while k >= 0 and ms[k].start >= s_start and _COORDINATION.fullmatch(text[ms[k].end:start]):
        out.append(ms[k])
        start = ms[k].start
        k -= 1
    return out


def _noun_relation(noun: str, owner: str, other: str, former: bool) -> list[tuple[str, str, str, str, str | None]]:
    """'owner's NOUN other': an ally is mutual; a backer backs the owner; a proxy is backed by the owner; a
    rival or an enemy is mutual opposition."""
    kind = _ALLY_KIND.get(noun.replace("-", ""), "opposes")
    cue = ("former " if former else "") + noun
    hedge = "ended" if former else None
    if kind == "backed_by":
        return [("supports", other, owner, cue, hedge)]
    if kind == "proxy_of":
        return [("supports", owner, other, cue, hedge)]
    if kind == "part_of":  # "Y's armed wing X", "X, a faction of Y"
        return [("member_of", other, owner, cue, hedge)]
    return [(kind, owner, other, cue, hedge), (kind, other, owner, cue, hedge)]


def _plain_noun_phrase(rest: str) -> bool:
    """The words between a glued backer and the next name are the noun phrase's (no clause break)."""
    words = re.findall(r"[A-Za-z’'-]+|[^\sA-Za-z’'-]", rest)
    return len(words) <= 5 and all(w.lower() not in _NP_BREAK and w not in ".;:!?()\"“”" for w in words)


def _claim(doc: RelateInput, kind: str, source: str, target: str, cue: str, hedge: str | None, s_start: int,
           s_end: int, a: LinkedMention, b: LinkedMention) -> RelationClaim:
    text = doc.text
    sentence = text[s_start:s_end]
    before = text[max(s_start, a.start - _WINDOW):a.start]
    between = text[a.end:b.start]
    after = text[b.end:min(s_end, b.end + _WINDOW)]
    modality = "asserted"
    if hedge == "negated" or _DENYING.search(before):
        modality = "negated"
    elif hedge == "claimed" or _HEDGES.search(before) or _HEDGES.search(between):
        modality = "claimed"
    ended = hedge == "ended" or bool(_ONCE.search(before[-30:] + " " + between)) or bool(_UNTIL.search(after))
    valid = _valid_time(doc.published, after, between, ended)
    return RelationClaim(kind=kind, source=source, target=target, modality=modality, valid=valid,
                         reported=doc.published, cue=cue, span=Span(doc.doc, s_start, s_start + len(sentence.rstrip())),
                         ended=ended)


def _valid_time(published: Time, after: str, between: str, ended: bool) -> Time:
    """When the stated relation held: from a "since" year (else unknown) to the report; ended by an "until"
    year, or by the report for a "former" one."""
    day = published.value if published.value and len(published.value) == 10 else None
    lo, hi = (day, day) if day else (published.earliest, published.latest)
    text = None
    if m := _SINCE.search(between + " " + after):
        lo, text = f"{m.group(1)}-01-01", m.group(0)
    if m := _UNTIL.search(after):
        return Time(earliest=None, latest=f"{m.group(1)}-12-31", text=m.group(0))
    if ended:
        return Time(earliest=None, latest=hi, text="former")
    return Time(earliest=lo, latest=hi, text=text)
