"""The embedded engine: SQLite FTS5 with English stemming, in the site's own database.

Schema (search/migrations/0001_initial.py calls create_schema()):

    search_document        one row per document: what a hit shows (title, url, kind, community,
                           themes, date, year) and the text itself (title, summary, themes, body),
                           with its audience; rows are inserted and deleted, never updated
    search_document_theme  (page_id, audience, theme): the theme facet and filter
    search_public_fts      FTS5 over the public documents only, and search_members_fts over the
    search_members_fts     members-only ones: porter stemming on unicode61, diacritics folded;
                           external content (the text lives once, in search_document); columns
                           title, summary, themes, body and the audience (weighted 0)
    search_*_words         the same text unstemmed (detail=none), and an fts5vocab table over
    search_*_vocab         each, for "did you mean"
    triggers               keep each FTS table in step as document rows come and go

Audiences are kept apart by structure. Public documents and members' documents are indexed in
different FTS tables, so a public search reads an index that holds no members-only word at all
(its matches, its bm25 statistics, its vocabulary for suggestions). Members' documents share
one index, and every query over it names the audiences the reader may read twice, inside the
FTS5 query (audience:...) and in SQL on the document rows, before anything is counted, ranked
or shown.

A search is two statements: one finds the matches once, then counts them, counts the facets
and ranks and cuts the page (FTS5's bm25 with title and summary weighted above themes and body,
ORDER BY ... LIMIT in SQL); the other takes snippet() for the page's hits. "Did you mean" costs
two or three more, only when nothing is found. A search only reads. SQL is built from this
module's own table and column names; every value (the FTS5 query included) is a parameter.

Work is bounded for queries that match very many documents. Ranking and counting facets cost
a few microseconds a match, so a word in nearly every one of 100,000 documents would take most
of a second. The first statement therefore reads at most MAX_RANKED matches, the newest first
(by index row: the most recently indexed), and ranks those. When that sample is full, a third
statement counts every match in the FTS index alone (about 0.1 µs a match), and the facet
counts are scaled from the sample to that total and marked as estimates
(SearchResults.ranked). Below MAX_RANKED matches everything is exact.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from django.db import connections, transaction

from search.query import edit_distance, tokens, words
from search.synonyms import expand

from .base import (
    CLOSE,
    NEWEST,
    OLDEST,
    OPEN,
    PUBLIC,
    FacetValue,
    SearchBackend,
    SearchDocument,
    SearchHit,
    SearchQuery,
    SearchResults,
    estimated_facets,
    marked_snippet,
    order_facets,
    whole_number,
    without_marks,
)

DOCUMENTS = "search_document"
THEMES = "search_document_theme"
PARTITIONS = ("public", "members")  # FTS tables: search_<partition>_fts, _words, _vocab
TOKENIZE = "porter unicode61 remove_diacritics 2"
# bm25 weights per FTS column: title, summary, themes, body (the audience column counts 0).
WEIGHTS = (10.0, 5.0, 2.0, 1.0)
CONTENT = "{title summary themes body}"  # the columns a reader's words are looked for in
MAX_PER_PAGE = 100
MAX_RANKED = 1000  # matches ranked and counted for facets at most (see above)
SNIPPET_TOKENS = 32
_BATCH = 500
MAX_CORRECTED = 6  # words of one query "did you mean" looks at
MAX_CANDIDATES = 12  # known words tried for each


# The matches are counted several ways and ranked: found once (explicitly from SQLite 3.35).
_MATERIALIZED = "MATERIALIZED " if sqlite3.sqlite_version_info >= (3, 35) else ""


def _fts(partition: str) -> str:
    return f"search_{partition}_fts"


def _partition_of(audience: str) -> str:
    return "public" if audience == PUBLIC else "members"


def create_schema(schema_editor) -> None:
    """Create the engine's tables (a migration runs this on SQLite)."""
    execute = schema_editor.execute
    execute(f"""
        CREATE TABLE {DOCUMENTS} (
            id INTEGER PRIMARY KEY,
            page_id INTEGER NOT NULL,
            audience TEXT NOT NULL,
            date TEXT NOT NULL,
            year INTEGER NOT NULL,
            content_type TEXT NOT NULL,
            community TEXT NOT NULL,
            url TEXT NOT NULL,
            title TEXT NOT NULL,
            summary TEXT NOT NULL,
            themes TEXT NOT NULL,
            body TEXT NOT NULL,
            UNIQUE (page_id, audience)
        )""")  # the body last: what searches filter, sort and count on is read without it
    execute(f"""
        CREATE TABLE {THEMES} (
            page_id INTEGER NOT NULL,
            audience TEXT NOT NULL,
            theme TEXT NOT NULL,
            PRIMARY KEY (page_id, audience, theme)
        ) WITHOUT ROWID""")
    execute(f"CREATE INDEX {THEMES}_theme ON {THEMES} (theme, audience)")
    columns = "title, summary, themes, body"
    new = "new.id, new.title, new.summary, new.themes, new.body"
    old = "old.id, old.title, old.summary, old.themes, old.body"
    for partition in PARTITIONS:
        fts, words_table = _fts(partition), f"search_{partition}_words"
        # The audience is indexed too, so that FTS5 itself keeps a search to the reader's
        # audiences (an index of every community's pages, read for one community's).
        execute(f"""
            CREATE VIRTUAL TABLE {fts} USING fts5(
                {columns}, audience, content='{DOCUMENTS}', content_rowid='id',
                tokenize='{TOKENIZE}'
            )""")
        execute(f"""
            CREATE VIRTUAL TABLE {words_table} USING fts5(
                {columns}, content='{DOCUMENTS}', content_rowid='id',
                tokenize='unicode61 remove_diacritics 2', detail='none'
            )""")
        execute(
            f"CREATE VIRTUAL TABLE search_{partition}_vocab USING fts5vocab({words_table}, 'row')"
        )
        test = f"= '{PUBLIC}'" if partition == "public" else f"<> '{PUBLIC}'"
        execute(f"""
            CREATE TRIGGER {fts}_insert AFTER INSERT ON {DOCUMENTS}
            WHEN new.audience {test} BEGIN
                INSERT INTO {fts} (rowid, {columns}, audience) VALUES ({new}, new.audience);
                INSERT INTO {words_table} (rowid, {columns}) VALUES ({new});
            END""")  # noqa: S608
        execute(f"""
            CREATE TRIGGER {fts}_delete AFTER DELETE ON {DOCUMENTS}
            WHEN old.audience {test} BEGIN
                INSERT INTO {fts} ({fts}, rowid, {columns}, audience)
                    VALUES ('delete', {old}, old.audience);
                INSERT INTO {words_table} ({words_table}, rowid, {columns})
                    VALUES ('delete', {old});
            END""")  # noqa: S608
    execute(f"""
        CREATE TRIGGER {DOCUMENTS}_no_update BEFORE UPDATE ON {DOCUMENTS} BEGIN
            SELECT RAISE(ABORT, 'search documents are replaced, never updated');
        END""")


def drop_schema(schema_editor) -> None:
    """Undo create_schema() (the migration's reverse)."""
    execute = schema_editor.execute
    for partition in PARTITIONS:
        execute(f"DROP TABLE IF EXISTS search_{partition}_vocab")
        execute(f"DROP TABLE IF EXISTS search_{partition}_words")
        execute(f"DROP TABLE IF EXISTS {_fts(partition)}")
    execute(f"DROP TABLE IF EXISTS {THEMES}")
    execute(f"DROP TABLE IF EXISTS {DOCUMENTS}")  # its triggers go with it


def _match_expression(segments) -> str:
    """An FTS5 query: segments ANDed, each segment's phrases ORed. Every phrase is quoted and
    made only of word tokens, so nothing the reader typed is read as FTS5 syntax."""
    parts = []
    for alternatives in segments:
        phrases = ['"' + " ".join(alt).replace('"', '""') + '"' for alt in alternatives if alt]
        if phrases:
            parts.append(phrases[0] if len(phrases) == 1 else "(" + " OR ".join(phrases) + ")")
    return " AND ".join(parts)


class SQLiteFTS5Backend(SearchBackend):
    """SQLite FTS5. Options: DATABASE (the connection alias, "default"), WEIGHTS (bm25 weights
    for title, summary, themes, body), MAX_RANKED (matches ranked at most)."""

    def __init__(self, alias: str = "default", **options):
        super().__init__(alias, **options)
        self.database = options.get("DATABASE", "default")
        self.weights = (*(float(w) for w in options.get("WEIGHTS", WEIGHTS)), 0.0)
        self.max_ranked = max(1, int(options.get("MAX_RANKED", MAX_RANKED)))

    @property
    def connection(self):
        return connections[self.database]

    # --- writing ------------------------------------------------------------------------

    def index(self, documents: Iterable[SearchDocument]) -> int:
        count = 0
        batch: list[SearchDocument] = []
        for document in documents:
            batch.append(document)
            if len(batch) >= _BATCH:
                count += self._index_batch(batch)
                batch = []
        if batch:
            count += self._index_batch(batch)
        return count

    def _index_batch(self, documents: list[SearchDocument]) -> int:
        latest = {(d.page_id, d.audience): d for d in documents}  # the last one of each wins
        rows, themes = [], []
        for d in latest.values():
            date = (d.date or "")[:10]
            year = int(date[:4]) if date[:4].isdigit() else 0
            names = tuple(dict.fromkeys(without_marks(t) for t in d.themes if t))
            rows.append(
                (
                    d.page_id,
                    d.audience,
                    without_marks(d.title),
                    without_marks(d.summary),
                    "|".join(names),
                    without_marks(d.body),
                    d.url,
                    d.content_type,
                    d.community,
                    date,
                    year,
                )
            )
            themes += [(d.page_id, d.audience, name) for name in names]
        keys = list(latest)
        with transaction.atomic(using=self.database), self.connection.cursor() as cursor:
            for table in (DOCUMENTS, THEMES):
                sql = f"DELETE FROM {table} WHERE page_id = %s AND audience = %s"  # noqa: S608
                cursor.executemany(sql, keys)
            cursor.executemany(
                f"""
                INSERT INTO {DOCUMENTS} (page_id, audience, title, summary, themes, body, url,
                    content_type, community, date, year)
                VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)""",  # noqa: S608
                rows,
            )
            sql = f"INSERT INTO {THEMES} (page_id, audience, theme) VALUES (%s, %s, %s)"  # noqa: S608
            cursor.executemany(sql, themes)
        return len(rows)

    def remove(self, page_ids: Iterable[int]) -> None:
        ids = [int(i) for i in page_ids]
        with transaction.atomic(using=self.database), self.connection.cursor() as cursor:
            for start in range(0, len(ids), _BATCH):
                chunk = ids[start : start + _BATCH]
                marks = ", ".join(["%s"] * len(chunk))
                for table in (DOCUMENTS, THEMES):
                    cursor.execute(f"DELETE FROM {table} WHERE page_id IN ({marks})", chunk)  # noqa: S608

    def page_ids(self) -> set[int]:
        """The pages the index holds documents of (rebuild_search sweeps out the rest)."""
        with self.connection.cursor() as cursor:
            cursor.execute(f"SELECT DISTINCT page_id FROM {DOCUMENTS}")  # noqa: S608
            return {pk for (pk,) in cursor.fetchall()}

    def clear(self) -> None:
        with transaction.atomic(using=self.database), self.connection.cursor() as cursor:
            # The triggers empty the FTS tables.
            cursor.execute(f"DELETE FROM {DOCUMENTS}")  # noqa: S608
            cursor.execute(f"DELETE FROM {THEMES}")  # noqa: S608

    def count(self) -> int:
        with self.connection.cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) FROM {DOCUMENTS}")  # noqa: S608
            return cursor.fetchone()[0]

    def optimize(self) -> None:
        """Merge each FTS index into one b-tree (after a rebuild: faster queries)."""
        with self.connection.cursor() as cursor:
            for partition in PARTITIONS:
                for table in (_fts(partition), f"search_{partition}_words"):
                    sql = f"INSERT INTO {table} ({table}) VALUES ('optimize')"  # noqa: S608
                    cursor.execute(sql)

    # --- reading ------------------------------------------------------------------------

    def search(self, query: SearchQuery) -> SearchResults:
        per_page = max(1, min(whole_number(query.per_page, 20), MAX_PER_PAGE))
        page = max(1, whole_number(query.page, 1))
        empty = SearchResults(hits=[], total=0, facets={}, page=1, per_page=per_page)
        audiences = sorted({str(a) for a in query.audiences if str(a)})
        segments = expand(words(query.terms), query.synonyms or ())
        expression = _match_expression(segments)
        if not audiences or not expression:
            return empty
        matches = _Matches(self, expression, audiences, query.filters or {})
        with self.connection.cursor() as cursor:
            ranked, facets, page, rows = matches.results(cursor, query.sort, per_page, page)
            if not ranked:
                empty.facets = facets
                empty.suggestion = self._suggest(cursor, query, audiences)
                return empty
            total = ranked
            if ranked >= self.max_ranked:  # the sample may be full: count every match
                total = matches.count(cursor)
                if total > ranked:
                    facets = estimated_facets(facets, total / ranked)
            hits = matches.hits(cursor, rows)
        return SearchResults(
            hits=hits,
            total=total,
            facets=facets,
            page=page,
            per_page=per_page,
            ranked=ranked if total > ranked else None,
            facets_estimated=total > ranked,
        )

    # "Did you mean", asked only when a search finds nothing: each word of five letters or more
    # that no document the reader may read holds is replaced by the closest word the index
    # knows (edit distance 1, or 2 from eight letters; same first letter) that the reader's own
    # documents hold as written, and the corrected query is offered if it then finds something.
    # Every choice is made on counts within the reader's audiences and filters, so a suggestion
    # never reveals a word only other audiences' documents hold. A candidate is counted as
    # written (the words tables), not stemmed: "outsourcing", only another community's, would
    # otherwise be offered to a reader whose pages say "outsourced".
    def _suggest(self, cursor, query: SearchQuery, audiences: list[str]) -> str:
        typed = words(query.terms)
        partitions = sorted({_partition_of(a) for a in audiences})
        glossary = {t for group in (query.synonyms or ()) for p in group for t in tokens(p)}
        options: dict[str, list[tuple[int, str]]] = {}  # word -> [(distance, candidate)]
        for word in typed[:MAX_CORRECTED]:
            word_tokens = tokens(word)
            if len(word_tokens) != 1 or len(word_tokens[0]) < 5 or word_tokens[0] in glossary:
                continue
            token = word_tokens[0]
            near = self._near(cursor, token, partitions)
            options[word] = [(0, token), *near[:MAX_CANDIDATES]]
        if not options:
            return ""
        # The typed word as searched (stemmed); a correction as written.
        counts = self._counts(
            cursor,
            {(c, d > 0) for near in options.values() for d, c in near},
            audiences,
            query.filters or {},
        )
        corrected, changed = [], False
        for word in typed:
            found = [
                (d, -counts.get((c, d > 0), 0), c)
                for d, c in options.get(word, ())
                if counts.get((c, d > 0))
            ]
            best = min(found)[2] if found else ""
            if best and min(found)[0] > 0:
                corrected.append(best)
                changed = True
            else:
                corrected.append(word)
        if not changed:
            return ""
        suggestion = " ".join(corrected)
        expression = _match_expression(expand(suggestion, query.synonyms or ()))
        found = _Matches(self, expression, audiences, query.filters or {}).exists(cursor)
        return suggestion if found else ""

    def _near(self, cursor, word: str, partitions: list[str]) -> list[tuple[int, str]]:
        """Words the index knows within the edit distance allowed, closest first, then in
        alphabetical order (never by how often other audiences use them)."""
        limit = 1 if len(word) < 8 else 2
        first, after = word[0], chr(ord(word[0]) + 1)
        terms: set[str] = set()
        for partition in partitions:
            cursor.execute(
                f"""
                SELECT term FROM search_{partition}_vocab
                WHERE term >= %s AND term < %s AND length(term) BETWEEN %s AND %s
                """,  # noqa: S608
                [first, after, len(word) - limit, len(word) + limit],
            )
            terms.update(term for (term,) in cursor.fetchall())
        terms.discard(word)
        near = [(edit_distance(word, term, limit), term) for term in terms]
        return sorted(n for n in near if n[0] <= limit)

    def _counts(
        self,
        cursor,
        candidates: set[tuple[str, bool]],
        audiences: list[str],
        filters: dict[str, str],
    ) -> dict[tuple[str, bool], int]:
        """How many of the reader's documents each (word, as_written) finds, the word stemmed
        or as written: one query."""
        parts, params = [], []
        for candidate, as_written in sorted(candidates):
            matches = _Matches(
                self,
                _match_expression([((candidate,),)]),
                audiences,
                filters,
                as_written=as_written,
            )
            # Counted up to MAX_RANKED: enough to choose by, and bounded for common words.
            matched, matched_params = matches._select("1", limit=self.max_ranked)
            parts.append(f"SELECT %s, %s, (SELECT COUNT(*) FROM ({matched}))")  # noqa: S608
            params += [candidate, as_written, *matched_params]
        cursor.execute(" UNION ALL ".join(parts), params)
        return {(word, bool(as_written)): n for word, as_written, n in cursor.fetchall()}


class _Matches:
    """The documents a query matches within its audiences and filters, as SQL over each FTS
    table the audiences need: the public index, the members' index, or both; as_written, their
    unstemmed words tables instead (no ranking, no snippets)."""

    def __init__(
        self,
        backend: SQLiteFTS5Backend,
        expression: str,
        audiences: list[str],
        filters: dict[str, str],
        as_written: bool = False,
    ):
        self.backend = backend
        self.expression = expression
        self.as_written = as_written
        self.audiences = audiences
        self.filters = filters
        self.partitions = [
            (partition, [a for a in audiences if _partition_of(a) == partition])
            for partition in PARTITIONS
            if any(_partition_of(a) == partition for a in audiences)
        ]

    def _table(self, partition: str) -> str:
        return f"search_{partition}_words" if self.as_written else _fts(partition)

    def _where(self, partition: str, audiences: list[str]) -> tuple[str, list]:
        fts = self._table(partition)
        # Twice kept to the audiences: inside FTS5 (fast: one community's pages are read, not
        # every community's), and in SQL on the document rows (exact). A words table holds
        # only the content (detail=none: no column filters): kept to them in SQL alone.
        expression = f"{CONTENT} : ({self.expression})"
        if self.as_written:
            expression = self.expression
        elif partition != "public":
            allowed = " OR ".join('"' + a.replace('"', '""') + '"' for a in audiences)
            expression += f" AND audience : ({allowed})"
        sql = [f"{fts} MATCH %s", f"d.audience IN ({', '.join(['%s'] * len(audiences))})"]
        params: list = [expression, *audiences]
        for name, value in self.filters.items():
            value = str(value)
            if name == "theme":
                sql.append(f"""EXISTS (SELECT 1 FROM {THEMES} t WHERE t.page_id = d.page_id
                    AND t.audience = d.audience AND t.theme = %s)""")  # noqa: S608
                params.append(value)
            elif name in ("content_type", "community"):
                sql.append(f"d.{name} = %s")
                params.append(value)
            elif name == "year":
                sql.append("d.year = %s")
                params.append(int(value) if value.isdigit() else -1)
        return " AND ".join(sql), params

    def _select(
        self, columns: str, with_rank: bool = False, limit: int = 0, oldest: bool = False
    ) -> tuple[str, list]:
        """The matches as SQL; with a limit, at most that many of each FTS table's, the most
        recently indexed first (oldest: the first indexed), read in the FTS index's order."""
        # CROSS JOIN keeps the FTS index as the outer loop: left to itself, the planner may walk
        # every document of an audience and ask FTS5 about each one (60 ms for no match at all
        # among 100,000 documents, against 0.1 ms this way).
        parts, params = [], []
        for partition, audiences in self.partitions:
            fts = self._table(partition)
            where, where_params = self._where(partition, audiences)
            rank = ""
            if with_rank:
                weights = ", ".join(str(w) for w in self.backend.weights)
                rank = f", bm25({fts}, {weights}) AS rank, '{partition}' AS partition"
            sql = f"""
                SELECT {columns}{rank} FROM {fts} CROSS JOIN {DOCUMENTS} d ON d.id = {fts}.rowid
                WHERE {where}"""  # noqa: S608
            if limit:
                order = "ASC" if oldest else "DESC"
                sql = f"SELECT * FROM ({sql} ORDER BY {fts}.rowid {order} LIMIT {int(limit)})"  # noqa: S608
            parts.append(sql)
            params += where_params
        return " UNION ALL ".join(parts), params

    def count(self, cursor) -> int:
        """Every match, counted in the FTS index alone when no filter needs the documents'
        rows: the members' index is kept to the reader's audiences inside the FTS5 query,
        and the public index holds nothing else."""
        if self.filters or self.as_written:  # a words table names no audience
            matched, params = self._select("1")
            cursor.execute(f"SELECT COUNT(*) FROM ({matched})", params)  # noqa: S608
            return cursor.fetchone()[0]
        total = 0
        for partition, audiences in self.partitions:
            fts = self._table(partition)
            where, params = self._where(partition, audiences)
            cursor.execute(f"SELECT COUNT(*) FROM {fts} WHERE {fts} MATCH %s", params[:1])  # noqa: S608
            total += cursor.fetchone()[0]
        return total

    def results(self, cursor, sort: str, per_page: int, page: int):
        """How many of the sample match (at most MAX_RANKED of each index's), the facets with
        their counts, and one page of hits ranked in SQL (a page past the last gives the last):
        one statement, the sample found and ranked once. Returns (how many were ranked, facets,
        page, rows of the page's hits in order)."""
        matched, params = self._select(
            "d.id AS id, d.page_id, d.audience, d.content_type, d.community, d.year,"
            " d.date AS date",
            with_rank=True,
            limit=self.backend.max_ranked,
            oldest=sort == OLDEST,
        )
        order = {
            NEWEST: "date DESC, rank, id",
            OLDEST: "date ASC, rank, id",
        }.get(sort, "rank, date DESC, id")
        # kind, value, count, then a hit's position, id, partition and what it shows.
        cursor.execute(
            f"""
            WITH m AS {_MATERIALIZED}({matched}),
            n AS (SELECT COUNT(*) AS total FROM m),
            p AS (
                SELECT id, partition, ROW_NUMBER() OVER (ORDER BY {order}) AS position FROM m
                ORDER BY {order} LIMIT %s
                OFFSET (SELECT MAX(0, MIN(%s, (total - 1) / %s * %s)) FROM n)
            )
            SELECT 'total', '', total, 0, 0, '', 0, '', '', '', '', '', '' FROM n
            UNION ALL SELECT 'content_type', content_type, COUNT(*), 0, 0, '', 0, '', '', '', '',
                '', '' FROM m GROUP BY content_type
            UNION ALL SELECT 'community', community, COUNT(*), 0, 0, '', 0, '', '', '', '', '',
                '' FROM m WHERE community <> '' GROUP BY community
            UNION ALL SELECT 'year', CAST(year AS TEXT), COUNT(*), 0, 0, '', 0, '', '', '', '',
                '', '' FROM m WHERE year > 0 GROUP BY year
            UNION ALL SELECT 'theme', t.theme, COUNT(*), 0, 0, '', 0, '', '', '', '', '', ''
                FROM m CROSS JOIN {THEMES} t
                ON t.page_id = m.page_id AND t.audience = m.audience GROUP BY t.theme
            UNION ALL SELECT 'hit', '', 0, p.position, d.id, p.partition, d.page_id, d.title,
                d.url, d.content_type, d.community, d.themes, d.date
                FROM p CROSS JOIN {DOCUMENTS} d ON d.id = p.id
            """,  # noqa: S608
            [*params, per_page, (page - 1) * per_page, per_page, per_page],
        )
        total, hits = 0, []
        facets = {name: [] for name in ("theme", "content_type", "community", "year")}
        for kind, value, count, *hit in cursor.fetchall():
            if kind == "total":
                total = count
            elif kind == "hit":
                hits.append(hit)
            else:
                facets[kind].append(FacetValue(value=str(value), count=count))
        order_facets(facets)
        hits.sort()  # by the position SQL ranked each at
        page = min(page, max(1, -(-total // per_page)))
        return total, facets, page, [hit[1:] for hit in hits]

    def exists(self, cursor) -> bool:
        matched, params = self._select("1")
        cursor.execute(f"SELECT EXISTS ({matched})", params)
        return bool(cursor.fetchone()[0])

    def hits(self, cursor, rows) -> list[SearchHit]:
        """The page's hits, with their snippets (one more query)."""
        snippets = self._snippets(cursor, rows)
        return [
            SearchHit(
                page_id=page_id,
                title=title,
                url=url,
                content_type=content_type,
                community=community,
                themes=tuple(t for t in themes.split("|") if t),
                date=date,
                snippet=snippets.get(row_id, ""),
            )
            for row_id, _, page_id, title, url, content_type, community, themes, date in rows
        ]

    def _snippets(self, cursor, rows) -> dict[int, str]:
        """The best of the summary's and the body's snippets: the one with a match, the
        summary's if both or neither."""
        parts, params = [], []
        for partition in PARTITIONS:
            ids = [row[0] for row in rows if row[1] == partition]
            if not ids:
                continue
            fts = _fts(partition)
            summary, body = (
                f"snippet({fts}, {column}, '{OPEN}', '{CLOSE}', '…', {SNIPPET_TOKENS})"
                for column in (1, 3)  # the FTS columns: title, summary, themes, body
            )
            marks = ", ".join(["%s"] * len(ids))
            parts.append(f"""
                SELECT rowid, {summary}, {body} FROM {fts}
                WHERE {fts} MATCH %s AND rowid IN ({marks})""")  # noqa: S608
            params += [f"{CONTENT} : ({self.expression})", *ids]
        if not parts:
            return {}
        cursor.execute(" UNION ALL ".join(parts), params)
        chosen = {}
        for row_id, summary, body in cursor.fetchall():
            if OPEN in (summary or "") or OPEN not in (body or "") or not body:
                chosen[row_id] = marked_snippet(summary or body)
            else:
                chosen[row_id] = marked_snippet(body)
        return chosen
