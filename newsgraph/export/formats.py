"""Event and network formats analysts load: ACLED-style CSV, PLOVER JSON records, GraphML.

Public entry points: :func:`write_acled_csv`, :func:`write_plover_json`, :func:`write_graphml`.

- ``acled-csv``: one row per event in ACLED's column conventions. ``event_type`` and ``sub_event_type`` are
  mapped from the PLOVER type and mode (ASSAULT with heavy weapons or explosives → "Explosions/Remote
  violence"; other ASSAULT → "Battles", or "Violence against civilians" for abductions, executions,
  torture and beatings; PROTEST → "Protests" or "Riots"; an arrest → "Strategic developments"/"Arrests";
  an agreement → "Strategic developments"/"Agreement"; the rest "Strategic developments"/"Other").
  ``time_precision`` is ACLED's 1 (day), 2 (within a week) or 3 (within a month or less precise).
  ``inter1``/``inter2`` are ACLED's actor-type codes from the CAMEO-style sector (1 state forces, 2 rebel
  groups, 3 political militias, 6 protesters, 7 civilians, 8 external/other). ``notes`` is the first
  report's sentence; ``source_count`` the documents. Coordinates are the event place's (empty when it was
  not located), with ACLED's geo_precision 1 (town), 2 (region) or 3 (country).
- ``plover-json``: a JSON array of PLOVER event records: id, date (and its interval), event, mode,
  context, actor and recipient (names, ISO-3 countries, sectors), location, modality, quad class, CAMEO
  root, magnitude, sources and the reports' text.
- ``graphml``: actors as nodes (name, type, country, sector); relations as edges (kind, valid and
  reported interval, modality, weight = sources) and dyads as edges (month, the four counts, score,
  weight = events), all directed. Gephi, networkx and igraph read it.
"""
from __future__ import annotations

import csv
import json
import os
from xml.sax.saxutils import escape, quoteattr


from newsgraph.records import Time
from newsgraph.relate.dyads import quad_class
from newsgraph.resolve import country_name
from newsgraph.store import Store

__all__ = ["ACLED_COLUMNS", "write_acled_csv", "write_graphml", "write_plover_json"]

ACLED_COLUMNS = ("event_id_cnty", "event_date", "year", "time_precision", "event_type", "sub_event_type", "actor1",
                 "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "country", "iso", "admin1",
                 "location", "latitude", "longitude", "geo_precision", "source", "source_count", "notes",
                 "fatalities", "plover_type", "plover_mode", "modality")
_REMOTE = {"heavy-weapons", "explosives", "unconventional"}
_AGAINST_CIVILIANS = {"abduct", "execute", "torture", "beat", "cleansing", "assassinate"}
_GEO_PRECISION = {"city": 1, "admin1": 2, "country": 3}  # ACLED's geo_precision codes
_INTER = {"GOV": 1, "MIL": 1, "COP": 1, "JUD": 1, "LEG": 1, "REB": 2, "OPP": 3, "PTY": 3, "CVL": 7}


def _acled_type(type_: str, mode: str | None) -> tuple[str, str]:
    if type_ == "ASSAULT":
        if mode in _REMOTE:
            return "Explosions/Remote violence", "Shelling/artillery/missile attack" if mode == "heavy-weapons" \
                else "Remote explosive/landmine/IED"
        if mode in _AGAINST_CIVILIANS:
            return "Violence against civilians", "Abduction/forced disappearance" if mode == "abduct" else "Attack"
        return "Battles", "Armed clash"
    if type_ == "PROTEST":
        return ("Riots", "Violent demonstration") if mode == "riot" else ("Protests", "Peaceful protest")
    if type_ == "COERCE" and mode == "arrest":
        return "Strategic developments", "Arrests"
    if type_ == "AGREE":
        return "Strategic developments", "Agreement"
    return "Strategic developments", "Other"


def _time_precision(precision: str | None) -> int:
    return {"day": 1, "week": 2}.get(precision or "", 3)


def write_acled_csv(store: Store, path: str) -> str:
    """Every event as one ACLED-style row (see the module docstring)."""
    titles: dict[str, str] = {}
    ents = {e.id: e for e in store.entities_of_types()}
    places = store.places()
    with open(path + ".part", "w", encoding="utf-8", newline="") as f:
        out = csv.writer(f)
        out.writerow(ACLED_COLUMNS)
        for e in store.events():
            actors = [ents[a] for a in e.get("actors") or [] if a in ents]
            recipients = [ents[r] for r in e.get("recipients") or [] if r in ents]
            place = ents.get(e.get("location")) if e.get("location") else None
            geo = places.get(place.id) if place else None
            day = Time.of(e.get("time")).first_day
            event_type, sub_type = _acled_type(e["type"], e.get("mode"))
            country_of = (place or (actors[0] if actors else None))
            docs = sorted({m["doc"] for m in e.get("mentions") or []})
            missing = [d for d in docs if d not in titles]
            titles.update({d: t or "" for d, t in store.document_titles(missing).items()})
            dead = ((e.get("magnitude") or {}).get("dead") or {}).get("max")
            out.writerow([
                e["id"], day or "", day[:4] if day else "", _time_precision(e.get("time_precision")), event_type, sub_type,
                actors[0].name if actors else "", "; ".join(a.name for a in actors[1:]),
                _INTER.get(actors[0].sector, 8) if actors else "",
                recipients[0].name if recipients else "", "; ".join(r.name for r in recipients[1:]),
                _INTER.get(recipients[0].sector, 8) if recipients else "",
                country_name(country_of.country) if country_of and country_of.country else "", (country_of.country if country_of else None) or "",
                (geo.admin1 if geo else None) or "",
                place.name if place else "", geo.lat if geo else "", geo.lon if geo else "",
                _GEO_PRECISION.get(geo.precision, "") if geo else "",
                "; ".join(titles.get(d) or d for d in docs), e.get("sources") or len(docs),
                ((e.get("mentions") or [{}])[0].get("sentence") or "").replace("\n", " "),
                dead if dead is not None else 0, e["type"], e.get("mode") or "", e.get("modality") or ""])
    os.replace(path + ".part", path)
    return path


def write_plover_json(store: Store, path: str) -> str:
    """Every event as a PLOVER record, in one JSON array (see the module docstring)."""
    ents = {e.id: e for e in store.entities_of_types()}
    with open(path + ".part", "w", encoding="utf-8") as f:
        f.write("[")
        for k, e in enumerate(store.events()):
            t = e.get("time") or {}

            def party(ids: list[str]) -> list[dict]:
                return [{"name": ents[i].name, "id": i, "country": ents[i].country, "sector": ents[i].sector}
                        for i in ids if i in ents]

            record = {"id": e["id"], "date": Time.of(t).first_day, "date_value": t.get("value"),
                      "date_earliest": t.get("earliest"), "date_latest": t.get("latest"),
                      "date_precision": e.get("time_precision"), "event": e["type"], "mode": e.get("mode"),
                      "context": list(e.get("context") or []), "actor": party(e.get("actors") or []),
                      "recipient": party(e.get("recipients") or []),
                      "location": (party([e["location"]]) or [None])[0] if e.get("location") else None,
                      "modality": e.get("modality"), "quad_class": quad_class(e.get("cameo")), "cameo": e.get("cameo"),
                      "magnitude": e.get("magnitude"), "sources": e.get("sources"),
                      "text": [{"doc": m["doc"], "sentence": m.get("sentence"), "trigger": m.get("trigger")}
                               for m in e.get("mentions") or []]}
            f.write(("\n " if k == 0 else ",\n ") + json.dumps(record, ensure_ascii=False))
        f.write("\n]\n")
    os.replace(path + ".part", path)
    return path


def write_graphml(store: Store, path: str) -> str:
    """Actors and their relations and dyads as a directed GraphML graph (see the module docstring)."""
    relations = list(store.relations())
    dyads = store.dyads()
    used = {x for r in relations for x in (r["source"], r["target"])} | {x for d in dyads for x in (d.source, d.target)}
    entities = {e.id: e for e in store.entities_of_types() if e.id in used}
    node_keys = (("name", "string"), ("type", "string"), ("country", "string"), ("sector", "string"))
    edge_keys = (("edge", "string"), ("kind", "string"), ("valid_earliest", "string"), ("valid_latest", "string"),
                 ("reported_earliest", "string"), ("reported_latest", "string"), ("modality", "string"),
                 ("month", "string"), ("verbal_cooperation", "int"), ("material_cooperation", "int"),
                 ("verbal_conflict", "int"), ("material_conflict", "int"), ("score", "double"), ("weight", "double"))
    with open(path + ".part", "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n'
                '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n')
        for name, kind in node_keys:
            f.write(f'  <key id="{name}" for="node" attr.name="{name}" attr.type="{kind}"/>\n')
        for name, kind in edge_keys:
            f.write(f'  <key id="{name}" for="edge" attr.name="{name}" attr.type="{kind}"/>\n')
        f.write('  <graph id="newsgraph" edgedefault="directed">\n')
        for eid, e in sorted(entities.items()):
            f.write(f"    <node id={quoteattr(eid)}>" + _data(name=e.name, type=e.type, country=e.country,
                                                                  sector=e.sector) + "</node>\n")
        for r in relations:
            if r["source"] in entities and r["target"] in entities:
                f.write(f'    <edge id={quoteattr(r["id"])} source={quoteattr(r["source"])} target={quoteattr(r["target"])}>'
                        + _data(edge="relation", kind=r["kind"], valid_earliest=r["valid"]["earliest"],
                                valid_latest=r["valid"]["latest"], reported_earliest=r["reported"]["earliest"],
                                reported_latest=r["reported"]["latest"], modality=r["modality"], weight=r["sources"])
                        + "</edge>\n")
        for k, d in enumerate(dyads):
            if d.source in entities and d.target in entities:
                f.write(f'    <edge id="D{k}" source={quoteattr(d.source)} target={quoteattr(d.target)}>'
                        + _data(edge="dyad", month=d.month, verbal_cooperation=d.verbal_cooperation,
                                material_cooperation=d.material_cooperation, verbal_conflict=d.verbal_conflict,
                                material_conflict=d.material_conflict, score=d.score, weight=d.events) + "</edge>\n")
        f.write("  </graph>\n</graphml>\n")
    os.replace(path + ".part", path)
    return path


def _data(**values) -> str:
    return "".join(f'<data key="{k}">{escape(str(v))}</data>' for k, v in values.items() if v is not None)
