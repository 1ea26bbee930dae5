"""Cited briefs of an actor or a story: extractive, deterministic, every sentence ending with citations [n]
to a document and a sentence of it. Entry point: :func:`build_brief`."""
from newsgraph.brief.build import build_brief
from newsgraph.brief.model import Brief, Citation, Line, Section

__all__ = ["Brief", "Citation", "Line", "Section", "build_brief"]
