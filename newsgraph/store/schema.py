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

LATEST = MIGRATIONS[-1][0]
