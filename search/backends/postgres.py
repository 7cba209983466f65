"""The PostgreSQL engine: full-text search over an indexed tsvector, English configuration.

Schema (search/migrations/0001_initial.py calls create_schema() on PostgreSQL, and
0002_unaccent_narrow_rows.py update_schema_0002() to bring an index made before up to date):

    practice_english    the text search configuration: English stemming and stop words, with
                        diacritics folded first by the unaccent extension ("zéphyrine" and
                        "zephyrine" find each other, as in the SQLite engine) where it could
                        be created; a plain copy of english where it could not

    search_document     one row per page and audience: what a hit shows, the text, and
                        `document`, a stored generated tsvector (title weighted A, summary and
                        themes B, body C) behind a GIN index, so PostgreSQL keeps it in step with
                        the text and no search computes it; the text and the vector are kept out
                        of line (toast_tuple_target), so the rows a count reads are narrow
    search_word         each audience's vocabulary (word, how many of its documents hold it),
                        kept exact by index() and remove(): the only words "did you mean" may
                        offer a reader are their own audiences' words
    search_spelling     every word of any audience, once, behind a pg_trgm index where the
                        extension could be created: where similar spellings are found (then
                        joined to search_word for the reader's audiences); new words only are
                        written to it, and optimize() sweeps out the unused

Audiences are kept apart by structure: every statement a search runs names the reader's
audiences (`audience = ANY(%s)`) before anything is counted, ranked, shown or suggested, and a
suggestion only ever comes from the reader's audiences' own words.

Nothing the reader typed reaches PostgreSQL as tsquery syntax. The query is read as words
(search.query.words), glossary phrases found in them (search.synonyms.expand), and each phrase
goes in as a bound parameter of phraseto_tsquery('practice_english', %s): alternatives joined
by `||`, segments by `&&`. Ranking is ts_rank over the stored tsvector, weights {D, C, B, A} =
{0.1, 0.2, 0.4, 1.0}, ordered and limited in SQL; ts_headline runs for the page's rows only.

Work is bounded for queries that match very many documents, as in the SQLite engine. ts_rank
reads each match's tsvector (about 2 kB, out of line in TOAST) and the facets are counted per
match: ranking all 97,500 matches of "care" among 100,000 documents took about a second. A
search therefore ranks at most MAX_RANKED matches, the most recently indexed first (`id` is the
index order; the first indexed when sorted oldest first): for a common word the planner walks
the primary key back from the newest and stops there. When that sample is full, the same
statement counts every match exactly through the GIN index (_where(indexed=True)): a bitmap
heap scan of the narrow rows, which reads no tsvector for a query of words (about 25 ms for
"care"). A phrase costs more: PostgreSQL reads the vector of every document holding all its
words to check their positions, about 5 µs each (250-400 ms for a common glossary phrase at
100,000 documents). The facet counts are then scaled from the sample to that total and marked
as estimates (SearchResults.ranked, facets_estimated). Below MAX_RANKED matches everything is
exact.

A search only reads: one SELECT for the total, the facets and the page of hits, and a few
more for a suggestion when nothing matched.
"""

from __future__ import annotations

import datetime
import re
import string
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence

from django.db import DatabaseError, connections, transaction
from django.utils.html import escape

from search.query import edit_distance, tokens, words
from search.synonyms import expand

from .base import (
    CLOSE,
    FACETS,
    NEWEST,
    OLDEST,
    OPEN,
    FacetValue,
    SearchBackend,
    SearchDocument,
    SearchHit,
    SearchQuery,
    SearchResults,
    estimated_facets,
    order_facets,
    whole_number,
)

CONFIG = "practice_english"  # the text search configuration (see above)
WEIGHTS = "{0.1, 0.2, 0.4, 1.0}"  # ts_rank's weights for D, C, B, A (body C, title A)
MAX_PER_PAGE = 100
MAX_RANKED = 1000  # matches ranked and counted for facets at most (see above)
MAX_PAGE = 1_000_000  # a page number beyond any index: the last page is shown
BATCH = 500  # documents written per batch
MAX_PENDING_WORDS = 200_000  # word count changes held before they are written
# A transaction-level advisory lock serialises writers, so the word counts stay exact.
WRITE_LOCK = 0x5EA4C4
MAX_CORRECTED = 6  # words of one query "did you mean" looks at
MIN_CORRECTED = 5  # letters a word needs before it is corrected

# ts_headline marks matches with private-use characters (removed from the text first), so the
# snippet is escaped whole and the marks become <mark> afterwards.
START, STOP = OPEN, CLOSE
HEADLINE_OPTIONS = (
    f"StartSel={START}, StopSel={STOP}, MaxFragments=2, MaxWords=30, MinWords=10, "
    'FragmentDelimiter=" … "'
)
_JOINED_MARKS_RE = re.compile(f"{STOP}([-'’]){START}")  # "co-op": one mark, not two
_VOCABULARY_RE = re.compile(r"[^\W\d_]{3,30}")  # words "did you mean" may offer
# Diacritics folded as unaccent folds them: combining marks after canonical decomposition, and
# the Latin letters that do not decompose (unaccent.rules maps each of these the same way).
_MARKS_RE = re.compile("[\u0300-\u036f]+")
_UNDECOMPOSED = str.maketrans(
    {
        "ø": "o",
        "ł": "l",
        "đ": "d",
        "ð": "d",
        "ħ": "h",
        "ı": "i",
        "ŧ": "t",
        "æ": "ae",
        "œ": "oe",
        "þ": "th",
    }
)

# The text in one tsvector, weighted, that PostgreSQL keeps in step with the text.
_DOCUMENT_COLUMN = f"""document tsvector GENERATED ALWAYS AS (
            setweight(to_tsvector('{CONFIG}', title), 'A')
            || setweight(to_tsvector('{CONFIG}', summary), 'B')
            || setweight(to_tsvector('{CONFIG}', coalesce(search_themes_text(themes), '')), 'B')
            || setweight(to_tsvector('{CONFIG}', body), 'C')
        ) STORED"""
_DOCUMENT_INDEX_SQL = (
    "CREATE INDEX search_document_document ON search_document USING gin (document)"
)

# The text and its vector are kept out of line (TOAST) from 256 bytes a row, not 2 kB, so a row
# holds what a search finds, filters, counts and shows: 30 rows a page, not 5. Counting every
# match of a common word reads 23 MB of table at 100,000 documents rather than 142 MB.
_NARROW_ROWS = "toast_tuple_target = 256"

_SCHEMA_SQL = (
    # array_to_string() is only STABLE, and a generated column needs an IMMUTABLE expression;
    # over text[] it is immutable in fact.
    """
    CREATE FUNCTION search_themes_text(text[]) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    AS $$ SELECT pg_catalog.array_to_string($1, ' ') $$
    """,
    f"""
    CREATE TABLE search_document (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        page_id integer NOT NULL,
        audience text NOT NULL,
        title text NOT NULL,
        summary text NOT NULL,
        body text NOT NULL,
        url text NOT NULL,
        content_type text NOT NULL,
        community text NOT NULL,
        themes text[] NOT NULL,
        date date,
        year integer GENERATED ALWAYS AS (extract(year FROM date)::integer) STORED,
        {_DOCUMENT_COLUMN},
        CONSTRAINT search_document_page_audience UNIQUE (page_id, audience)
    ) WITH ({_NARROW_ROWS})
    """,
    _DOCUMENT_INDEX_SQL,
    "CREATE INDEX search_document_audience ON search_document (audience)",
    # COLLATE "C": the primary key's b-tree also answers `word LIKE 'x%'`. Room on each page
    # lets a count change in place (a HOT update) without touching the index.
    """
    CREATE TABLE search_word (
        audience text NOT NULL,
        word text COLLATE "C" NOT NULL,
        documents integer NOT NULL,
        PRIMARY KEY (audience, word)
    ) WITH (fillfactor = 80)
    """,
    'CREATE TABLE search_spelling (word text COLLATE "C" PRIMARY KEY)',
)
_TRIGRAM_INDEX_SQL = (
    "CREATE INDEX search_spelling_trigram ON search_spelling USING gin (word gin_trgm_ops)"
)


def create_schema(schema_editor) -> None:
    """Create the engine's tables (the search app's migration runs this on PostgreSQL).

    pg_trgm is created if the role may (a trusted extension since PostgreSQL 13, so a database
    owner may); without it "did you mean" looks up close spellings and scans by first letter.
    So is unaccent, for the text search configuration (_create_configuration)."""
    trigram = _create_extension(schema_editor, "pg_trgm")
    _create_configuration(schema_editor)
    for statement in _SCHEMA_SQL:
        schema_editor.execute(statement)
    if trigram:
        schema_editor.execute(_TRIGRAM_INDEX_SQL)


def drop_schema(schema_editor) -> None:
    """Undo create_schema() (the migration's reverse). The extensions stay: others may use
    them."""
    schema_editor.execute("DROP TABLE IF EXISTS search_spelling")
    schema_editor.execute("DROP TABLE IF EXISTS search_word")
    schema_editor.execute("DROP TABLE IF EXISTS search_document")
    schema_editor.execute("DROP FUNCTION IF EXISTS search_themes_text(text[])")
    schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {CONFIG}")


def update_schema_0002(schema_editor) -> None:
    """Bring an index made before diacritics were folded and rows narrowed up to date
    (migration 0002): create the configuration, make the `document` column again with it
    (PostgreSQL rewrites the table, computing every document's vector again and keeping the
    text out of line, under an exclusive lock) and its GIN index, and count the vocabulary
    again, folded. Nothing to do where create_schema() made them already."""
    if schema_editor.collect_sql:  # sqlmigrate: what an index made before would run
        _create_configuration(schema_editor)
        for statement in _REBUILD_DOCUMENT_SQL:
            schema_editor.execute(statement)
        return
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [WRITE_LOCK])
        cursor.execute(
            "SELECT EXISTS (SELECT 1 FROM pg_ts_config"
            " WHERE cfgname = %s AND pg_ts_config_is_visible(oid))",
            [CONFIG],
        )
        configured = cursor.fetchone()[0]
        cursor.execute(
            "SELECT pg_get_expr(d.adbin, d.adrelid) FROM pg_attrdef d"
            " JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum"
            " WHERE d.adrelid = 'search_document'::regclass AND a.attname = 'document'"
        )
        row = cursor.fetchone()
    if not configured:
        _create_configuration(schema_editor)
    if row and f"'{CONFIG}'::regconfig" in row[0]:
        return  # made by create_schema() as it is now
    for statement in _REBUILD_DOCUMENT_SQL:
        schema_editor.execute(statement)
    _count_vocabulary_again(connection)


_REBUILD_DOCUMENT_SQL = (
    f"ALTER TABLE search_document SET ({_NARROW_ROWS})",  # for the rows the rewrite writes
    "ALTER TABLE search_document DROP COLUMN document",  # its GIN index goes with it
    f"ALTER TABLE search_document ADD COLUMN {_DOCUMENT_COLUMN}",
    _DOCUMENT_INDEX_SQL,
)


def _create_configuration(schema_editor) -> None:
    """The text search configuration CONFIG: a copy of english whose words with letters beyond
    ASCII go through the unaccent dictionary before the stemmer, or a plain copy of english
    where the unaccent extension cannot be created (a role that may not: accents then count)."""
    unaccent = _create_extension(schema_editor, "unaccent")
    schema_editor.execute(f"CREATE TEXT SEARCH CONFIGURATION {CONFIG} (COPY = pg_catalog.english)")
    if not unaccent:
        return
    schema = "" if schema_editor.collect_sql else _extension_schema(schema_editor, "unaccent")
    dictionary = f"{schema}.unaccent" if schema else "unaccent"
    schema_editor.execute(
        f"ALTER TEXT SEARCH CONFIGURATION {CONFIG} ALTER MAPPING FOR hword, hword_part, word"
        f" WITH {dictionary}, pg_catalog.english_stem"
    )
    schema_editor.execute(  # words with digits as well: english gives them to simple
        f"ALTER TEXT SEARCH CONFIGURATION {CONFIG} ALTER MAPPING FOR numword, numhword,"
        f" hword_numpart WITH {dictionary}, pg_catalog.simple"
    )


def _extension_schema(schema_editor, name: str) -> str:
    """The schema an extension is installed in, quoted, or "" when it is not installed."""
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace"
            " WHERE e.extname = %s",
            [name],
        )
        row = cursor.fetchone()
    return '"' + row[0].replace('"', '""') + '"' if row else ""


def _create_extension(schema_editor, name: str) -> bool:
    statement = f"CREATE EXTENSION IF NOT EXISTS {name}"
    if schema_editor.collect_sql:  # sqlmigrate: show the statement, run nothing
        schema_editor.execute(statement)
        return True
    connection = schema_editor.connection
    try:
        with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
            cursor.execute(statement)  # in a savepoint: a refusal leaves the migration running
    except DatabaseError:
        return False
    return True


class PostgresSearchBackend(SearchBackend):
    """PostgreSQL full-text search. Options: DATABASE (the connection alias, "default"),
    MAX_RANKED (matches ranked at most)."""

    def __init__(self, alias: str = "default", **options):
        super().__init__(alias, **options)
        self.database = options.get("DATABASE", "default")
        self.max_ranked = max(1, int(options.get("MAX_RANKED", MAX_RANKED)))

    @property
    def connection(self):
        return connections[self.database]

    # --- reading ------------------------------------------------------------------------

    def search(self, query: SearchQuery) -> SearchResults:
        per_page = max(1, min(whole_number(query.per_page, 20), MAX_PER_PAGE))
        page = max(1, min(whole_number(query.page, 1), MAX_PAGE))
        audiences = sorted({str(a) for a in query.audiences if str(a)})
        tsquery, tsquery_params = build_tsquery(expand(words(query.terms), query.synonyms or ()))
        results = SearchResults(
            hits=[], total=0, facets={name: [] for name in FACETS}, page=1, per_page=per_page
        )
        where = _where(tsquery, tsquery_params, audiences, query.filters or {})
        if not audiences or not tsquery or where is None:
            return results
        sql, params = _search_sql(
            tsquery,
            tsquery_params,
            where,
            len(audiences) > 1,
            query.sort,
            per_page,
            page,
            self.max_ranked,
            _where(tsquery, tsquery_params, audiences, query.filters or {}, indexed=True),
        )
        with self.connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
            ranked, results.total, results.facets = rows[0][0], rows[0][1], _facets(rows[0][2])
            if not results.total:
                results.suggestion = self._suggest(cursor, query, audiences)
                return results
        if results.total > ranked:  # a sample was ranked: its facets stand for every match
            results.ranked, results.facets_estimated = ranked, True
            results.facets = estimated_facets(results.facets, results.total / ranked)
        results.page = min(page, results.pages)
        results.hits = [_hit(row[3:]) for row in rows]
        return results

    # "Did you mean", asked only when a search finds nothing: each word of five letters or more
    # (not a glossary word) that no document the reader may read holds, stemmed, is replaced by
    # the closest word the reader's audiences use (edit distance 1, or 2 from eight letters;
    # then the commoner, then the first alphabetically), and the corrected query is offered if
    # it then finds something. Only the reader's audiences' words are ever looked at. Words are
    # compared with their diacritics folded, as the vocabulary keeps them and as the
    # configuration matches them.
    def _suggest(self, cursor, query: SearchQuery, audiences: list[str]) -> str:
        typed = words(query.terms)
        filters = query.filters or {}
        glossary = {t for group in (query.synonyms or ()) for p in group for t in tokens(p)}
        trigram, corrections = None, {}
        for word in typed[:MAX_CORRECTED]:
            word_tokens = tokens(word)
            if len(word_tokens) != 1 or len(word_tokens[0]) < MIN_CORRECTED:
                continue
            token = fold(word_tokens[0])
            if (
                word_tokens[0] in glossary
                or token in glossary
                or self._finds(cursor, [((token,),)], audiences, filters)
            ):
                continue  # a glossary word, or a word the reader's documents hold
            if trigram is None:
                trigram = _trigram_schema(cursor)
            nearest = _nearest(cursor, token, audiences, trigram)
            if nearest:
                corrections[word] = nearest
        if not corrections:
            return ""
        suggestion = " ".join(corrections.get(word, word) for word in typed)
        segments = expand(words(suggestion), query.synonyms or ())
        return suggestion if self._finds(cursor, segments, audiences, filters) else ""

    def _finds(self, cursor, segments, audiences, filters) -> bool:
        """Whether a query finds anything. The CTE is planned for all its rows, through the GIN
        index (indexed: so a common word reads no tsvector either), then read only as far as
        its first: a bare EXISTS would be planned to stop early, and for a word no document
        holds scan them all instead."""
        tsquery, params = build_tsquery(segments)
        where = _where(tsquery, params, audiences, filters, indexed=True)
        if not tsquery or where is None:
            return False
        sql = (
            f"WITH found AS MATERIALIZED (SELECT 1 FROM search_document WHERE {where[0]})"  # noqa: S608
            " SELECT EXISTS (SELECT 1 FROM found)"
        )
        cursor.execute(sql, where[1])
        return cursor.fetchone()[0]

    # --- writing ------------------------------------------------------------------------

    def index(self, documents: Iterable[SearchDocument]) -> int:
        count = 0
        batch: list[SearchDocument] = []
        changes: Counter = Counter()  # to the word counts, written together
        with transaction.atomic(using=self.database), self.connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [WRITE_LOCK])
            for document in documents:
                batch.append(document)
                if len(batch) >= BATCH:
                    count += _index_batch(cursor, batch, changes)
                    batch = []
                    if len(changes) > MAX_PENDING_WORDS:
                        _count_words(cursor, changes)
                        changes.clear()
            if batch:
                count += _index_batch(cursor, batch, changes)
            _count_words(cursor, changes)
        return count

    def remove(self, page_ids: Iterable[int]) -> None:
        ids = sorted({int(page_id) for page_id in page_ids})
        if not ids:
            return
        with transaction.atomic(using=self.database), self.connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [WRITE_LOCK])
            cursor.execute(
                "DELETE FROM search_document WHERE page_id = ANY(%s)"
                " RETURNING audience, title, summary, body, themes",
                [ids],
            )
            counts: Counter = Counter()
            for audience, *texts in cursor.fetchall():
                for word in _vocabulary(*texts):
                    counts[audience, word] -= 1
            _count_words(cursor, counts)

    def page_ids(self) -> set[int]:
        """The pages the index holds (rebuild_search rebuilds in place with it)."""
        with self.connection.cursor() as cursor:
            cursor.execute("SELECT DISTINCT page_id FROM search_document")
            return {row[0] for row in cursor.fetchall()}

    def optimize(self) -> None:
        """After a rebuild: forget spellings no audience uses any more, move the GIN index's
        pending entries into the index proper, and give the planner fresh statistics."""
        with transaction.atomic(using=self.database), self.connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [WRITE_LOCK])
            cursor.execute(
                "DELETE FROM search_spelling s"
                " WHERE NOT EXISTS (SELECT 1 FROM search_word w WHERE w.word = s.word)"
            )
            cursor.execute("SELECT gin_clean_pending_list('search_document_document')")
            for table in ("search_document", "search_word", "search_spelling"):
                cursor.execute(f"ANALYZE {table}")

    def clear(self) -> None:
        # DELETE, not TRUNCATE: searches keep reading the old index until a rebuild commits.
        with transaction.atomic(using=self.database), self.connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [WRITE_LOCK])
            cursor.execute("DELETE FROM search_document")
            cursor.execute("DELETE FROM search_word")
            cursor.execute("DELETE FROM search_spelling")

    def count(self) -> int:
        with self.connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM search_document")
            return cursor.fetchone()[0]


# --- the query --------------------------------------------------------------------------


def build_tsquery(segments: Sequence[Sequence[Sequence[str]]]) -> tuple[str, list[str]]:
    """A tsquery as SQL and its parameters: segments (from search.synonyms.expand) joined by
    `&&`, each segment's phrases by `||`, each phrase phraseto_tsquery(CONFIG, %s) of its
    tokens. Only the function calls and operators are SQL; every word is a parameter.
    ("", []) when there is no word."""
    sql, params = [], []
    for alternatives in segments:
        phrases = [" ".join(phrase) for phrase in alternatives if phrase]
        if not phrases:
            continue
        calls = " || ".join(f"phraseto_tsquery('{CONFIG}', %s)" for _ in phrases)
        sql.append(f"({calls})" if len(phrases) > 1 else calls)
        params += phrases
    return " && ".join(sql), params


def _where(
    tsquery: str, params: list, audiences, filters, indexed: bool = False
) -> tuple[str, list] | None:
    """The documents matching, in the reader's audiences, with the facets chosen: WHERE clause
    and parameters; None when a filter can match nothing (a year that is not a year).

    indexed: for reading every match. The tsquery is then a subquery's value (an InitPlan),
    which the planner cannot look into, so it always takes the GIN index (a bitmap heap scan,
    which reads no tsvector for a query of words). Shown a common word, it would read every
    row's tsvector in a sequential scan instead: 400 ms for "care" among 100,000 documents,
    against 25 ms. Without, the planner sees the words: for the first matches by `id`, it
    walks the primary key backwards for a common word and stops after MAX_RANKED of them."""
    # The audience first: a plan that filters rows checks it before reading any document.
    match = f"document @@ (SELECT {tsquery})" if indexed else f"document @@ ({tsquery})"
    clauses = ["audience = ANY(%s)", match]
    params = [list(audiences), *params]
    for name, value in sorted(filters.items()):
        value = str(value)
        if name == "theme":
            clauses.append("%s = ANY(themes)")
        elif name in ("content_type", "community"):
            clauses.append(f"{name} = %s")
        elif name == "year":
            if not (value.isascii() and value.isdigit() and len(value) <= 4):
                return None
            clauses.append("year = %s")
            value = int(value)
        else:
            continue  # not a facet: nothing to narrow by
        params.append(value)
    return " AND ".join(clauses), params


def _facets(rows) -> dict[str, list[FacetValue]]:
    facets: dict[str, list[FacetValue]] = {name: [] for name in FACETS}
    for name, value, count in rows or ():
        facets[name].append(FacetValue(value=str(value), count=count))
    return order_facets(facets)


_ORDERS = {
    NEWEST: ("{}date DESC NULLS LAST", "{}rank DESC", "{}page_id"),
    OLDEST: ("{}date ASC NULLS LAST", "{}rank DESC", "{}page_id"),
}
_BY_RELEVANCE = ("{}rank DESC", "{}date DESC NULLS LAST", "{}page_id")


def _order(sort: str, table: str = "") -> str:
    return ", ".join(term.format(table) for term in _ORDERS.get(sort, _BY_RELEVANCE))


# ts_headline drops whatever its parser reads as a tag ("<b>", "<script>"): the text goes in with
# &, < and > as entities, which it keeps, and snippet_html() reads them back before escaping.
_ESCAPED_TEXT = (
    "replace(replace(replace(concat_ws(' ', d.summary, d.body),"
    " '&', '&amp;'), '<', '&lt;'), '>', '&gt;')"
)
_ENTITY_RE = re.compile("&(amp|lt|gt);")
_ENTITIES = {"amp": "&", "lt": "<", "gt": ">"}


def _search_sql(
    tsquery,
    tsquery_params,
    where,
    one_per_page,
    sort,
    per_page,
    page,
    max_ranked=MAX_RANKED,
    count_where=None,
):
    """The whole search in one statement: at most max_ranked matches, the most recently
    indexed first (the first indexed when sorted oldest first), found and ranked once (ts_rank
    reads each of their vectors once); when there are that many, every match counted through
    the GIN index (count_where, a `_where(..., indexed=True)`; PostgreSQL runs that count only
    when the sample is full); the facets counted over the sample; one page of it (the last page
    if asked for one beyond it) sorted and limited in PostgreSQL, and ts_headline for that
    page's rows only.

    Rows: (how many were ranked, how many match, facets, hit columns...) per hit; one row with
    no hit when nothing matched. With several audiences, a page readable in two of them counts
    once (its best ranked document)."""
    where_sql, where_params = where
    count_sql, count_params = count_where or where
    # The sample carries `document` as it is stored, out of line: only the ranking reads it.
    sql = f"""
        WITH sample AS MATERIALIZED (
            SELECT id, page_id, date, content_type, community, year, themes, document
            FROM search_document
            WHERE {where_sql}
            ORDER BY id {"ASC" if sort == OLDEST else "DESC"}
            LIMIT %s
        ),
        matched AS MATERIALIZED (
            SELECT {"DISTINCT ON (page_id)" if one_per_page else ""}
                   id, page_id, date, content_type, community, year, themes,
                   ts_rank('{WEIGHTS}', document, ({tsquery})) AS rank
            FROM sample
            {"ORDER BY page_id, rank DESC" if one_per_page else ""}
        ),
        total AS (
            SELECT count(*) AS n,
                   CASE WHEN (SELECT count(*) FROM sample) < %s THEN count(*)
                        ELSE (SELECT count({"DISTINCT page_id" if one_per_page else "*"})
                              FROM search_document WHERE {count_sql})
                   END AS every
            FROM matched
        ),
        facets AS (
            SELECT json_agg(json_build_array(name, value, n)) AS list FROM (
                SELECT 'content_type' AS name, content_type AS value, count(*) AS n
                FROM matched WHERE content_type <> '' GROUP BY content_type
                UNION ALL
                SELECT 'community', community, count(*)
                FROM matched WHERE community <> '' GROUP BY community
                UNION ALL
                SELECT 'year', year::text, count(*)
                FROM matched WHERE year IS NOT NULL GROUP BY year
                UNION ALL
                SELECT 'theme', theme, count(*)
                FROM matched, unnest(themes) AS theme WHERE theme <> '' GROUP BY theme
            ) AS counted
        ),
        hits AS (
            SELECT id, page_id, date, rank FROM matched
            ORDER BY {_order(sort)}
            LIMIT %s OFFSET (SELECT least(%s, greatest(n - 1, 0) / %s) * %s FROM total)
        )
        SELECT total.n, total.every, facets.list,
               d.page_id, d.title, d.url, d.content_type, d.community, d.themes, d.date,
               ts_headline('{CONFIG}', {_ESCAPED_TEXT}, ({tsquery}), %s)
        FROM total CROSS JOIN facets
        LEFT JOIN (hits JOIN search_document d ON d.id = hits.id) ON true
        ORDER BY {_order(sort, "hits.")}
    """  # noqa: S608 - this module's SQL only; every value is a parameter
    params = [
        *where_params,
        max_ranked,
        *tsquery_params,
        max_ranked,
        *count_params,
        per_page,
        page - 1,
        per_page,
        per_page,
        *tsquery_params,
        HEADLINE_OPTIONS,
    ]
    return sql, params


def _hit(row) -> SearchHit:
    page_id, title, url, content_type, community, themes, date, headline = row
    return SearchHit(
        page_id=page_id,
        title=title,
        url=url,
        content_type=content_type,
        community=community,
        themes=tuple(themes or ()),
        date=date.isoformat() if date else "",
        snippet=snippet_html(headline or ""),
    )


def snippet_html(headline: str) -> str:
    """ts_headline's text as HTML: the text as it was, escaped, then its matches wrapped in
    <mark>."""
    text = _ENTITY_RE.sub(lambda m: _ENTITIES[m[1]], headline.strip())
    text = _JOINED_MARKS_RE.sub(r"\1", escape(text))
    return text.replace(START, "<mark>").replace(STOP, "</mark>")


# --- did you mean -----------------------------------------------------------------------


def _trigram_schema(cursor) -> str:
    """The schema pg_trgm is installed in, or "" when it is not."""
    cursor.execute(
        "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace"
        " WHERE e.extname = 'pg_trgm'"
    )
    row = cursor.fetchone()
    return row[0] if row else ""


def _nearest(cursor, word: str, audiences: list[str], trigram: str) -> str:
    """The word of the audiences' vocabulary closest to `word`, or "".

    Candidates: every spelling one edit away (looked up in the primary key); the words pg_trgm
    finds similar, where it is installed; and for words long enough to be two edits from a
    correction, the commonest words with the same first letter and about the same length.
    Then the edit distance decides, and the commoner word of two as close."""
    limit = 1 if len(word) < 8 else 2
    sql = [
        "SELECT word, sum(documents) FROM search_word"
        " WHERE audience = ANY(%s) AND word = ANY(%s) GROUP BY word"
    ]
    params: list = [audiences, sorted(_one_edit_away(word))]
    if trigram:
        schema = '"' + trigram.replace('"', '""') + '"'
        sql.append(
            f"""
            (SELECT w.word, sum(w.documents) FROM search_spelling s
             JOIN search_word w ON w.word = s.word AND w.audience = ANY(%s)
             WHERE s.word OPERATOR({schema}.%%) %s
             GROUP BY w.word ORDER BY {schema}.similarity(w.word, %s) DESC LIMIT 50)
            """  # noqa: S608 - pg_trgm's schema, quoted; the word is a parameter
        )
        params += [audiences, word, word]
    if limit > 1:
        sql.append(
            """
            (SELECT word, sum(documents) FROM search_word
             WHERE audience = ANY(%s) AND word LIKE %s AND length(word) BETWEEN %s AND %s
             GROUP BY word ORDER BY sum(documents) DESC LIMIT 2000)
            """
        )
        params += [audiences, word[0] + "%", len(word) - limit, len(word) + limit]
    cursor.execute(" UNION ".join(sql), params)
    near = []
    for candidate, documents in cursor.fetchall():
        distance = edit_distance(word, candidate, limit)
        if 0 < distance <= limit:
            near.append((distance, -documents, candidate))
    return min(near)[2] if near else ""


def _one_edit_away(word: str) -> set[str]:
    """Every spelling one deletion, transposition, substitution or insertion from `word`."""
    letters = set(string.ascii_lowercase) | set(word)
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    edits = {a + b[1:] for a, b in splits if b}
    edits |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    edits |= {a + c + b[1:] for a, b in splits if b for c in letters}
    edits |= {a + c + b for a, b in splits for c in letters}
    edits.discard(word)
    return edits


# --- writing ----------------------------------------------------------------------------

_UPSERT_SQL = """
    INSERT INTO search_document
        (page_id, audience, title, summary, body, url, content_type, community, themes, date)
    VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)
    ON CONFLICT (page_id, audience) DO UPDATE SET
        title = EXCLUDED.title, summary = EXCLUDED.summary, body = EXCLUDED.body,
        url = EXCLUDED.url, content_type = EXCLUDED.content_type,
        community = EXCLUDED.community, themes = EXCLUDED.themes, date = EXCLUDED.date
"""


def _index_batch(cursor, documents: list[SearchDocument], counts: Counter) -> int:
    """Upsert these documents; add to `counts` the words of their new text, less their old."""
    latest = {(d.page_id, d.audience): d for d in documents}  # the last one of each wins
    keys = list(latest)
    cursor.execute(
        """
        SELECT d.audience, d.title, d.summary, d.body, d.themes
        FROM search_document d
        JOIN unnest(%s::integer[], %s::text[]) AS k(page_id, audience)
          ON d.page_id = k.page_id AND d.audience = k.audience
        """,
        [[page_id for page_id, _ in keys], [audience for _, audience in keys]],
    )
    for audience, *texts in cursor.fetchall():
        for word in _vocabulary(*texts):
            counts[audience, word] -= 1
    rows = []
    for d in latest.values():
        themes = list(dict.fromkeys(_clean(t) for t in d.themes if _clean(t)))
        row = (_clean(d.title), _clean(d.summary), _clean(d.body))
        for word in _vocabulary(*row, themes):
            counts[d.audience, word] += 1
        rows.append(
            (
                d.page_id,
                d.audience,
                *row,
                d.url or "",
                d.content_type or "",
                d.community or "",
                themes,
                _date(d.date),
            )
        )
    cursor.executemany(_UPSERT_SQL, rows)
    return len(rows)


def _clean(text: str) -> str:
    """Text as stored: without NUL (PostgreSQL's text cannot hold it) or the snippet marks."""
    return (text or "").replace("\x00", "").replace(START, "").replace(STOP, "")


def _date(value: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat((value or "")[:10])
    except ValueError:
        return None


def _vocabulary(title, summary, body, themes) -> set[str]:
    text = unicodedata.normalize("NFKC", " ".join([title, summary, body, *themes]))
    return set(_VOCABULARY_RE.findall(fold(text.casefold())))


def fold(text: str) -> str:
    """Text with its diacritics folded, as the configuration's unaccent dictionary folds them:
    "zéphyrine" -> "zephyrine", "søren" -> "soren". The vocabulary is kept folded."""
    if text.isascii():
        return text
    text = _MARKS_RE.sub("", unicodedata.normalize("NFKD", text))
    return unicodedata.normalize("NFC", text).translate(_UNDECOMPOSED)


def _count_vocabulary_again(connection) -> None:
    """Count every audience's vocabulary again from the documents (migration 0002: the words
    are kept folded now)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [WRITE_LOCK])
        cursor.execute("DELETE FROM search_word")
        cursor.execute("DELETE FROM search_spelling")
        counts: Counter = Counter()
        with connection.chunked_cursor() as documents:  # a server-side cursor
            documents.execute("SELECT audience, title, summary, body, themes FROM search_document")
            while rows := documents.fetchmany(BATCH):
                for audience, *texts in rows:
                    for word in _vocabulary(*texts):
                        counts[audience, word] += 1
                if len(counts) > MAX_PENDING_WORDS:
                    _count_words(cursor, counts)
                    counts.clear()
        _count_words(cursor, counts)


def _count_words(cursor, counts: Counter) -> None:
    """Add these changes to the audiences' word counts; forget the words no longer used."""
    changes = sorted((audience, word, n) for (audience, word), n in counts.items() if n)
    if not changes:
        return
    audiences, vocabulary, numbers = (list(column) for column in zip(*changes, strict=True))
    cursor.execute(
        """
        INSERT INTO search_word (audience, word, documents)
        SELECT * FROM unnest(%s::text[], %s::text[], %s::integer[])
        ON CONFLICT (audience, word) DO UPDATE
        SET documents = search_word.documents + EXCLUDED.documents
        """,
        [audiences, vocabulary, numbers],
    )
    cursor.execute(
        "INSERT INTO search_spelling (word) SELECT DISTINCT unnest(%s::text[])"
        " ON CONFLICT (word) DO NOTHING",
        [[word for _, word, n in changes if n > 0]],
    )
    fewer = [(audience, word) for audience, word, n in changes if n < 0]
    if fewer:
        cursor.execute(
            """
            DELETE FROM search_word w
            USING unnest(%s::text[], %s::text[]) AS f(audience, word)
            WHERE w.audience = f.audience AND w.word = f.word AND w.documents <= 0
            """,
            [[audience for audience, _ in fewer], [word for _, word in fewer]],
        )
