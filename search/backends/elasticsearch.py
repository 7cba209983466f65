"""The Elasticsearch engine: the same search on a cluster, for programmes that outgrow one machine.

Selected when ELASTICSEARCH_URL is set (config/settings/base.py); Elasticsearch 8.10 or later
(the synonyms API), through the 8.x client and its DSL (`elasticsearch.dsl`).

Indexes, defined here in code (IndexedPage and index_for()):

    <prefix>-public             an alias over the public index: published public outputs and
                                reports only
    <prefix>-members-<id>       an alias over one community's members-only index
    <alias>-<version>           the index behind each alias; a rebuild fills a new version and
                                moves the alias in one atomic step
    <prefix>-glossary           the synonyms set (the synonyms API) built from the glossary;
                                the search analyzer's synonym graph reads it and Elasticsearch
                                reloads it when it changes, with no reindex

Audiences are kept apart by structure: a search names the indexes of the reader's audiences,
and no other index is ever read, for hits, facets or suggestions.

Analysis: English stemming, English stop words, possessives and accents folded; at search
time a synonym graph of the glossary too. Fields are searched explicitly with the same weights
as the embedded engines (title 10, summary 5, themes 2, body 1); no copy_to, no catch-all field.
The query keeps the embedded engines' shape (search/synonyms.py): the reader's words in
segments, each segment ANDed, its alternatives (the words as typed, then the glossary's other
phrases) ORed. A single word goes through the search analyzer (synonym graph included) and, if
it is no glossary word, tolerates one wrong letter from five letters up; a phrase is matched
as a phrase with the index analyzer.

Facets are terms aggregations over every match; totals are exact (track_total_hits); pages
reach as far as Elasticsearch's result window (10,000 hits). "Did you mean" is a term suggester
over an unstemmed copy of the text that the engine fills itself (`words`).

Writes are idempotent (a page's document has the page's id), refresh at once, and never fail
the change that caused them: if the cluster is unreachable the engine logs it and the embedded
engine, which indexing keeps in step too, answers searches meanwhile (with a notice);
`rebuild_search` catches the cluster up. A cluster that accepts connections and never answers
costs each request only TIMEOUT seconds, and after BREAKER_FAILURES such failures in a row the
engine stops asking it for BREAKER_RESET seconds (CircuitBreaker): searches go straight to the
embedded engine and writes are skipped and logged, then one request tries the cluster again.
"""

from __future__ import annotations

import datetime
import logging
import threading
import time
from collections.abc import Iterable

from django.conf import settings
from elasticsearch import ApiError, Elasticsearch, NotFoundError, TransportError
from elasticsearch.dsl import (
    Date,
    Document,
    Index,
    Integer,
    Keyword,
    Q,
    Search,
    Text,
    analyzer,
    token_filter,
)
from elasticsearch.helpers import BulkIndexError, bulk, scan

from search.query import edit_distance, tokens, words
from search.synonyms import expand, normal

from .base import (
    CLOSE,
    FACETS,
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
    marked_snippet,
    order_facets,
    whole_number,
    without_marks,
)

logger = logging.getLogger(__name__)

# Field weights, as the embedded engines weigh their columns.
FIELDS = ("title^10", "summary^5", "themes_text^2", "body")
MAX_PER_PAGE = 100
MAX_WINDOW = 10_000  # Elasticsearch's index.max_result_window: from + size never beyond it
MAX_FACET_VALUES = 100
TYPO_FUZZINESS = "AUTO:5,100"  # one wrong letter from five letters up (never two)
SUGGEST_MIN_LENGTH = 5
MAX_CORRECTED = 6
SNIPPET_CHARACTERS = 200
FALLBACK_NOTICE = (
    "The full search service is not answering just now, so these results come from the site's "
    "own search. They may be ordered a little differently."
)
UNREACHABLE = (TransportError,)  # connection refused, timeouts: the cluster is not answering


class ClusterUnavailable(Exception):
    """The cluster did not answer, or the circuit breaker did not ask it."""


def _unavailable(error: Exception) -> bool:
    """Whether an error means the cluster cannot answer (not that we asked wrongly)."""
    if isinstance(error, UNREACHABLE):
        return True
    return isinstance(error, ApiError) and error.meta.status >= 500


class CircuitBreaker:
    """Whether to call a service that keeps failing. Closed, every call is made; after
    `failures` failures in a row it opens and no call is made for `reset_after` seconds; then
    one call at a time is let through as a trial, and a success closes it again. Shared by the
    threads of one process (each process learns of a failed cluster for itself)."""

    def __init__(self, failures: int = 3, reset_after: float = 30.0, clock=time.monotonic):
        self.failures = max(1, failures)
        self.reset_after = reset_after
        self.clock = clock
        self._failed = 0
        self._open_until = 0.0
        self._lock = threading.Lock()

    def allows(self) -> bool:
        with self._lock:
            if self._failed < self.failures:
                return True
            now = self.clock()
            if now < self._open_until:
                return False
            # A trial: the others wait another while, unless it succeeds first.
            self._open_until = now + self.reset_after
            return True

    def succeeded(self) -> None:
        with self._lock:
            self._failed = 0

    def failed(self) -> None:
        with self._lock:
            self._failed += 1
            if self._failed >= self.failures:
                self._open_until = self.clock() + self.reset_after


# --- the index, in code ----------------------------------------------------------------------

INDEX_ANALYZER = "practice_english"
SEARCH_ANALYZER = "practice_english_search"
WORDS_ANALYZER = "practice_words"


def _analyzers(synonyms_set: str):
    possessive = token_filter("english_possessive", type="stemmer", language="possessive_english")
    stop = token_filter("english_stop", type="stop", stopwords="_english_")
    stem = token_filter("english_stem", type="stemmer", language="english")
    glossary = token_filter(
        "glossary_synonyms",
        type="synonym_graph",
        synonyms_set=synonyms_set,
        updateable=True,
        lenient=True,  # a glossary line the analyzer cannot read is skipped, not an error
    )
    plain = ["lowercase", "asciifolding", possessive]
    return (
        analyzer(INDEX_ANALYZER, tokenizer="standard", filter=[*plain, stop, stem]),
        analyzer(SEARCH_ANALYZER, tokenizer="standard", filter=[*plain, stop, glossary, stem]),
        analyzer(WORDS_ANALYZER, tokenizer="standard", filter=["lowercase", "asciifolding"]),
    )


def _text():
    return Text(analyzer=INDEX_ANALYZER, search_analyzer=SEARCH_ANALYZER)


class IndexedPage(Document):
    """One page as an audience's index holds it (search.backends.base.SearchDocument)."""

    page_id = Integer()
    title = _text()
    summary = _text()
    themes_text = _text()
    body = _text()
    words = Text(analyzer=WORDS_ANALYZER)  # unstemmed, for "did you mean" (filled by index())
    url = Keyword(index=False)
    content_type = Keyword()
    community = Keyword()
    themes = Keyword()
    date = Date(format="strict_date")
    year = Integer()


def index_for(name: str, synonyms_set: str, shards: int = 1, replicas: int = 0) -> Index:
    """The definition of one audience's index (a new version of it, under `name`)."""
    index = Index(name)
    index.settings(number_of_shards=shards, number_of_replicas=replicas)
    for definition in _analyzers(synonyms_set):
        index.analyzer(definition)
    index.document(IndexedPage)
    return index


def _source(document: SearchDocument) -> dict:
    date = (document.date or "")[:10] or None
    year = int(date[:4]) if date and date[:4].isdigit() else None
    text = [without_marks(t) for t in (document.title, document.summary, document.body)]
    return {
        "page_id": document.page_id,
        "title": text[0],
        "summary": text[1],
        "themes_text": " ".join(without_marks(t) for t in document.themes),
        "body": text[2],
        "words": "\n".join(text),
        "url": document.url,
        "content_type": document.content_type,
        "community": document.community,
        "themes": [without_marks(t) for t in document.themes if t],
        "date": date,
        "year": year,
    }


# --- the engine ------------------------------------------------------------------------------


class ElasticsearchBackend(SearchBackend):
    """Elasticsearch 8. Options: URL, INDEX_PREFIX ("practice-commons"), FALLBACK (the alias of
    the engine that answers when the cluster cannot, "embedded"), TIMEOUT (seconds for one
    request, 2), BREAKER_FAILURES (3) and BREAKER_RESET (seconds, 30) for the circuit breaker,
    SHARDS (1), REPLICAS (0), and API_KEY, CA_CERTS for a secured cluster."""

    tolerates_typos = True
    in_database = False  # indexing writes to it once a change commits (search/indexing.py)

    def __init__(self, alias: str = "default", **options):
        super().__init__(alias, **options)
        self.prefix = options.get("INDEX_PREFIX", "practice-commons").lower()
        self.fallback = options.get("FALLBACK", "embedded")
        self.shards = int(options.get("SHARDS", 1))
        self.replicas = int(options.get("REPLICAS", 0))
        self.synonyms_set = f"{self.prefix}-glossary"
        client_options = {"request_timeout": float(options.get("TIMEOUT", 2)), "max_retries": 1}
        if options.get("API_KEY"):
            client_options["api_key"] = options["API_KEY"]
        if options.get("CA_CERTS"):
            client_options["ca_certs"] = options["CA_CERTS"]
        self.client = Elasticsearch(options["URL"], **client_options)
        self.breaker = CircuitBreaker(
            int(options.get("BREAKER_FAILURES", 3)), float(options.get("BREAKER_RESET", 30))
        )
        self._ready: set[str] = set()  # aliases known to exist
        self._synonyms_ready = False

    # --- names ------------------------------------------------------------------------------

    def alias_of(self, audience: str) -> str:
        audience = str(audience)
        if audience == PUBLIC:
            return f"{self.prefix}-public"
        if not audience.isdigit():
            raise ValueError(f"not an audience: {audience!r}")
        return f"{self.prefix}-members-{audience}"

    def _all_indexes(self) -> str:
        return f"{self.prefix}-public*,{self.prefix}-members-*"

    # --- reading ----------------------------------------------------------------------------

    def _call(self, operation, *args):
        """Call the cluster unless the breaker is open, telling the breaker how it went; an
        unavailable cluster (or an open breaker) raises ClusterUnavailable."""
        if not self.breaker.allows():
            raise ClusterUnavailable("circuit breaker open after repeated failures")
        try:
            result = operation(*args)
        except (TransportError, ApiError) as error:
            if not _unavailable(error):
                self.breaker.succeeded()  # it answered: we asked wrongly
                raise
            self.breaker.failed()
            raise ClusterUnavailable(str(error)) from error
        self.breaker.succeeded()
        return result

    def search(self, query: SearchQuery) -> SearchResults:
        if self.fallback not in settings.SEARCH_BACKENDS:
            return self._search(query)  # nothing to fall back to: the error is the answer
        try:
            return self._call(self._search, query)
        except ClusterUnavailable as error:
            logger.warning("Elasticsearch unavailable, searching with %r: %s", self.fallback, error)
        from . import get_search_backend

        results = get_search_backend(self.fallback).search(query)
        results.notice = FALLBACK_NOTICE
        return results

    def _search(self, query: SearchQuery) -> SearchResults:
        per_page = max(1, min(whole_number(query.per_page, 20), MAX_PER_PAGE))
        page = max(1, whole_number(query.page, 1))
        empty = SearchResults(hits=[], total=0, facets={}, page=1, per_page=per_page)
        audiences = sorted({str(a) for a in query.audiences if str(a)})
        segments = expand(words(query.terms), query.synonyms or ())
        filters = _filters(query.filters or {})
        if not audiences or not segments or filters is None:
            return empty
        indexes = [self.alias_of(a) for a in audiences]
        glossary = {t for group in (query.synonyms or ()) for p in group for t in tokens(p)}
        search = (
            Search(using=self.client, index=indexes)
            .params(ignore_unavailable=True, allow_no_indices=True)
            .query(Q("bool", must=[_segment(s) for s in segments], filter=filters))
            .source(["page_id", "title", "url", "content_type", "community", "themes", "date"])
            .highlight_options(
                pre_tags=[OPEN],
                post_tags=[CLOSE],
                encoder="default",
                number_of_fragments=1,
                fragment_size=SNIPPET_CHARACTERS,
            )
            .highlight("summary", no_match_size=SNIPPET_CHARACTERS)
            .highlight("body", no_match_size=SNIPPET_CHARACTERS)
            .sort(*_sort(query.sort))
            .extra(track_total_hits=True)
        )
        for name, field in (
            ("theme", "themes"),
            ("content_type", "content_type"),
            ("community", "community"),
            ("year", "year"),
        ):
            search.aggs.bucket(name, "terms", field=field, size=MAX_FACET_VALUES)
        suggestable = [
            t
            for word in words(query.terms)[:MAX_CORRECTED]
            for t in tokens(word)
            if len(t) >= SUGGEST_MIN_LENGTH and t not in glossary
        ]
        for n, token in enumerate(suggestable):
            search = search.suggest(
                f"w{n}",
                token,
                term={
                    "field": "words",
                    "suggest_mode": "missing",
                    "max_edits": 2,
                    "prefix_length": 1,
                    "min_word_length": SUGGEST_MIN_LENGTH,
                    "size": 5,
                    "sort": "score",
                },
            )
        start = (page - 1) * per_page
        response = search.extra(from_=min(start, MAX_WINDOW - per_page), size=per_page).execute()
        total = response.hits.total.value
        reachable = min(total, MAX_WINDOW)
        last = max(1, -(-reachable // per_page))
        if total and page > last:  # a page past the last gives the last
            page = last
            response = search.extra(from_=(page - 1) * per_page, size=per_page).execute()
        facets = _facets(response.aggregations)
        suggestion = self._suggestion(query, response, suggestable, indexes, filters)
        if not total:
            empty.facets, empty.suggestion = facets, suggestion
            return empty
        return SearchResults(
            hits=[_hit(hit) for hit in response.hits],
            total=total,
            facets=facets,
            page=page,
            per_page=per_page,
            suggestion=suggestion,
            ranked=MAX_WINDOW if total > MAX_WINDOW else None,
        )

    def _suggestion(self, query, response, suggestable, indexes, filters) -> str:
        """The reader's words with each unknown one replaced by the closest known word of their
        own audiences' indexes (one edit, or two from eight letters), if that finds anything."""
        if not suggestable or "suggest" not in response:
            return ""
        replacements = {}
        for n, token in enumerate(suggestable):
            for entry in response.suggest[f"w{n}"]:
                limit = 1 if len(token) < 8 else 2
                options = [
                    o.text
                    for o in entry.options
                    if edit_distance(token, o.text, limit) <= limit
                    and normal(o.text) != normal(token)
                ]  # a plural is no correction
                if options:
                    replacements[token] = options[0]
        if not replacements:
            return ""
        corrected = []
        for word in words(query.terms):
            folded = tokens(word)
            if len(folded) == 1 and folded[0] in replacements:
                corrected.append(replacements[folded[0]])
            else:
                corrected.append(word)
        suggestion = " ".join(corrected)
        segments = expand(words(suggestion), query.synonyms or ())
        found = (
            Search(using=self.client, index=indexes)
            .params(ignore_unavailable=True, allow_no_indices=True)
            .query(Q("bool", must=[_segment(s, typos=False) for s in segments], filter=filters))
            .extra(size=0, track_total_hits=1)
            .execute()
        )
        return suggestion if found.hits.total.value else ""

    # --- writing ----------------------------------------------------------------------------

    def index(self, documents: Iterable[SearchDocument]) -> int:
        actions, audiences = [], set()
        for document in documents:
            alias = self.alias_of(document.audience)
            audiences.add(alias)
            actions.append((alias, document))
        if not actions:
            return 0

        def write():
            targets = {alias: self._write_targets(alias) for alias in audiences}
            bulk(
                self.client,
                (
                    {
                        "_op_type": "index",
                        "_index": target,
                        "_id": document.page_id,
                        "_source": _source(document),
                    }
                    for alias, document in actions
                    for target in targets[alias]
                ),
                refresh=True,
            )

        try:
            self._call(write)
        except BulkIndexError as error:  # a document refused: the change itself still stands
            logger.error(
                "Elasticsearch refused %d of %d documents (run rebuild_search once mended): %s",
                len(error.errors),
                len(actions),
                error.errors[:3],
            )
        except ClusterUnavailable as error:
            logger.error(
                "Elasticsearch unavailable: %d documents not indexed (run "
                "rebuild_search when it is back): %s",
                len(actions),
                error,
            )
        return len(actions)

    def remove(self, page_ids: Iterable[int]) -> None:
        ids = sorted({int(pk) for pk in page_ids})
        if not ids:
            return
        try:
            # 404: no index of ours yet (the stand-in says so even with allow_no_indices).
            self._call(
                lambda: self.client.options(ignore_status=404).delete_by_query(
                    index=self._all_indexes(),
                    query={"terms": {"page_id": ids}},
                    refresh=True,
                    conflicts="proceed",
                    ignore_unavailable=True,
                    allow_no_indices=True,
                )
            )
        except ClusterUnavailable as error:
            logger.error(
                "Elasticsearch unavailable: pages %s not removed (run rebuild_search "
                "when it is back): %s",
                ids,
                error,
            )

    def clear(self) -> None:
        # By name: Elasticsearch 8 refuses to delete indexes by wildcard.
        names = list(
            self.client.indices.get(
                index=self._all_indexes(), ignore_unavailable=True, allow_no_indices=True
            ).body
        )
        if names:
            self.client.indices.delete(index=",".join(names))
        self._ready.clear()

    def count(self) -> int:
        response = self.client.count(
            index=self._all_indexes(), ignore_unavailable=True, allow_no_indices=True
        )
        return response["count"]

    def page_ids(self) -> set[int]:
        return {
            hit["_source"]["page_id"]
            for hit in scan(
                self.client,
                index=self._all_indexes(),
                query={"query": {"match_all": {}}},
                _source=["page_id"],
                ignore_unavailable=True,
                allow_no_indices=True,
            )
        }

    def glossary_changed(self, groups: Iterable[frozenset[str]]) -> None:
        """Put the glossary in the synonyms set; Elasticsearch reloads the analyzers using it."""
        rules = [
            {"id": f"g{n}", "synonyms": ", ".join(sorted(group))}
            for n, group in enumerate(sorted(groups, key=sorted))
            if len(group) > 1
        ]
        try:
            self._call(
                lambda: self.client.synonyms.put_synonym(id=self.synonyms_set, synonyms_set=rules)
            )
        except ClusterUnavailable as error:
            logger.error("Elasticsearch unavailable: glossary not sent: %s", error)

    def _write_targets(self, alias: str) -> list[str]:
        """Where a document of this audience is written: its alias (the index created if this
        is the audience's first document), and the index a rebuild is filling, if one is."""
        if alias not in self._ready:
            if not self.client.indices.exists_alias(name=alias):
                self._create(alias, alias)
            self._ready.add(alias)
        targets = [alias]
        if self.client.indices.exists_alias(name=f"{alias}-next"):
            targets.append(f"{alias}-next")
        return targets

    def _create(self, alias: str, *aliases: str) -> str:
        if not self._synonyms_ready:  # the analyzers need the synonyms set to exist
            try:
                self.client.synonyms.get_synonym(id=self.synonyms_set, size=1)
            except NotFoundError:
                from search.synonyms import synonym_groups

                self.glossary_changed(synonym_groups())
            self._synonyms_ready = True
        version = datetime.datetime.now(datetime.UTC).strftime("%Y%m%d%H%M%S%f")
        name = f"{alias}-{version}"
        definition = index_for(name, self.synonyms_set, self.shards, self.replicas)
        for each in aliases:
            definition.aliases(**{each: {}})
        definition.create(using=self.client)
        return name

    # --- rebuilding -------------------------------------------------------------------------

    def rebuild(self, documents: Iterable[SearchDocument], progress=None) -> dict[str, int]:
        """Fill a new version of every audience's index, then move each alias to it in one
        atomic step and delete the old versions: searches read the old indexes until the
        switch, and never an empty or half-filled one. Changes made meanwhile are written to
        both (see _write_targets); a document already written that way is not overwritten with
        the rebuild's older copy. Returns how many documents each alias received."""
        from search.synonyms import synonym_groups

        self.glossary_changed(synonym_groups())
        existing = self._aliases()
        building: dict[str, str] = {}
        counts: dict[str, int] = {}

        def actions():
            for document in documents:
                alias = self.alias_of(document.audience)
                if alias not in building:
                    building[alias] = self._create(alias, f"{alias}-next")
                counts[alias] = counts.get(alias, 0) + 1
                if progress is not None:
                    progress.update(1)
                yield {
                    "_op_type": "create",
                    "_index": building[alias],
                    "_id": document.page_id,
                    "_source": _source(document),
                }

        try:
            bulk(self.client, actions(), chunk_size=500, raise_on_error=True)
        except BulkIndexError as error:
            conflicts = [e for e in error.errors if next(iter(e.values())).get("status") != 409]
            if conflicts:
                raise
        for alias in existing:  # an audience with no documents now gets an empty index
            if alias not in building:
                building[alias] = self._create(alias, f"{alias}-next")
        self.client.indices.refresh(index=",".join(building.values()))
        actions_ = []
        for alias, new in building.items():
            for old in existing.get(alias, ()):
                actions_.append({"remove": {"index": old, "alias": alias}})
            actions_.append({"add": {"index": new, "alias": alias}})
            actions_.append({"remove": {"index": new, "alias": f"{alias}-next"}})
        self.client.indices.update_aliases(actions=actions_)
        old_indexes = [old for olds in existing.values() for old in olds]
        if old_indexes:
            self.client.indices.delete(index=",".join(old_indexes), ignore_unavailable=True)
        self._ready = set(building)
        return counts

    def _aliases(self) -> dict[str, list[str]]:
        """Each audience alias of ours, with the indexes behind it."""
        found: dict[str, list[str]] = {}
        response = self.client.indices.get_alias(
            index=self._all_indexes(), ignore_unavailable=True, allow_no_indices=True
        )
        for index, data in response.body.items():
            for alias in data.get("aliases", {}):
                if not alias.endswith("-next"):
                    found.setdefault(alias, []).append(index)
        return found


# --- the query -------------------------------------------------------------------------------


def _segment(alternatives, typos: bool = True):
    """One segment of the reader's query: any of its alternatives, in any weighted field.

    A word that is no glossary word goes through the search analyzer, and tolerates one wrong
    letter from five letters up. A glossary segment's alternatives are already every phrase of
    its group, so each is matched as it stands through the index analyzer: a synonym graph
    inside phrases and AND queries is where clusters (and the test stand-in) differ, and this
    way every engine finds exactly the same pages."""
    if len(alternatives) == 1 and len(alternatives[0]) == 1:
        options = {"query": alternatives[0][0], "fields": list(FIELDS), "type": "best_fields"}
        if typos:
            options.update(fuzziness=TYPO_FUZZINESS, prefix_length=1)
        return Q("multi_match", **options)
    should = [
        Q(
            "multi_match",
            query=" ".join(phrase),
            fields=list(FIELDS),
            analyzer=INDEX_ANALYZER,
            type="best_fields" if len(phrase) == 1 else "phrase",
        )
        for phrase in alternatives
    ]
    return should[0] if len(should) == 1 else Q("bool", should=should, minimum_should_match=1)


def _filters(filters: dict[str, str]) -> list | None:
    """Term filters for the chosen facets; None when a filter can match nothing."""
    clauses = []
    for name, value in filters.items():
        value = str(value)
        if name == "theme":
            clauses.append(Q("term", themes=value))
        elif name in ("content_type", "community"):
            clauses.append(Q("term", **{name: value}))
        elif name == "year":
            if not value.isdigit():
                return None
            clauses.append(Q("term", year=int(value)))
    return clauses


def _sort(sort: str) -> list:
    if sort == NEWEST:
        return [{"date": {"order": "desc"}}, "_score", {"page_id": "asc"}]
    if sort == OLDEST:
        return [{"date": {"order": "asc"}}, "_score", {"page_id": "asc"}]
    return ["_score", {"date": {"order": "desc"}}, {"page_id": "asc"}]


def _facets(aggregations) -> dict[str, list[FacetValue]]:
    facets = {name: [] for name in FACETS}
    found = aggregations.to_dict() if aggregations is not None else {}  # none: no index yet
    for name in FACETS:
        for bucket in found.get(name, {}).get("buckets", []):
            value = str(bucket["key"])
            if value:
                facets[name].append(FacetValue(value=value, count=bucket["doc_count"]))
    return order_facets(facets)


def _hit(hit) -> SearchHit:
    highlight = getattr(hit.meta, "highlight", None)
    summary = list(getattr(highlight, "summary", []) or []) if highlight else []
    body = list(getattr(highlight, "body", []) or []) if highlight else []
    summary_text, body_text = (summary[0] if summary else ""), (body[0] if body else "")
    if OPEN in summary_text or OPEN not in body_text or not body_text:
        snippet = summary_text or body_text
    else:
        snippet = body_text
    return SearchHit(
        page_id=hit.page_id,
        title=hit.title,
        url=hit.url,
        content_type=hit.content_type,
        community=hit.community or "",
        themes=tuple(hit.themes or ()),
        date=str(hit.date)[:10] if hit.date else "",
        snippet=marked_snippet(snippet),
    )
