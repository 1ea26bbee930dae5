"""The store's schema as numbered migrations. A store records its version; opening it applies the rest."""
from __future__ import annotations

MIGRATIONS: list[tuple[int, tuple[str, ...]]] = [
    (1, (
        "CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)",
        """CREATE TABLE documents (
            id VARCHAR PRIMARY KEY, seq BIGINT, source VARCHAR, title VARCHAR, outlet VARCHAR, author VARCHAR,
            url VARCHAR, credit VARCHAR, captions VARCHAR[], published_value VARCHAR, published_earliest VARCHAR,
            published_latest VARCHAR, published_text VARCHAR, published_basis VARCHAR, text VARCHAR,
            removed VARCHAR[], removed_reasons VARCHAR[], duplicate_of VARCHAR, story VARCHAR, fmt VARCHAR)""",
        "CREATE TABLE sources (source VARCHAR, doc VARCHAR)",
        "CREATE TABLE signatures (doc VARCHAR, minhash UBIGINT[])",
        "CREATE TABLE bands (key BIGINT, doc VARCHAR)",
        "CREATE TABLE sentences (doc VARCHAR, idx INTEGER, start INTEGER, \"end\" INTEGER)",
        """CREATE TABLE tokens (doc VARCHAR, idx INTEGER, start INTEGER, "end" INTEGER, sentence INTEGER,
            lemma VARCHAR, pos VARCHAR, tag VARCHAR, dep VARCHAR, head INTEGER, ent_iob VARCHAR)""",
        """CREATE TABLE mentions (doc VARCHAR, start INTEGER, "end" INTEGER, text VARCHAR, label VARCHAR,
            sentence INTEGER, entity VARCHAR)""",
        """CREATE TABLE entities (id VARCHAR PRIMARY KEY, name VARCHAR, type VARCHAR, aliases VARCHAR[],
            country VARCHAR, sector VARCHAR)""",
        "CREATE TABLE events (id VARCHAR PRIMARY KEY, body JSON)",
        "CREATE TABLE relations (id VARCHAR PRIMARY KEY, body JSON)",
        "CREATE TABLE stories (id VARCHAR PRIMARY KEY, title VARCHAR, documents VARCHAR[])",
        "CREATE INDEX sources_source ON sources (source)",
        "CREATE INDEX bands_key ON bands (key)",
        "CREATE INDEX mentions_doc ON mentions (doc)",
    )),
]

MIGRATIONS.append((2, (
    "ALTER TABLE mentions ADD COLUMN name VARCHAR",
    "ALTER TABLE mentions ADD COLUMN titles VARCHAR",
    "ALTER TABLE mentions ADD COLUMN local VARCHAR",
    "ALTER TABLE mentions ADD COLUMN country VARCHAR",
    """CREATE TABLE role_claims (doc VARCHAR, person_start INTEGER, title VARCHAR, of_start INTEGER,
        of_country VARCHAR, former BOOLEAN, evidence_start INTEGER, evidence_end INTEGER)""",
    "CREATE TABLE acronyms (doc VARCHAR, acronym VARCHAR, long_form VARCHAR)",
    """CREATE TABLE roles (entity VARCHAR, title VARCHAR, of_entity VARCHAR, value VARCHAR, earliest VARCHAR,
        latest VARCHAR, former BOOLEAN, evidence JSON)""",
    "CREATE TABLE merges (entity VARCHAR, left_name VARCHAR, right_name VARCHAR, score DOUBLE, reason VARCHAR)",
)))
MIGRATIONS.append((3, (
    "CREATE TABLE event_mentions (doc VARCHAR, idx INTEGER, body JSON)",
)))
# The story index (newsgraph.events.story_index.StoryIndex) that `add` assigns new documents with: the idf of
# the last full grouping, each story's centroid and time evidence (days as ordinals), and the stories
# listed under each of their blocking terms.
MIGRATIONS.append((4, (
    "CREATE TABLE story_idf (term VARCHAR, idf DOUBLE)",
    """CREATE TABLE story_centroids (story VARCHAR PRIMARY KEY, terms VARCHAR[], weights DOUBLE[], norm DOUBLE,
        published_first INTEGER, published_last INTEGER, span_first INTEGER[], span_last INTEGER[])""",
    "CREATE TABLE story_postings (term VARCHAR, story VARCHAR)",
)))

# Time expressions found once in the build (newsgraph.time.document), read by events and roles; a role
# claim's own time, from its sentence.
MIGRATIONS.append((5, (
    """CREATE TABLE times (doc VARCHAR, start INTEGER, "end" INTEGER, text VARCHAR, type VARCHAR, value VARCHAR,
        earliest VARCHAR, latest VARCHAR, mod VARCHAR)""",
    "CREATE INDEX times_doc ON times (doc)",
    "ALTER TABLE role_claims ADD COLUMN time_value VARCHAR",
    "ALTER TABLE role_claims ADD COLUMN time_earliest VARCHAR",
    "ALTER TABLE role_claims ADD COLUMN time_latest VARCHAR",
    "ALTER TABLE role_claims ADD COLUMN time_text VARCHAR",
    # documents stored before this version have no time rows: events find their times again
    "INSERT OR REPLACE INTO meta SELECT 'times_since_seq', CAST(coalesce(max(seq), 0) AS VARCHAR) FROM documents",
)))

# the codec each document was read with (stores made before it: unknown, read as UTF-8)
MIGRATIONS.append((6, (
    "ALTER TABLE documents ADD COLUMN encoding VARCHAR",
)))

# every publication date a page gave, beside the one chosen (stores made before it: none recorded)
MIGRATIONS.append((7, (
    "ALTER TABLE documents ADD COLUMN published_candidates VARCHAR[]",
)))

# stage 6, relate: monthly event counts of each ordered pair by quad class (relations keep their JSON bodies)
MIGRATIONS.append((8, (
    """CREATE TABLE dyads (source VARCHAR, target VARCHAR, month VARCHAR, verbal_cooperation INTEGER,
        material_cooperation INTEGER, verbal_conflict INTEGER, material_conflict INTEGER, score DOUBLE, events INTEGER)""",
)))

# where place entities are (newsgraph.resolve.places): coordinates, country, admin1, precision
MIGRATIONS.append((9, (
    """CREATE TABLE places (entity VARCHAR PRIMARY KEY, name VARCHAR, lat DOUBLE, lon DOUBLE, country VARCHAR,
        admin1 VARCHAR, precision VARCHAR, geonameid BIGINT)""",
)))

# Events, event mentions and relations as real columns (newsgraph.store.layouts, as it was at this version):
# each scalar a column, an object of known keys a group of columns, lists of names VARCHAR[], lists of
# objects JSON, and unknown keys in "extra". The JSON bodies of older stores move over.
MIGRATIONS.append((10, (
    ('CREATE TABLE events_new ("id" VARCHAR PRIMARY KEY, "type" VARCHAR, "mode" VARCHAR, "context" VARCHAR[], '
     '"cameo" VARCHAR, "actors" VARCHAR[], "recipients" VARCHAR[], "location" VARCHAR, "time_value" VARCHAR, '
     '"time_earliest" VARCHAR, "time_latest" VARCHAR, "time_text" VARCHAR, "time_precision" VARCHAR, '
     '"modality" VARCHAR, "attributed_to" VARCHAR, "sources" INTEGER, "merged_because" VARCHAR[], "magnitude" '
     'JSON, "mentions" JSON, "actor_text" VARCHAR[], "recipient_text" VARCHAR[], "published_day" BOOLEAN, '
     'extra JSON)'),
    ("INSERT INTO events_new SELECT body->>'$.id', body->>'$.type', body->>'$.mode', CASE WHEN "
     "coalesce(json_type(body, '$.context'), 'NULL') = 'NULL' THEN NULL ELSE CAST(json_extract_string(body, "
     "'$.context[*]') AS VARCHAR[]) END, body->>'$.cameo', CASE WHEN coalesce(json_type(body, '$.actors'), "
     "'NULL') = 'NULL' THEN NULL ELSE CAST(json_extract_string(body, '$.actors[*]') AS VARCHAR[]) END, CASE "
     "WHEN coalesce(json_type(body, '$.recipients'), 'NULL') = 'NULL' THEN NULL ELSE "
     "CAST(json_extract_string(body, '$.recipients[*]') AS VARCHAR[]) END, body->>'$.location', "
     "body->>'$.time.value', body->>'$.time.earliest', body->>'$.time.latest', body->>'$.time.text', "
     "body->>'$.time_precision', body->>'$.modality', body->>'$.attributed_to', CAST(body->>'$.sources' AS "
     "INTEGER), CASE WHEN coalesce(json_type(body, '$.merged_because'), 'NULL') = 'NULL' THEN NULL ELSE "
     "CAST(json_extract_string(body, '$.merged_because[*]') AS VARCHAR[]) END, body->'$.magnitude', "
     "body->'$.mentions', CASE WHEN coalesce(json_type(body, '$.actor_text'), 'NULL') = 'NULL' THEN NULL ELSE "
     "CAST(json_extract_string(body, '$.actor_text[*]') AS VARCHAR[]) END, CASE WHEN coalesce(json_type(body, "
     "'$.recipient_text'), 'NULL') = 'NULL' THEN NULL ELSE CAST(json_extract_string(body, "
     "'$.recipient_text[*]') AS VARCHAR[]) END, CAST(body->>'$.published_day' AS BOOLEAN), NULL FROM events"),
    'DROP TABLE events',
    'ALTER TABLE events_new RENAME TO events',
    ('CREATE TABLE event_mentions_new ("doc" VARCHAR, "idx" INTEGER, "sentence_start" INTEGER, "sentence_end" '
     'INTEGER, "type" VARCHAR, "mode" VARCHAR, "context" VARCHAR[], "cameo" VARCHAR, "modality" VARCHAR, '
     '"trigger_text" VARCHAR, "trigger_start" INTEGER, "trigger_end" INTEGER, "trigger_country" VARCHAR, '
     '"trigger_sector" VARCHAR, "actors" JSON, "recipients" JSON, "location_text" VARCHAR, "location_start" '
     'INTEGER, "location_end" INTEGER, "location_country" VARCHAR, "location_sector" VARCHAR, '
     '"attribution_text" VARCHAR, "attribution_start" INTEGER, "attribution_end" INTEGER, '
     '"attribution_country" VARCHAR, "attribution_sector" VARCHAR, "derived_from" VARCHAR, "magnitude" JSON, '
     '"time_at" INTEGER[], extra JSON)'),
    ("INSERT INTO event_mentions_new SELECT body->>'$.doc', idx, CAST(body->>'$.sentence_start' AS INTEGER), "
     "CAST(body->>'$.sentence_end' AS INTEGER), body->>'$.type', body->>'$.mode', CASE WHEN "
     "coalesce(json_type(body, '$.context'), 'NULL') = 'NULL' THEN NULL ELSE CAST(json_extract_string(body, "
     "'$.context[*]') AS VARCHAR[]) END, body->>'$.cameo', body->>'$.modality', body->>'$.trigger.text', "
     "CAST(body->>'$.trigger.start' AS INTEGER), CAST(body->>'$.trigger.end' AS INTEGER), "
     "body->>'$.trigger.country', body->>'$.trigger.sector', body->'$.actors', body->'$.recipients', "
     "body->>'$.location.text', CAST(body->>'$.location.start' AS INTEGER), CAST(body->>'$.location.end' AS "
     "INTEGER), body->>'$.location.country', body->>'$.location.sector', body->>'$.attribution.text', "
     "CAST(body->>'$.attribution.start' AS INTEGER), CAST(body->>'$.attribution.end' AS INTEGER), "
     "body->>'$.attribution.country', body->>'$.attribution.sector', body->>'$.derived_from', "
     "body->'$.magnitude', CASE WHEN coalesce(json_type(body, '$.time_at'), 'NULL') = 'NULL' THEN NULL ELSE "
     "CAST(json_extract_string(body, '$.time_at[*]') AS INTEGER[]) END, NULL FROM event_mentions"),
    'DROP TABLE event_mentions',
    'ALTER TABLE event_mentions_new RENAME TO event_mentions',
    ('CREATE TABLE relations_new ("id" VARCHAR PRIMARY KEY, "kind" VARCHAR, "source" VARCHAR, "target" '
     'VARCHAR, "valid_value" VARCHAR, "valid_earliest" VARCHAR, "valid_latest" VARCHAR, "valid_text" VARCHAR, '
     '"reported_value" VARCHAR, "reported_earliest" VARCHAR, "reported_latest" VARCHAR, "reported_text" '
     'VARCHAR, "modality" VARCHAR, "sources" INTEGER, "events" VARCHAR[], "evidence" JSON, "cues" VARCHAR[], '
     '"retired_by" VARCHAR, "retired_before" VARCHAR, "retired_cue" VARCHAR, extra JSON)'),
    ("INSERT INTO relations_new SELECT body->>'$.id', body->>'$.kind', body->>'$.source', body->>'$.target', "
     "body->>'$.valid.value', body->>'$.valid.earliest', body->>'$.valid.latest', body->>'$.valid.text', "
     "body->>'$.reported.value', body->>'$.reported.earliest', body->>'$.reported.latest', "
     "body->>'$.reported.text', body->>'$.modality', CAST(body->>'$.sources' AS INTEGER), CASE WHEN "
     "coalesce(json_type(body, '$.events'), 'NULL') = 'NULL' THEN NULL ELSE CAST(json_extract_string(body, "
     "'$.events[*]') AS VARCHAR[]) END, body->'$.evidence', CASE WHEN coalesce(json_type(body, '$.cues'), "
     "'NULL') = 'NULL' THEN NULL ELSE CAST(json_extract_string(body, '$.cues[*]') AS VARCHAR[]) END, "
     "body->>'$.retired.by', body->>'$.retired.before', body->>'$.retired.cue', NULL FROM relations"),
    'DROP TABLE relations',
    'ALTER TABLE relations_new RENAME TO relations',
)))

# which documents the corpus-wide stages have taken in (`add` derives events for the others only; stores made
# before it: every document, as their last build derived them all)
# and the relations each document's sentences state and each event implies (stage 6 reads a new document's and
# a new event's only; stores made before it: none stored, so their next relate reads everything)
MIGRATIONS.append((11, (
    "ALTER TABLE documents ADD COLUMN derived BOOLEAN",
    "UPDATE documents SET derived = true",
    """CREATE TABLE stated_claims (doc VARCHAR, kind VARCHAR, source VARCHAR, target VARCHAR, modality VARCHAR,
        valid_value VARCHAR, valid_earliest VARCHAR, valid_latest VARCHAR, valid_text VARCHAR, reported_value VARCHAR,
        reported_earliest VARCHAR, reported_latest VARCHAR, reported_text VARCHAR, cue VARCHAR, span_start INTEGER,
        span_end INTEGER, ended BOOLEAN, k INTEGER)""",
    # what each event adds to the relations and the dyads (relate reads these, not the events, in `add`)
    """CREATE TABLE event_claims (event VARCHAR, doc VARCHAR, kind VARCHAR, source VARCHAR, target VARCHAR,
        modality VARCHAR, valid_value VARCHAR, valid_earliest VARCHAR, valid_latest VARCHAR, valid_text VARCHAR,
        reported_value VARCHAR, reported_earliest VARCHAR, reported_latest VARCHAR, reported_text VARCHAR, cue VARCHAR,
        span_start INTEGER, span_end INTEGER, ended BOOLEAN, k INTEGER)""",
    """CREATE TABLE event_dyads (event VARCHAR, source VARCHAR, target VARCHAR, month VARCHAR, quad VARCHAR,
        weight DOUBLE, k INTEGER)""",
    "INSERT OR REPLACE INTO meta VALUES ('relation_parts', 'no')",
    # the name index's blocking keys: each linked local key (a name) under the keys of its spellings
    "CREATE TABLE name_blocks (key VARCHAR, local VARCHAR)",
    "INSERT OR REPLACE INTO meta VALUES ('name_blocks', 'no')",
)))

LATEST = MIGRATIONS[-1][0]
