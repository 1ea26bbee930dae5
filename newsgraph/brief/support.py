"""Which stored sentences support a line of a brief, checked against the store's mention spans and coded reports.

A line names parties (an event's actors, recipients and place; a relation's two sides). A cited sentence supports
the line only when it names each party itself, in the role the line gives it:

- an event report supports "TYPE by A towards B in C" when its sentence holds the report's trigger, the report is
  of that type and modality, and its own coded phrases name A as an actor, B as a recipient and C as the place:
  a mention linked to the entity heads the phrase or modifies it before its head ("Varlandian and Osterian chiefs of
  staff"), or a person named in apposition right after it ("the leader of X, Field Marshal Y"). A mention inside
  a post-modifier ("militants based in Varland", "the president of X") does not name the phrase; a state stands for
  a phrase only when the phrase is its name or one of its organs (government, armed forces, police, parliament,
  courts: "Varlandian groups" and "a Varlandian officer" are not Varland); a possessor names only its own men or government ("X's forces", not
  "X's ally"); a place told as the possessor of a clash or protest with no one on the
  other end ("Varland's armed clashes") is where it happened, not who did it;
- a relation's evidence sentence supports it when it mentions both sides, and, for a relation an event implies,
  when a report of that type in the sentence names both sides as above.

Only the mention spans the store links to entities are used, never the names' strings.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from newsgraph.api import EntityIndex, Graph, sentence_at

__all__ = ["Support"]

STATE_ORGANS = frozenset({"GOV", "MIL", "COP", "LEG", "JUD", "SPY"})  # the sectors a state acts through
PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
ROLES = ("actors", "recipients")
# a clash or a protest "of" a place with no one on the other end happens there ("Varland's armed clashes")
PLACE_POSSESSED = frozenset({"ASSAULT", "PROTEST"})
_POST_MODIFIER = re.compile(
    r"\b(?:of|in|from|based|at|near|inside|across|within|for|by|on|to|against|with|between|among|outside|around|into"
    r"|who|which|that|whose|where|led|backed|loyal|allied|linked|affiliated)\b")
_APPOSITION = re.compile(r"\s*(?:\([^()]{1,20}\)\s*)?[,–—-]\s*(?:[A-Z][\w.’'-]*\s+){0,4}")
_POSSESSIVE_BEFORE = re.compile(r"[’']s?(?:\s+[a-z][\w-]*){0,3}\s+")
_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.I)
_SOME = re.compile(r"(?:a|an|one|some|several|few|many|two|three|four|five|dozens|hundreds)\s", re.I)  # some of them
_POSSESSOR = re.compile(r"[’']s?\b")
# what a possessor commands, so that "X's forces" are X's side (and "X's ally" is someone else)
_ARMED = frozenset({"army", "armies", "force", "forces", "troops", "soldiers", "fighters", "militia", "militias", "men",
                    "units", "loyalists", "government", "administration", "cabinet", "ministry", "aircraft", "jets",
                    "navy", "police", "guards", "guard", "officials", "envoy", "envoys", "delegation", "office"})
_APPOSITION_REACH = 60


class Support:
    """The coded reports, linked mentions and sentences of the documents a brief cites, read once per document."""

    def __init__(self, g: Graph, index: EntityIndex):
        self.g = g
        self.index = index
        self._reports: dict[str, list[dict]] = {}
        self._mentions: dict[str, list[dict]] = {}
        self._sentences: dict[str, list[dict]] = {}
        self._texts: dict[str, str] = {}
        self._times: dict[tuple[str, int], str | None] = {}

    def load(self, doc_ids: Iterable[str]) -> None:
        missing = sorted({d for d in doc_ids if d not in self._texts})
        if not missing:
            return
        docs = self.g.documents_by_id(missing)
        sentences = self.g.sentences_by_doc(missing)
        mentions = self.g.linked_mentions(missing)
        reports: dict[str, list[dict]] = {}
        for r in self.g.report_roles(missing):
            reports.setdefault(r["doc"], []).append(r)
        for r in self.g.report_details(missing):
            self._times.setdefault((r["doc"], r["trigger_start"]), r["time_text"])
        for d in missing:
            self._texts[d] = (docs.get(d) or {}).get("text") or ""
            self._sentences[d] = sentences.get(d, [])
            self._mentions[d] = mentions.get(d, [])
            self._reports[d] = reports.get(d, [])

    # ------------------------------------------------------------------------------------------------ sentences
    def sentence(self, doc: str, offset: int) -> tuple[int, int] | None:
        """The (start, end) of the stored sentence holding ``offset``."""
        if doc not in self._texts:
            self.load([doc])
        s = sentence_at(self._sentences[doc], offset)
        return (s["start"], s["end"]) if s and s["start"] <= offset < s["end"] else None

    def mentions_in(self, doc: str, start: int, end: int, entity: str) -> list[dict]:
        """The mentions of ``entity`` inside characters [start, end) of a document."""
        if doc not in self._texts:
            self.load([doc])
        return [m for m in self._mentions[doc] if m["entity"] == entity and start <= m["start"] and m["end"] <= end]

    def names_all(self, doc: str, offset: int, entities: Sequence[str]) -> bool:
        """Does the sentence holding ``offset`` mention every one of ``entities``?"""
        s = self.sentence(doc, offset)
        return bool(s) and all(self.mentions_in(doc, s[0], s[1], e) for e in entities)

    # ------------------------------------------------------------------------------------------------ reports
    def report(self, doc: str, trigger_start: int | None, type_: str) -> dict | None:
        """The coded report of this document with this trigger and type."""
        if trigger_start is None:
            return None
        if doc not in self._texts:
            self.load([doc])
        return next((r for r in self._reports[doc] if r["trigger_start"] == trigger_start and r["type"] == type_), None)

    def time_text(self, report: dict) -> str | None:
        """The time expression the report is dated by (None when it is dated by none)."""
        return self._times.get((report["doc"], report["trigger_start"]))

    def reports_in(self, doc: str, offset: int, type_: str) -> list[dict]:
        """The coded reports of this type whose trigger is in the sentence holding ``offset``."""
        s = self.sentence(doc, offset)
        if not s:
            return []
        return [r for r in self._reports[doc] if r["type"] == type_ and s[0] <= r["trigger_start"] < s[1]]

    def parties(self, report: dict, actors: Sequence[str], recipients: Sequence[str],
                location: str | None) -> tuple[tuple[str, ...], tuple[str, ...], str | None]:
        """Which of these parties the report itself names in its sentence, in these roles."""
        doc = report["doc"]
        s = self.sentence(doc, report["trigger_start"])
        if not s:
            return (), (), None
        named_actors = tuple(a for a in actors if self._names(report, "actors", a, s))
        named_recipients = tuple(r for r in recipients if self._names(report, "recipients", r, s))
        place = location if location and self._locates(report, location, s) else None
        return named_actors, named_recipients, place

    def names_sides(self, report: dict, a: str, b: str) -> bool:
        """Does the report name both ``a`` and ``b`` among its parties (as actor or recipient)?"""
        s = self.sentence(report["doc"], report["trigger_start"])
        return bool(s) and all(any(self._names(report, role, x, s) for role in ROLES) for x in (a, b))

    def _names(self, report: dict, role: str, entity: str, sentence: tuple[int, int]) -> bool:
        doc, text = report["doc"], self._texts[report["doc"]]
        kind = (self.index.by_id.get(entity) or {}).get("type")
        for phrase in report[role] or []:
            p0, p1 = phrase.get("start"), phrase.get("end")
            if p0 is None or p1 is None or not (sentence[0] <= p0 and p1 <= sentence[1]):
                continue
            for m in self.mentions_in(doc, *sentence, entity):
                if m["start"] < p1 and p0 < m["end"]:  # inside the phrase: its head or a modifier before the head
                    if _POST_MODIFIER.search(text[p0:max(p0, m["start"])]):
                        continue
                    if not self._heads(text, m, p1):
                        continue
                    if kind in PLACE_TYPES and not self._state_phrase(phrase, text, m):
                        continue
                    if role == "actors" and kind in PLACE_TYPES and self._place_of_clash(report, text, m):
                        continue
                    return True
                if kind == "PERSON" and p1 <= m["start"] <= p1 + _APPOSITION_REACH \
                        and _APPOSITION.fullmatch(text, p1, m["start"]) and not _POSSESSOR.match(text, m["end"]):
                    return True  # "the leader of the army, Field Marshal X" (not "Osteria, X's ally")
        return False

    @staticmethod
    def _heads(text: str, m: dict, p1: int) -> bool:
        """A possessor names a phrase only when it possesses the phrase's armed men or its government ("Farouk's
        forces"), not another actor or a thing ("Farouk's main ally", "Varland's territorial integrity")."""
        owner = _POSSESSOR.match(text, m["end"])
        if not owner or owner.end() >= p1:
            return True
        words = re.findall(r"[\w-]+", text[owner.end():p1].lower())
        return bool(words) and words[-1] in _ARMED

    @staticmethod
    def _state_phrase(phrase: dict, text: str, m: dict) -> bool:
        """A place stands for a phrase that is its own name ("Varland", "the Varlandians") or one of its organs ("the
        Varlandian army"), not for some of its people ("a Varlandian officer", "several Varlandian soldiers")."""
        if _SOME.match(text, phrase["start"]):
            return False
        if phrase.get("sector") in STATE_ORGANS:
            return True
        bare = _ARTICLE.sub("", text[phrase["start"]:phrase["end"]].strip())
        name = text[m["start"]:m["end"]]
        return bare == name or bare.rstrip("’'s") == name

    @staticmethod
    def _place_of_clash(report: dict, text: str, m: dict) -> bool:
        """A place told as the possessor of a clash or a protest that falls on no one ("Varland's armed clashes")."""
        t = report["trigger_start"]
        return report["type"] in PLACE_POSSESSED and not report["recipients"] and m["end"] < t \
            and bool(_POSSESSIVE_BEFORE.fullmatch(text, m["end"], t))

    def _locates(self, report: dict, place: str, sentence: tuple[int, int]) -> bool:
        p0, p1 = report.get("location_start"), report.get("location_end")
        if p0 is None or p1 is None:
            return False
        return any(m["start"] < p1 and p0 < m["end"] for m in self.mentions_in(report["doc"], *sentence, place))
