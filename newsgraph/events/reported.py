"""A document with no publication day of its own reported something that other documents date: it was
published on or after that day.

Public entry point: :func:`bound_undated_documents` (run after reports are merged into events).

An undated report merged into an asserted event (one that happened: a plan is reported before it happens)
whose time the dated reports give (a day, or an interval's first
day) gets that day as a lower bound on its publication ("reported-happening"), never a day: the article
may be a later analysis. An event dated after all the reports that date it is taken for a plan. A bound
is only taken when it stays under the document's own upper bound, and the
latest such bound is kept; each is listed in the document's publication candidates with the event it
came from. Dated documents are never changed.
"""
from __future__ import annotations

from collections.abc import Sequence

from newsgraph.records import Time
from newsgraph.store import Store

__all__ = ["bound_undated_documents"]

def bound_undated_documents(store: Store, events: Sequence[str] | None = None) -> int:
    """Bound the publication of undated documents by the dated events they report; returns how many.
    ``events``: read only these events (`add`: those written since the last run), and raise a bound an
    earlier run set, never lower it."""
    published = store.publication_times(own=True)  # without the bounds of an earlier run
    undated = {d for d, t in published.items() if not t.value and not t.earliest}
    bounded = {d: t.earliest for d, t in store.publication_times().items() if d in undated and t.earliest} \
        if events is not None else {}
    best: dict[str, tuple[str, str]] = {}
    for event in store.asserted_event_reports() if events is None else store.events_by_id(list(events)).values():
        if event.get("modality") != "asserted":
            continue  # a plan, an offer or a claim is reported before it happens, if ever
        docs = {m["doc"] for m in event.get("mentions") or []}
        dated = {d for d in docs if d in published and published[d].value}
        day = Time.of(event.get("time")).low
        if not day or not dated or day > max(published[d].value for d in dated)[:10]:
            continue  # dated after every report that dates it: a plan told as done, not a happening
        for doc in docs & undated:
            latest = published[doc].latest
            if (latest is None or day <= latest) and (doc not in best or day > best[doc][0]) \
                    and day > bounded.get(doc, ""):
                best[doc] = (day, f"reported-happening {day} (event {event['id']}, dated by {len(dated)} document(s))")
    store.bound_publications([(doc, day, why) for doc, (day, why) in sorted(best.items())])
    return len(best)
