"""The records of a brief: citations to one sentence of one document, lines that end with citations,
sections, and the brief itself with its Markdown, HTML and JSON forms."""
from __future__ import annotations

from dataclasses import asdict, dataclass
from html import escape


@dataclass(frozen=True)
class Citation:
    """[n]: sentence ``sentence`` (0-based) of document ``doc``, characters ``start``–``end`` of its text."""

    n: int
    doc: str
    sentence: int | None
    start: int
    end: int
    text: str
    title: str | None
    outlet: str | None
    published: str | None


@dataclass(frozen=True)
class Line:
    """One sentence of the brief; ``cites`` are citation numbers; ``flag`` marks a disagreement; ``parties`` are
    the entities the line names, each of which every cited sentence mentions."""

    text: str
    cites: tuple[int, ...]
    flag: str | None = None
    parties: tuple[str, ...] = ()


@dataclass(frozen=True)
class Section:
    title: str
    lines: tuple[Line, ...]
    empty: str = ""  # what to say (a note, not a claim) when there are no lines


@dataclass(frozen=True)
class Brief:
    kind: str  # "actor" or "story"
    subject: str  # entity or story id
    title: str
    as_of: str | None
    sections: tuple[Section, ...]
    citations: tuple[Citation, ...]

    def as_dict(self) -> dict:
        return asdict(self)

    def to_markdown(self) -> str:
        head = f"# Brief: {self.title}\n\n{self.kind} `{self.subject}`" + (f", as of {self.as_of}" if self.as_of else "")
        parts = [head + ". Every sentence cites its sources below: [n] is a document and a sentence of it.\n"]
        for s in self.sections:
            parts.append(f"## {s.title}\n")
            if not s.lines:
                parts.append(f"_{s.empty}_\n")
            for line in s.lines:
                flag = f"**⚠ {line.flag}:** " if line.flag else ""
                parts.append(f"- {flag}{line.text} {_marks(line.cites)}")
            parts.append("")
        parts.append("## Sources\n")
        for c in self.citations:
            where = ", ".join(x for x in (c.outlet, c.published) if x)
            parts.append(f"[{c.n}] {c.title or '(untitled)'}{' — ' + where if where else ''}; document {c.doc}, "
                         f"sentence {_sentence_no(c)}: “{_one_line(c.text)}”")
        return "\n".join(parts) + "\n"

    def to_html(self) -> str:
        """A standalone page (no script, no external resource); every value escaped."""
        body = [f"<h1>Brief: {escape(self.title)}</h1>",
                f"<p>{escape(self.kind)} <code>{escape(self.subject)}</code>"
                + (f", as of {escape(self.as_of)}" if self.as_of else "") + "</p>"]
        for s in self.sections:
            body.append(f"<h2>{escape(s.title)}</h2>")
            if not s.lines:
                body.append(f"<p><em>{escape(s.empty)}</em></p>")
                continue
            body.append("<ul>")
            for line in s.lines:
                flag = f"<strong>⚠ {escape(line.flag)}:</strong> " if line.flag else ""
                cites = " ".join(f'<a href="#c{n}">[{n}]</a>' for n in line.cites)
                body.append(f"<li>{flag}{escape(line.text)} {cites}</li>")
            body.append("</ul>")
        body.append("<h2>Sources</h2><ol>")
        for c in self.citations:
            where = ", ".join(x for x in (c.outlet, c.published) if x)
            body.append(f'<li id="c{c.n}" value="{c.n}">{escape(c.title or "(untitled)")}'
                        f'{" — " + escape(where) if where else ""}; document <code>{escape(c.doc)}</code>, sentence '
                        f'{_sentence_no(c)}: “{escape(_one_line(c.text))}”</li>')
        body.append("</ol>")
        return ('<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Brief: '
                f'{escape(self.title)}</title></head><body>' + "\n".join(body) + "</body></html>\n")


def _marks(cites: tuple[int, ...]) -> str:
    return "".join(f"[{n}]" for n in cites)


def _sentence_no(c: Citation) -> str:
    return str(c.sentence + 1) if c.sentence is not None else "?"


def _one_line(text: str) -> str:
    return " ".join(text.split())
