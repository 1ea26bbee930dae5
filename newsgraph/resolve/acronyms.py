"""Acronyms a text defines: "Desert Brigade (DB)" → {"DB": "Desert Brigade"}; the long form is the shortest
run of words before the brackets whose initials spell the acronym, or whose words give its letters in order,
each word opening with one ("Intergovernmental Authority on Development (IGAD)")."""
from __future__ import annotations

import re

_CAP_WORD = r"[A-Z][\w'’.-]*"
_ACRONYM_DEF = re.compile(
    rf"((?:{_CAP_WORD})(?:\s+(?:of|for|and|the|on|in|de|al|el|{_CAP_WORD})){{0,9}})\s*\(\s*([A-Z][A-Za-z.&]{{1,9}})\s*\)")
_SMALL_WORDS = frozenset({"of", "for", "and", "the", "on", "in", "de", "al", "el"})


def acronym_definitions(text: str) -> dict[str, str]:
    """Acronyms the text defines: "Desert Brigade (DB)" → {"DB": "Desert Brigade"}."""
    found: dict[str, str] = {}
    for m in _ACRONYM_DEF.finditer(text):
        words, acronym = m.group(1).split(), m.group(2)
        letters = "".join(ch for ch in acronym if ch.isupper())
        long_form = _long_form(words, letters)
        if long_form and acronym not in found:
            found[acronym] = long_form
    return found


def _long_form(words: list[str], letters: str) -> str | None:
    """The shortest tail of ``words`` whose capitalised initials spell ``letters``, else one that spells them
    with letters inside its words ("Intergovernmental Authority on Development (IGAD)")."""
    return _initials_form(words, letters) or _letters_form(words, letters)


def _letters_form(words: list[str], letters: str) -> str | None:
    """The shortest tail of at most len(letters) words each of whose words (but function words) opens with the
    next letter of the acronym and may hold the letters after it ("Intergovernmental Authority on Development"
    for IGAD)."""
    for start in range(len(words) - 2, max(-1, len(words) - len(letters) - 1), -1):
        tail = words[start:]
        if tail[0].lower() in _SMALL_WORDS:
            continue
        content = [w.lower() for w in tail if w.lower() not in _SMALL_WORDS]
        if len(content) <= len(letters) and _spells(content, letters.lower()):
            return " ".join(tail)
    return None


def _spells(words: list[str], letters: str) -> bool:
    """Can the letters be shared out in order, each word taking its first letter and maybe more from within?"""
    if not words:
        return not letters
    if not letters or words[0][0] != letters[0]:
        return False
    for n in range(1, len(letters) - len(words) + 2):
        if _subsequence(letters[1:n], words[0][1:]) and _spells(words[1:], letters[n:]):
            return True
    return False


def _subsequence(part: str, word: str) -> bool:
    it = iter(word)
    return all(ch in it for ch in part)


def _initials_form(words: list[str], letters: str) -> str | None:
    """The shortest tail of ``words`` whose capitalised initials spell ``letters``."""
    for start in range(len(words) - 1, -1, -1):
        tail = words[start:]
        if tail[0].lower() in _SMALL_WORDS:
            continue
        initials = "".join(w[0] for w in tail if w.lower() not in _SMALL_WORDS)
        if initials.upper() == letters.upper() and len(tail) > 1:
            return " ".join(tail)
        if len(initials) > len(letters):
            return None
    return None
