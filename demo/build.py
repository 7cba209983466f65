"""The demo programme behind `make run`: two communities, their members and their knowledge.

    plan = build_plan(scale=1)        # pure Python: what the demo should contain
    missing_page_count(plan)          # how many of its pages are not in the database yet
    load(plan, progress=bar.update)   # create whatever is missing, in one transaction

Loading is idempotent: people, communities and sections are looked up by their natural keys
(organisation name, username, community slug) and pages by their slug within the section, so a
second run creates nothing and a run with a larger --scale adds only the extra volume.

Dates are relative to today (the last sessions are still to come, so a community's home shows
upcoming work); everything else is fixed by a seeded random generator, so two loads on the same
day produce the same programme.

Pages are inserted in bulk (see bulk_add_child_pages): Wagtail's add_child and
save_revision().publish() cost dozens of queries a page, far too slow for the --scale volumes
used by the benchmarks. Every challenge thread gets a few replies from other members of its
community, bulk-inserted too, and only on threads that have none yet.

The public side: a learning hub at /learning/ with eighteen published outputs across all twelve
themes, each curated from members-only pages (its sources), one a shared tool with a public
download; and the public information pages (how to join, accessibility statement, privacy
notice). Every one is put to the Chatham House gate before it is inserted (see _load_public).
Then the learning report "Learning from the first phase" (demo_content.LEARNING_REPORT), built
from three of those outputs, is published the way a convener publishes: saved as a revision
(cleaned, which freezes the curated output it freezes) and published through the gate, which
also makes its PDF where learning/report_pdf.py is installed.

Two public pages are left as drafts, never published, for trying the non-attribution check:
"Learning from the care co-operatives" (demo_content.GATE_DEMO_DRAFT) names a member and her
co-operative, and the output "Pricing outcomes in home care" (demo_content.PUBLIC_OUTPUT_DRAFT)
names another and his organisation. Publish either as a convener or the site admin and the
check refuses.
"""

from __future__ import annotations

import copy
import datetime
import hashlib
import json
import random
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify
from modelcluster.models import get_all_child_m2m_relations, get_all_child_relations
from wagtail.documents import get_document_model
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    Page,
    PageLogEntry,
    ReferenceIndex,
    Revision,
)
from wagtail.search.backends import get_search_backends

from attribution.gate import gate_refusal
from attribution.registry import registry_changed
from knowledge.markdown import StoredMarkdown
from knowledge.models import (
    AboutPage,
    CaseStudy,
    ChallengeThread,
    CommunityHomePage,
    HomePage,
    Insight,
    KnowledgePage,
    Reply,
    SessionGuest,
    SessionNote,
    SharedTool,
    SharedToolFile,
    ThemedPage,
)
from knowledge.services.sections import community_section_create
from learning.models import (
    LearningHubPage,
    LearningReportPage,
    PublicOutputFile,
    PublicOutputPage,
    ThemedOutput,
)
from members.models import (
    CONVENERS,
    Application,
    Community,
    Member,
    Membership,
    Organisation,
    PublicContact,
)
from members.services import community_create, membership_add
from themes.models import Theme

from . import content

DEMO_PASSWORD = content.DEMO_PASSWORD
SEED = "practice-commons-demo"
# Deterministic UUIDs (translation keys, StreamField block ids) for deterministic output.
UUID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://practice-commons.example/demo")
PROGRAMME_DAYS = 548  # 18 months
ARCHIVE_SHIFT_DAYS = 80 * 7  # each earlier cohort (archive copy) ran about 18 months earlier
INSIGHTS_PER_COMMUNITY = 60
TOOLS_PER_COMMUNITY = 20
REPLIES_PER_THREAD = (2, 6)
BATCH_SIZE = 250
# The columns of demo_content.CASE_STUDIES and demo_content.TOOLS.
CASE_STUDY_SECTIONS = ("context", "challenge", "approach", "outcomes", "learning")
CASE_STUDY_FIELDS = ("title", "organisation", "consents", "themes", *CASE_STUDY_SECTIONS, "summary")
TOOL_FIELDS = (
    "title", "versions", "communities", "themes", "licence", "description", "how_to_use",
    "summary", "file_name", "file_template",
)  # fmt: skip

Progress = Callable[[int], object]


# =============================================================================================
# Bulk insertion of Wagtail pages
# =============================================================================================


def _concrete_chain(model) -> list:
    """The concrete models of a page type below wagtailcore.Page, most general first."""
    parents = [p for p in model._meta.get_parent_list() if not p._meta.abstract]
    chain = sorted([*parents, model], key=lambda m: len(m._meta.get_parent_list()))
    return [m for m in chain if m is not Page]


def _insert_local_fields(model, objs: Sequence, using: str) -> None:
    """INSERT one multi-table-inheritance level of `objs`: just `model`'s own columns."""
    fields = [f for f in model._meta.local_concrete_fields if not f.generated]
    for start in range(0, len(objs), BATCH_SIZE):
        model._base_manager._insert(objs[start : start + BATCH_SIZE], fields=fields, using=using)


def _next_child_step(parent: Page) -> int:
    last = (
        Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
        .order_by("-path")
        .values_list("path", flat=True)
        .first()
    )
    return Page._str2int(last[-Page.steplen :]) + 1 if last else 1


@transaction.atomic
def bulk_add_child_pages(
    parent: Page,
    pages: Sequence[Page],
    *,
    user=None,
    index: bool = True,
    references: bool = True,
) -> list[Page]:
    """Insert unsaved page instances as live, published children of `parent`, in bulk.

    Does what add_child() and save_revision().publish() would, in a handful of queries per
    batch rather than dozens per page: computes each page's materialised path (treebeard's
    4-character base-36 steps, continuing after the parent's last child), depth and url_path;
    inserts each multi-table-inheritance level (wagtailcore.Page with bulk_create, then each
    subclass table with only its local columns); inserts child relations (ParentalKey children
    such as theme tags, and ParentalManyToMany rows) set on the instances in memory; creates a
    revision and 'create' and 'publish' log entries per page; updates the parent's numchild;
    and adds the pages to the search index and the reference index.

    Pages may be of mixed types. Each page's first_published_at is kept if set (else now), and
    owner is used as the revision's author (else `user`). Slugs must be unique among the
    parent's children; that is the caller's job, as with add_child().
    """
    if not pages:
        return []
    pages = list(pages)
    using = Page.objects.db
    parent = Page.objects.select_for_update().get(pk=parent.pk)  # fresh, and ours till commit
    now = datetime.datetime.now(tz=datetime.UTC)
    step = _next_child_step(parent)
    if step + len(pages) > len(Page.alphabet) ** Page.steplen:
        raise ValueError(f"{parent} cannot hold {len(pages)} more children (path overflow).")
    depth = parent.depth + 1
    page_content_type_id = ContentType.objects.get_for_model(Page).id

    # Pin every child relation in memory before the pages have ids: afterwards, an unpinned
    # relation would be read from the database, page by page.
    children: list[dict] = []
    m2m: list[dict] = []
    relations_of: dict = {}
    for page in pages:
        model = type(page)
        if model not in relations_of:
            relations_of[model] = (
                get_all_child_relations(model),
                get_all_child_m2m_relations(model),
            )
        child_relations, m2m_fields = relations_of[model]
        page_children = {}
        for relation in child_relations:
            name = relation.get_accessor_name()
            items = list(getattr(page, name).all())
            setattr(page, name, items)
            page_children[relation] = items
        page_m2m = {}
        for m2m_field in m2m_fields:
            items = list(getattr(page, m2m_field.name).all())
            setattr(page, m2m_field.name, items)
            page_m2m[m2m_field] = items
        children.append(page_children)
        m2m.append(page_m2m)
        if isinstance(page, StoredMarkdown):  # save() would render it; bulk inserts skip save()
            page.markdown_render()

        page.path = Page._get_path(parent.path, depth, step)
        step += 1
        page.depth = depth
        page.numchild = 0
        page.url_path = f"{parent.url_path}{page.slug}/"
        page.locale_id = page.locale_id or parent.locale_id
        page.live = True
        page.has_unpublished_changes = False
        page.draft_title = page.title
        page.first_published_at = page.first_published_at or now
        page.last_published_at = page.last_published_at or page.first_published_at
        page.latest_revision_created_at = page.last_published_at
        if page.owner_id is None and user is not None:
            page.owner = user

    # 1. The wagtailcore_page rows (bulk_create sets each instance's id), then each subclass
    # table in turn, with its parent-link column pointing at the same id.
    Page.objects.bulk_create(pages, batch_size=BATCH_SIZE)
    by_model: dict = defaultdict(list)
    for page in pages:
        by_model[type(page)].append(page)
    levels: dict = defaultdict(list)
    for model, objs in by_model.items():
        for level in _concrete_chain(model):
            for obj in objs:
                setattr(obj, level._meta.pk.attname, obj.id)
            levels[level].extend(objs)
    for level in sorted(levels, key=lambda m: len(m._meta.get_parent_list())):
        _insert_local_fields(level, levels[level], using)

    # 2. Child relations: tags, guests, files (ParentalKey) and attendees (ParentalManyToMany).
    child_rows: dict = defaultdict(list)
    through_rows: dict = defaultdict(list)
    for page, page_children, page_m2m in zip(pages, children, m2m, strict=True):
        for relation, items in page_children.items():
            for order, item in enumerate(items):
                setattr(item, relation.field.attname, page.id)
                if hasattr(item, "sort_order") and item.sort_order is None:
                    item.sort_order = order
                child_rows[relation.related_model].append(item)
        for m2m_field, targets in page_m2m.items():
            through = m2m_field.remote_field.through
            source, target = m2m_field.m2m_field_name(), m2m_field.m2m_reverse_field_name()
            through_rows[through].extend(
                through(**{f"{source}_id": page.id, f"{target}_id": item.pk}) for item in targets
            )
    for model, rows in child_rows.items():
        model.objects.bulk_create(rows, batch_size=BATCH_SIZE)
    for through, rows in through_rows.items():
        through.objects.bulk_create(rows, batch_size=BATCH_SIZE)

    # 3. A revision per page, live and latest, and the log entries publishing would write.
    revisions = [
        Revision(
            content_type_id=page.content_type_id,
            base_content_type_id=page_content_type_id,
            object_id=str(page.id),
            created_at=page.last_published_at,
            user_id=page.owner_id,
            object_str=page.title,
            content=page.serializable_data(),
        )
        for page in pages
    ]
    Revision.objects.bulk_create(revisions, batch_size=BATCH_SIZE)
    for page, revision in zip(pages, revisions, strict=True):
        page.latest_revision_id = revision.id
        page.live_revision_id = revision.id
    Page.objects.bulk_update(pages, ["latest_revision", "live_revision"], batch_size=BATCH_SIZE)
    PageLogEntry.objects.bulk_create(
        [
            PageLogEntry(
                page_id=page.id,
                content_type_id=page.content_type_id,
                label=page.title,
                action=action,
                timestamp=page.first_published_at,
                user_id=page.owner_id,
                revision_id=revision.id if action == "wagtail.publish" else None,
                content_changed=True,
            )
            for page, revision in zip(pages, revisions, strict=True)
            for action in ("wagtail.create", "wagtail.publish")
        ],
        batch_size=BATCH_SIZE,
    )
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(pages))

    # 4. What the post-save signal handlers would have done: search and reference indexes.
    if index:
        for backend in get_search_backends(with_auto_update=True):
            for model, objs in by_model.items():
                backend.add_bulk(model, objs)
    if references:
        _bulk_add_references(pages, page_content_type_id)
    if index:
        from search.indexing import reindex_pages  # search reads these models in turn

        reindex_pages([page.pk for page in pages])  # the site's own search (search/)
    return pages


def _bulk_add_references(pages: Sequence[Page], page_content_type_id: int) -> None:
    """ReferenceIndex.create_or_update_for_object for new pages (nothing to update or delete),
    in one bulk insert rather than two queries a page. Uses two of ReferenceIndex's private
    helpers; should they change, falls back to the public method, page by page."""
    try:
        extract = ReferenceIndex._extract_references_from_object
        content_path_hash = ReferenceIndex._get_content_path_hash
    except AttributeError:  # pragma: no cover - a future Wagtail
        for page in pages:
            ReferenceIndex.create_or_update_for_object(page)
        return
    rows = [
        ReferenceIndex(
            content_type_id=page.content_type_id,
            base_content_type_id=page_content_type_id,
            object_id=str(page.pk),
            to_content_type_id=to_content_type_id,
            to_object_id=to_object_id,
            model_path=model_path,
            content_path=content_path,
            content_path_hash=content_path_hash(content_path),
        )
        for page in pages
        for to_content_type_id, to_object_id, model_path, content_path in set(extract(page))
    ]
    ReferenceIndex.objects.bulk_create(rows, batch_size=BATCH_SIZE)


# =============================================================================================
# The plan: what the demo contains, as plain data
# =============================================================================================


@dataclass
class ReplySpec:
    author: str  # username
    created_at: datetime.datetime
    body: str  # Markdown
    is_learning: bool = False


@dataclass
class PageSpec:
    model: type
    title: str
    slug: str
    owner: str  # username
    published_at: datetime.datetime
    themes: list[str]
    summary: str
    fields: dict = field(default_factory=dict)
    attendees: list[str] = field(default_factory=list)  # usernames
    guests: list[dict] = field(default_factory=list)
    files: list[dict] = field(default_factory=list)  # title, name, content (bytes)
    source_slug: str = ""
    replies: list[ReplySpec] = field(default_factory=list)  # challenge threads only


@dataclass
class CommunityPlan:
    key: str
    name: str
    domain: str
    description: str
    welcome: str
    start_date: datetime.date
    end_date: datetime.date
    pages: list[PageSpec]


@dataclass
class PublicPageSpec:
    """A public page: the learning hub, an information page under the home page, or an output
    under the hub. Published through the Chatham House gate, unless it is the draft."""

    model: type
    title: str
    slug: str
    owner: str  # username
    published_at: datetime.datetime
    fields: dict = field(default_factory=dict)
    themes: list[str] = field(default_factory=list)
    sources: list[tuple[str, str]] = field(default_factory=list)  # (community key, slug)
    file: dict | None = None  # title, name, content (bytes): a public download
    draft: bool = False  # left unpublished: it names someone, so the gate refuses it
    # A learning report's sections: demo_content.LEARNING_REPORT's, curated outputs by slug.
    sections: list[dict] = field(default_factory=list)


@dataclass
class Plan:
    today: datetime.date
    scale: int
    communities: list[CommunityPlan]
    public: list[PublicPageSpec] = field(default_factory=list)

    @property
    def page_count(self) -> int:
        return sum(len(community.pages) for community in self.communities) + len(self.public)

    @property
    def reply_count(self) -> int:
        return sum(len(page.replies) for c in self.communities for page in c.pages)


def _at(day: datetime.date, rng: random.Random, hour: int = 9) -> datetime.datetime:
    minutes = rng.randrange(0, 8 * 60)
    return datetime.datetime.combine(
        day, datetime.time(hour), tzinfo=datetime.UTC
    ) + datetime.timedelta(minutes=minutes)


def _html_list(items: Iterable[str]) -> str:
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def _people_of(key: str) -> dict[str, list[str]]:
    """Usernames in a community by role."""
    roles: dict[str, list[str]] = defaultdict(list)
    for username, *_rest, communities in content.PEOPLE:
        if key in communities:
            roles[communities[key]].append(username)
    return roles


def _records(fields: Sequence[str], rows: Iterable[Sequence]) -> list[dict]:
    return [dict(zip(fields, row, strict=True)) for row in rows]


def _first_upper(text: str) -> str:
    return text[:1].upper() + text[1:]


def _replies(
    key: str,
    rng: random.Random,
    *,
    owner: str,
    authors: Sequence[str],
    themes: Sequence[str],
    published_at: datetime.datetime,
    latest_at: datetime.datetime,
    learning: str | None,
) -> list[ReplySpec]:
    """A thread's replies: 2 to 6 members other than its owner, each an opener in the
    community's voice and a point on one of the thread's themes, dated between the thread's
    publication and `latest_at`. With `learning` (an answered thread) one of the last two
    replies is the learning, leading into that text."""
    count = rng.randint(*REPLIES_PER_THREAD)
    pool = [username for username in authors if username != owner]
    people = rng.sample(pool, min(count, len(pool)))
    people += rng.choices(pool, k=count - len(people))  # only for a very small community
    # Points on the thread's own themes first; a busy thread on one theme borrows from others.
    own = [point for theme in themes for point in content.REPLY_POINTS[theme]]
    other = [p for t, ps in content.REPLY_POINTS.items() if t not in themes for p in ps]
    points = rng.sample(own, min(count, len(own)))
    points += rng.sample(other, count - len(points))
    openers = rng.sample(content.REPLY_OPENERS[key], count)
    low = published_at + datetime.timedelta(hours=2)
    high = min(published_at + datetime.timedelta(days=60), latest_at)
    span = max(int((high - low).total_seconds()), 60 * count)
    times = sorted(low + datetime.timedelta(seconds=rng.randrange(span)) for _ in range(count))
    learning_at = rng.randrange(max(1, count - 2), count) if learning else None
    replies = []
    for i in range(count):
        if i == learning_at:
            paragraphs = [rng.choice(content.REPLY_LEARNING_LEADS[key]), learning, points[i]]
        else:
            paragraphs = [openers[i], points[i]]
            if rng.random() < 0.35:
                paragraphs.append(rng.choice(content.REPLY_CLOSERS[key]))
        replies.append(
            ReplySpec(
                author=people[i],
                created_at=times[i],
                body="\n\n".join(paragraphs),
                is_learning=i == learning_at,
            )
        )
    return replies


def _schedule(spec: dict, today: datetime.date) -> list[datetime.date]:
    last_past = today - datetime.timedelta(days=spec["last_past_session_days_ago"])
    last_past -= datetime.timedelta(days=(last_past.weekday() - spec["weekday"]) % 7)
    cadence = datetime.timedelta(days=spec["cadence_days"])
    first = last_past - cadence * (spec["past_sessions"] - 1)
    return [first + cadence * i for i in range(len(content.SESSION_TOPICS[spec["key"]]))]


def _copy_pages(spec: dict, copy: int, today: datetime.date) -> list[PageSpec]:
    """One copy of a community's knowledge: copy 1 is the current programme, copies 2..N are
    earlier cohorts (archives), titled "(archive N)" and dated about 18 months apart."""
    key = spec["key"]
    rng = random.Random(f"{SEED}:{key}:{copy}")  # noqa: S311  (demo data, not security)
    shift = datetime.timedelta(days=ARCHIVE_SHIFT_DAYS * (copy - 1))
    dates = [day - shift for day in _schedule(spec, today)]
    # Nothing is published after yesterday, nor (for an archive) after its cohort ended.
    start = dates[0]
    latest = min(today - datetime.timedelta(days=1), dates[-1] + datetime.timedelta(days=14))
    latest_at = datetime.datetime.combine(latest, datetime.time(18), tzinfo=datetime.UTC)
    people = _people_of(key)
    convener = people["convener"][0]
    members = people["member"]
    everyone = members + people["guest"]
    # Replies draw on their own generator, so adding them left the rest of the plan unchanged.
    reply_rng = random.Random(f"{SEED}:{key}:{copy}:replies")  # noqa: S311
    suffix = f" (archive {copy})" if copy > 1 else ""
    slug_suffix = f"-archive-{copy}" if copy > 1 else ""

    def slug(title: str) -> str:
        return slugify(title)[:200] + slug_suffix

    def when(low: datetime.date, high: datetime.date) -> datetime.datetime:
        high = max(low, high)
        day = low + datetime.timedelta(days=rng.randrange((high - low).days + 1))
        return min(_at(day, rng), latest_at)

    def uid(*parts) -> str:
        return str(uuid.uuid5(UUID_NAMESPACE, "/".join(map(str, (key, copy, *parts)))))

    sessions, threads, cases, tools, insight_pool = [], [], [], [], []

    # Session notes.
    for number, (topic, day) in enumerate(
        zip(content.SESSION_TOPICS[key], dates, strict=True), start=1
    ):
        title = f"Session {number}: {topic['title']}{suffix}"
        upcoming = day >= today
        guests = []
        if topic["guest"]:
            name, organisation, role, consents = topic["guest"]
            guests.append(
                {
                    "name": name,
                    "organisation": organisation,
                    "role": role,
                    "consents_to_be_named": consents,
                }
            )
        record, attendees = [], []
        if not upcoming:
            updates = rng.sample(content.UPDATES[key], 3)
            sections = [
                ("updates", "<p>Since the last session:</p>" + _html_list(updates)),
                ("presentation", f"<p>{topic['presentation']}</p>"),
                ("discussion", f"<p>{topic['discussion']}</p>"),
                (
                    "insights",
                    _html_list(f"<b>{t}.</b> {text}" for t, text in topic["insights"]),
                ),
                ("actions", _html_list(topic["actions"])),
                ("challenges_raised", f"<p>{topic['challenges']}</p>"),
            ]
            record = [
                {"type": block, "value": html, "id": uid("session", number, block)}
                for block, html in sections
            ]
            attendees = [convener] + sorted(
                rng.sample(everyone, round(len(everyone) * rng.uniform(0.55, 0.85)))
            )
            published = min(_at(day + datetime.timedelta(days=2), rng, hour=10), latest_at)
        else:
            published = when(day - datetime.timedelta(days=35), day - datetime.timedelta(days=21))
        sessions.append(
            PageSpec(
                model=SessionNote,
                title=title,
                slug=slug(f"session-{number}-{topic['title']}"),
                owner=convener,
                published_at=published,
                themes=topic["themes"],
                summary=topic.get("preview", topic["summary"]) if upcoming else topic["summary"],
                fields={
                    "date": day,
                    "format": topic["format"],
                    "agenda": "\n".join(
                        f"{i}. {item}" for i, item in enumerate(topic["agenda"], start=1)
                    ),
                    "record": json.dumps(record),
                },
                attendees=attendees,
                guests=guests,
            )
        )
        if not upcoming:
            for insight_title, learning in topic["insights"]:
                insight_pool.append((insight_title, learning, sessions[-1], topic["themes"]))

    # Challenge threads: every question in its two settings.
    for template, settings, question, themes, summary, insight in content.THREADS[key]:
        for variant, setting in enumerate(settings):
            title = _first_upper(template.format(x=setting)) + suffix
            published = when(start, latest - datetime.timedelta(days=7))
            age = (latest - published.date()).days / max(1, (latest - start).days)
            weights = (0.1, 0.25, 0.65) if age > 0.5 else (0.45, 0.35, 0.2)
            status = rng.choices(["open", "exploring", "answered"], weights)[0]
            if variant == 0 and status == "open":
                status = "exploring"  # its answers gave an insight
            threads.append(
                PageSpec(
                    model=ChallengeThread,
                    title=title,
                    slug=slug(template.format(x=setting)),
                    owner=rng.choice(members),
                    published_at=published,
                    themes=themes,
                    summary=summary,
                    fields={"question": question.format(x=setting), "status": status},
                )
            )
            threads[-1].replies = _replies(
                key,
                reply_rng,
                owner=threads[-1].owner,
                authors=[convener, *everyone],
                themes=themes,
                published_at=published,
                latest_at=latest_at,
                learning=insight[1] if status == "answered" else None,
            )
            if variant == 0:
                insight_pool.append((insight[0], insight[1], threads[-1], themes))

    # Case studies, in the second half of the programme.
    midpoint = start + (latest - start) / 2
    for case in _records(CASE_STUDY_FIELDS, content.CASE_STUDIES[key]):
        cases.append(
            PageSpec(
                model=CaseStudy,
                title=case["title"] + suffix,
                slug=slug(case["title"]),
                owner=convener,
                published_at=when(midpoint, latest),
                themes=case["themes"],
                summary=case["summary"],
                fields={
                    "organisation": case["organisation"],
                    "organisation_consents_to_be_named": case["consents"],
                    **{name: f"<p>{case[name]}</p>" for name in CASE_STUDY_SECTIONS},
                },
            )
        )
        insight_pool.append(
            (f"{case['title']}: what we learned", case["learning"], cases[-1], case["themes"])
        )

    # Shared tools: every tool for this community in both versions, then twenty of them.
    audience = "care" if key == content.CARE_BUSINESSES else "commissioning"
    initials = "".join(word[0] for word in key.split("-"))  # FileField names fit in 100
    candidates = [
        (tool, version)
        for tool in _records(TOOL_FIELDS, content.TOOLS)
        if tool["communities"] in ("both", audience)
        for version in tool["versions"]
    ]
    for tool, version in rng.sample(candidates, TOOLS_PER_COMMUNITY):
        title = _first_upper(tool["title"].format(version=version))
        stem, _, extension = tool["file_name"].format(slug=slugify(version)).rpartition(".")
        tools.append(
            PageSpec(
                model=SharedTool,
                title=title + suffix,
                slug=slug(title),
                owner=rng.choice(members),
                published_at=when(start, latest),
                themes=tool["themes"],
                summary=tool["summary"],
                fields={
                    "description": tool["description"].format(version=version),
                    "how_to_use": tool["how_to_use"],
                    "licence": tool["licence"],
                },
                files=[
                    {
                        "title": title + suffix,
                        "name": f"documents/{initials}-{stem}{slug_suffix}.{extension}",
                        "content": _render_file(tool["file_template"], version),
                    }
                ],
            )
        )

    # Insights: sixty learning points drawn from the sessions, threads and case studies.
    chosen = rng.sample(insight_pool, INSIGHTS_PER_COMMUNITY)
    insights = []
    for insight_title, learning, source, themes in chosen:
        low = source.published_at.date() + datetime.timedelta(days=3)
        insights.append(
            PageSpec(
                model=Insight,
                title=insight_title + suffix,
                slug=slug(insight_title),
                owner=convener,
                published_at=when(low, low + datetime.timedelta(days=30)),
                themes=themes[:2],
                summary=learning,
                fields={"learning": learning},
                source_slug=source.slug,
            )
        )
    insights.sort(key=lambda spec: spec.published_at)
    return sessions + threads + cases + tools + insights


def _render_file(template, version: str) -> bytes:
    if isinstance(template, list):  # CSV rows
        lines = []
        for row in template:
            cells = [f'"{cell}"' if "," in cell else cell for cell in row]
            lines.append(",".join(cells))
        return ("\n".join(lines) + "\n").encode()
    return template.format(version=version, version_upper=version.upper()).encode()


def build_plan(*, scale: int = 1, today: datetime.date | None = None) -> Plan:
    """The demo programme at this scale, as of `today`. Pure Python; touches no database."""
    if scale < 1:
        raise ValueError("scale must be at least 1")
    today = today or timezone.localdate()
    communities = []
    for spec in content.COMMUNITIES:
        pages = [page for copy in range(1, scale + 1) for page in _copy_pages(spec, copy, today)]
        too_long = [f["name"] for page in pages for f in page.files if len(f["name"]) > 100]
        if too_long:  # FileField's max_length; PostgreSQL would refuse them
            raise ValueError(f"Demo file names longer than 100 characters: {too_long}")
        slugs = [page.slug for page in pages]
        if len(slugs) != len(set(slugs)):  # a content error: two pages would share a URL
            duplicates = sorted({s for s in slugs if slugs.count(s) > 1})
            raise ValueError(f"Duplicate demo slugs in {spec['key']}: {duplicates}")
        start = _schedule(spec, today)[0]
        communities.append(
            CommunityPlan(
                key=spec["key"],
                name=spec["name"],
                domain=spec["domain"],
                description=spec["description"],
                welcome=spec["welcome"],
                start_date=start,
                end_date=start + datetime.timedelta(days=PROGRAMME_DAYS),
                pages=pages,
            )
        )
    return Plan(today=today, scale=scale, communities=communities, public=_public_pages(today))


def _public_pages(today: datetime.date) -> list[PublicPageSpec]:
    """The learning hub, its outputs (and the one draft that names a member), and the public
    information pages, dated back from `today`."""

    def days_ago(days: int) -> datetime.datetime:
        day = today - datetime.timedelta(days=days)
        return datetime.datetime.combine(day, datetime.time(10), tzinfo=datetime.UTC)

    admin = content.SITE_ADMIN[0]
    oldest = max(spec["days_ago"] for spec in content.PUBLIC_OUTPUTS) + 7
    prepared = f"{today:%B %Y}"
    pages = [
        PublicPageSpec(
            model=AboutPage,
            title=title,
            slug=slug,
            owner=admin,
            published_at=days_ago(oldest),
            fields={
                "body": body.replace("{prepared}", prepared),
                # The header: how to join; the footer lists every information page.
                "show_in_menus": slug == "how-to-join",
            },
        )
        for title, slug, body in content.PUBLIC_ABOUT_PAGES
    ]
    hub = content.LEARNING_HUB
    pages.append(
        PublicPageSpec(
            model=LearningHubPage,
            title=hub["title"],
            slug=hub["slug"],
            owner=admin,
            published_at=days_ago(oldest),
            fields={
                "intro": hub["intro"],
                "search_description": hub["search_description"],
                "show_in_menus": True,
            },
        )
    )
    for spec in [*content.PUBLIC_OUTPUTS, content.PUBLIC_OUTPUT_DRAFT]:
        draft = spec is content.PUBLIC_OUTPUT_DRAFT
        fields = {"kind": spec["kind"], "summary": spec["summary"], "body": spec["body"]}
        if spec.get("licence"):
            fields["licence"] = spec["licence"]
        file = None
        if spec.get("file"):
            file = {
                "title": spec["file"]["title"],
                "name": spec["file"]["name"],
                "content": content.ISF_CLAUSES.format(version=spec["file"]["version"]).encode(),
            }
        pages.append(
            PublicPageSpec(
                model=PublicOutputPage,
                title=spec["title"],
                slug=spec["slug"],
                owner=_people_of(spec["community"])["convener"][0],
                published_at=days_ago(spec.get("days_ago", 0)),
                fields=fields,
                themes=list(spec["themes"]),
                sources=list(spec["sources"]),
                file=file,
                draft=draft,
            )
        )
    pages.append(_report_spec(content.LEARNING_REPORT, days_ago))
    return pages


def _report_spec(spec: dict, days_ago: Callable[[int], datetime.datetime]) -> PublicPageSpec:
    """The learning report, published after the outputs it pulls in; its sources are theirs."""
    outputs = {output["slug"]: output for output in content.PUBLIC_OUTPUTS}
    curated = [
        value["output"]
        for section in spec["sections"]
        for kind, value in section["content"]
        if kind == "curated_output"
    ]
    sources = list(dict.fromkeys(key for slug in curated for key in outputs[slug]["sources"]))
    published_at = days_ago(spec["days_ago"])
    return PublicPageSpec(
        model=LearningReportPage,
        title=spec["title"],
        slug=spec["slug"],
        owner=_people_of(spec["community"])["convener"][0],
        published_at=published_at,
        fields={
            "summary": spec["summary"],
            "body": spec["body"],
            "conclusion": spec["conclusion"],
            "publication_date": published_at.date(),
        },
        themes=list(spec["themes"]),
        sources=sources,
        sections=list(spec["sections"]),
    )


# =============================================================================================
# Loading
# =============================================================================================


@dataclass
class LoadResult:
    organisations: int = 0
    users: int = 0
    members: int = 0
    communities: int = 0
    memberships: int = 0
    documents: int = 0
    pages: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    replies: int = 0
    applications: int = 0

    @property
    def page_total(self) -> int:
        return sum(self.pages.values())

    @property
    def nothing_created(self) -> bool:
        return not (
            self.organisations
            or self.users
            or self.members
            or self.communities
            or self.memberships
            or self.documents
            or self.page_total
            or self.replies
            or self.applications
        )


def _section_for(key: str):
    return CommunityHomePage.objects.filter(community__slug=key).first()


def _existing_slugs(section) -> set[str]:
    if section is None:
        return set()
    return set(
        Page.objects.filter(path__startswith=section.path, depth=section.depth + 1).values_list(
            "slug", flat=True
        )
    )


def missing_page_count(plan: Plan) -> int:
    """How many of the plan's pages are not in the database yet."""
    missing = 0
    for community in plan.communities:
        existing = _existing_slugs(_section_for(community.key))
        missing += sum(1 for page in community.pages if page.slug not in existing)
    return missing + len(_missing_public(plan))


def _missing_public(plan: Plan) -> list[PublicPageSpec]:
    """The plan's public pages not in the database yet. There is only ever one learning hub:
    if the convener moved or renamed it, its outputs are looked for there."""
    home = HomePage.objects.first()
    top = set(Page.objects.child_of(home).values_list("slug", flat=True)) if home else set()
    hub = LearningHubPage.objects.first()
    outputs = set(Page.objects.child_of(hub).values_list("slug", flat=True)) if hub else set()
    missing = []
    for spec in plan.public:
        if spec.model is LearningHubPage:
            present = hub is not None
        elif issubclass(spec.model, PublicOutputPage):  # an output or a learning report
            present = spec.slug in outputs
        else:
            present = spec.slug in top
        if not present:
            missing.append(spec)
    return missing


def _load_people(result: LoadResult) -> dict:
    """Organisations, users, members and the site admin; returns users by username."""
    User = get_user_model()
    organisations = {org.name: org for org in Organisation.objects.all()}
    for name, type_, region, aliases, _domain in content.ORGANISATIONS:
        if name not in organisations:
            organisations[name] = Organisation.objects.create(
                name=name, type=type_, region=region, aliases="\n".join(aliases)
            )
            result.organisations += 1
    domains = {name: domain for name, *_rest, domain in content.ORGANISATIONS}

    usernames = [person[0] for person in content.PEOPLE] + [content.SITE_ADMIN[0]]
    users = {user.username: user for user in User.objects.filter(username__in=usernames)}
    password = None  # hashed once: the slow part of creating a user
    for username, first, last, organisation, _role, _aliases, _communities in content.PEOPLE:
        if username not in users:
            password = password or make_password(DEMO_PASSWORD)
            users[username] = User.objects.create(
                username=username,
                email=f"{username}@{domains[organisation]}",
                first_name=first,
                last_name=last,
                password=password,
            )
            result.users += 1
    admin_name, admin_email = content.SITE_ADMIN
    if admin_name not in users:
        password = password or make_password(DEMO_PASSWORD)
        users[admin_name] = User.objects.create(
            username=admin_name,
            email=admin_email,
            password=password,
            is_staff=True,
            is_superuser=True,
        )
        result.users += 1

    with_member = set(
        Member.objects.filter(user__in=users.values()).values_list("user__username", flat=True)
    )
    for username, first, last, organisation, role, aliases, _communities in content.PEOPLE:
        if username not in with_member:
            Member.objects.create(
                user=users[username],
                display_name=f"{first} {last}",
                aliases="\n".join(aliases),
                organisation=organisations[organisation],
                role_in_organisation=role,
            )
            result.members += 1
    # Proposed by the convener, approved by the site admin (only site admins approve).
    convener, admin = users[content.DEMO_LOGINS[2][1]], users[admin_name]
    for value, description in content.PUBLIC_CONTACTS:
        PublicContact.objects.get_or_create(
            value=value,
            defaults={
                "description": description,
                "proposed_by": convener,
                "approved": True,
                "approved_by": admin,
                "approved_at": timezone.now(),
            },
        )
    return users


def _load_community(community_plan: CommunityPlan, home, result: LoadResult):
    community = Community.objects.filter(slug=community_plan.key).first()
    if community is None:
        community = Community(
            name=community_plan.name,
            slug=community_plan.key,
            domain=community_plan.domain,
            description=community_plan.description,
            start_date=community_plan.start_date,
            end_date=community_plan.end_date,
        )
        community_create(community=community)
        result.communities += 1
    existing = set(
        Membership.objects.filter(community=community).values_list(
            "member__user__username", flat=True
        )
    )
    members = {
        member.user.username: member
        for member in Member.objects.filter(
            user__username__in=[p[0] for p in content.PEOPLE]
        ).select_related("user")
    }
    for username, *_rest, communities in content.PEOPLE:
        role = communities.get(community_plan.key)
        if role and username not in existing:
            membership_add(community=community, member=members[username], role=role)
            result.memberships += 1
    section = CommunityHomePage.objects.filter(community=community).first()
    if section is None:
        section = community_section_create(
            community=community, home=home, welcome=community_plan.welcome
        )
    return community, section


def _documents_for(specs: list[PageSpec], community, users, result: LoadResult) -> dict:
    """The documents of these tools' files, by file name: reused if a previous load made them."""
    Document = get_document_model()
    names = [file["name"] for spec in specs for file in spec.files]
    documents = {doc.file.name: doc for doc in Document.objects.filter(file__in=names)}
    new = []
    for spec in specs:
        for file in spec.files:
            if file["name"] in documents:
                continue
            data = file["content"]
            if default_storage.exists(file["name"]):
                default_storage.delete(file["name"])  # left by a load that was rolled back
            stored = default_storage.save(file["name"], ContentFile(data))
            document = Document(
                title=file["title"],
                file=stored,
                collection=community.documents_collection,
                uploaded_by_user=users[spec.owner],
                file_size=len(data),
                file_hash=hashlib.sha1(data, usedforsecurity=False).hexdigest(),
            )
            documents[file["name"]] = document
            new.append(document)
    if new:
        Document.objects.bulk_create(new, batch_size=BATCH_SIZE)
        for backend in get_search_backends(with_auto_update=True):
            backend.add_bulk(Document, new)
        result.documents += len(new)
    return documents


def _page_from_spec(
    spec: PageSpec, *, users, members, themes, organisations, documents, sources, translation_key
) -> Page:
    fields = dict(spec.fields)
    if spec.model is CaseStudy:
        fields["organisation"] = organisations.get(fields["organisation"])
    relations = {"themed_items": [ThemedPage(tag=themes[name]) for name in spec.themes]}
    if spec.model is SessionNote:
        relations["attendees"] = [members[username] for username in spec.attendees]
        relations["guests"] = [
            SessionGuest(sort_order=i, **guest) for i, guest in enumerate(spec.guests)
        ]
    if spec.model is SharedTool:
        relations["files"] = [
            SharedToolFile(sort_order=i, document=documents[file["name"]])
            for i, file in enumerate(spec.files)
        ]
    if spec.model is Insight and spec.source_slug:
        fields["source_page_id"] = sources.get(spec.source_slug)
    return spec.model(
        title=spec.title,
        slug=spec.slug,
        owner=users[spec.owner],
        first_published_at=spec.published_at,
        last_published_at=spec.published_at,
        summary=spec.summary,
        translation_key=translation_key,
        **fields,
        **relations,
    )


def _load_pages(community_plan, community, section, users, result, progress) -> None:
    existing = _existing_slugs(section)
    todo = [spec for spec in community_plan.pages if spec.slug not in existing]
    if not todo:
        return
    members = {
        member.user.username: member
        for member in Member.objects.filter(user__in=users.values()).select_related("user")
    }
    themes = {theme.name: theme for theme in Theme.objects.all()}
    organisations = {org.name: org for org in Organisation.objects.all()}
    documents = _documents_for([spec for spec in todo if spec.files], community, users, result)
    # Insights point at their sources, so they go in once everything else has an id.
    first = [spec for spec in todo if spec.model is not Insight]
    then = [spec for spec in todo if spec.model is Insight]
    sources: dict[str, int] = {}
    for batch_specs in (first, then):
        if batch_specs is then and then:
            sources = dict(
                Page.objects.filter(
                    path__startswith=section.path, depth=section.depth + 1
                ).values_list("slug", "id")
            )
        for start in range(0, len(batch_specs), BATCH_SIZE):
            chunk = batch_specs[start : start + BATCH_SIZE]
            pages = [
                _page_from_spec(
                    spec,
                    users=users,
                    members=members,
                    themes=themes,
                    organisations=organisations,
                    documents=documents,
                    sources=sources,
                    translation_key=uuid.uuid5(UUID_NAMESPACE, f"{community.slug}/{spec.slug}"),
                )
                for spec in chunk
            ]
            bulk_add_child_pages(section, pages)
            for spec in chunk:
                result.pages[str(spec.model._meta.verbose_name_plural)] += 1
            if progress:
                progress(len(chunk))


def _load_replies(community_plan: CommunityPlan, section, result: LoadResult) -> None:
    """The planned replies of the section's threads that have none yet, in bulk."""
    bare = dict(
        ChallengeThread.objects.child_of(section)
        .filter(replies__isnull=True)
        .values_list("slug", "id")
    )
    specs = [spec for spec in community_plan.pages if spec.replies and spec.slug in bare]
    if not specs:
        return
    usernames = {reply.author for spec in specs for reply in spec.replies}
    members = dict(
        Member.objects.filter(user__username__in=usernames).values_list("user__username", "id")
    )
    replies = [
        Reply(
            thread_id=bare[spec.slug],
            author_id=members[reply.author],
            body=reply.body,
            is_learning=reply.is_learning,
            created_at=reply.created_at,
        )
        for spec in specs
        for reply in spec.replies
    ]
    for reply in replies:  # save() would render it; bulk_create skips save()
        reply.markdown_render()
    Reply.objects.bulk_create(replies, batch_size=BATCH_SIZE)
    result.replies += len(replies)


@transaction.atomic
def load(plan: Plan, *, progress: Progress | None = None) -> LoadResult:
    """Create whatever part of the plan is missing. Safe to run again: it tops up, never
    duplicates. `progress(n)` is called as each batch of n pages is inserted."""
    result = LoadResult()
    home = HomePage.objects.first()
    if home is None:
        raise RuntimeError("There is no home page: run `manage.py migrate` first.")
    users = _load_people(result)
    for community_plan in plan.communities:
        community, section = _load_community(community_plan, home, result)
        _load_pages(community_plan, community, section, users, result, progress)
        _load_replies(community_plan, section, result)
    _load_gate_demo_draft(home, users, result)
    _load_public(plan, users, result, progress)
    _load_recruiting(plan, users, result)
    # Guests were inserted in bulk, past the signals that keep the registry fresh.
    registry_changed()
    return result


# Applicants to the first community, one at each stage (members/joining.py). They are not
# participants, so their names are not protected: made up, and nobody else's.
DEMO_APPLICANTS = [
    ("Grace Mensah", "Northfield Care Co-op", "care_cooperative", "north_east", "draft"),
    ("Owen Pritchard", "Valley Home Support CIC", "social_enterprise", "south_west", "submitted"),
    ("Farah Siddiqui", "Eastside Micro-Carers", "micro_enterprise", "london", "submitted"),
    ("Ciaran Doyle", "Riverside Community Care", "community_business", "north_west", "accepted"),
    ("Beatrice Okoro", "Hilltop Day Opportunities", "charity", "east_midlands", "declined"),
]


DECIDED = ("accepted", "declined")


def _load_recruiting(plan: Plan, users, result: LoadResult) -> None:
    """The first community recruits: its application page is open for three weeks, with an
    application at each stage for the convener to see in the admin (Applications)."""
    community = Community.objects.get(slug=plan.communities[0].key)
    now = timezone.now()
    if community.applications_open_at is None:
        community.applications_open_at = now - datetime.timedelta(days=7)
        community.applications_close_at = now + datetime.timedelta(days=21)
        community.save(update_fields=["applications_open_at", "applications_close_at"])
    if Application.objects.filter(community=community).exists():
        return
    convener = users.get(content.DEMO_LOGINS[2][1])
    for i, (name, organisation, kind, region, status) in enumerate(DEMO_APPLICANTS):
        first = name.split()[0].lower()
        submitted = status != "draft"
        Application.objects.create(
            community=community,
            status=status,
            name=name,
            email=f"{first}@example.org",
            job_title="Managing director",
            organisation_name=organisation,
            address=f"{i + 1} High Street",
            organisation_type=kind,
            region=region,
            service_model=("home_care", "supported_living", "day_activities")[i % 3],
            charitable_purpose="need",
            main_area_of_impact="Care and support at home",
            locally_rooted="Started by neighbours who needed care themselves." if submitted else "",
            accountable="Members elect the board each year." if submitted else "",
            trading_for_community="Surpluses fund a befriending service." if submitted else "",
            broad_impact="Fewer people move into residential care." if submitted else "",
            plans="Offer individual service funds to the people we support." if submitted else "",
            submitted_at=now - datetime.timedelta(days=5 - i) if submitted else None,
            scores={"Service delivery": 4, "The nominee's experience": 3} if i == 1 else {},
            decided_at=now - datetime.timedelta(days=1)
            if status in ("accepted", "declined")
            else None,
            decided_by=convener,
            decision_message=(
                "Thank you for applying. This round is full; please apply again in spring."
                if status == "declined"
                else ""
            ),
        )
        result.applications += 1


def _load_gate_demo_draft(home, users, result: LoadResult) -> None:
    """The draft public page that names a member (demo_content.GATE_DEMO_DRAFT), for trying the
    non-attribution check. A draft only: the check refuses to save it live, as it should."""
    spec = content.GATE_DEMO_DRAFT
    if Page.objects.child_of(home).filter(slug=spec["slug"]).exists():
        return
    owner = users[spec["owner"]]
    home = HomePage.objects.get(pk=home.pk)  # fresh: sections were added since it was read
    page = home.add_child(
        instance=AboutPage(
            title=spec["title"],
            slug=spec["slug"],
            body=spec["body"],
            owner=owner,
            live=False,
            translation_key=uuid.uuid5(UUID_NAMESPACE, f"about/{spec['slug']}"),
        )
    )
    page.save_revision(user=owner, log_action="wagtail.create")
    result.pages[f"draft {AboutPage._meta.verbose_name} to try the non-attribution check"] += 1


PUBLIC_COLLECTION = "Public downloads"


def _public_collection():
    """The collection of files anyone may download (no view restriction): public outputs'.
    Conveners may upload to it and choose from it, as a site admin would let them."""
    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=PUBLIC_COLLECTION).first()
    if collection is None:
        collection = root.add_child(name=PUBLIC_COLLECTION)
        conveners = Group.objects.get(name=CONVENERS)
        for codename in ("add_document", "choose_document"):
            GroupCollectionPermission.objects.create(
                group=conveners,
                collection=collection,
                permission=Permission.objects.get(
                    content_type__app_label="wagtaildocs", codename=codename
                ),
            )
    return collection


def _public_document(file: dict, owner, result: LoadResult):
    Document = get_document_model()
    document = Document.objects.filter(file=file["name"]).first()
    if document is not None:
        return document
    result.documents += 1
    data = file["content"]
    if default_storage.exists(file["name"]):
        default_storage.delete(file["name"])  # left by a load that was rolled back
    return Document.objects.create(
        title=file["title"],
        file=default_storage.save(file["name"], ContentFile(data)),
        collection=_public_collection(),
        uploaded_by_user=owner,
        file_size=len(data),
        file_hash=hashlib.sha1(data, usedforsecurity=False).hexdigest(),
    )


PUBLIC_LABELS = {
    AboutPage: "public information pages",
    LearningHubPage: "learning hub",
    PublicOutputPage: "public outputs",
    LearningReportPage: "learning reports",
}


def _load_public(plan: Plan, users, result: LoadResult, progress: Progress | None) -> None:
    """The public information pages, the learning hub and its outputs, the learning report,
    and the one draft output that names a member (saved as a draft: the gate would refuse to
    publish it).

    Every page is put to the Chatham House gate (gate_refusal) before anything is written, and
    the load stops with the gate's refusal if one would name someone; only then are they
    inserted in bulk like the knowledge pages. Publishing them one by one through
    save_revision().publish() would cost over a hundred queries a page and seconds per load."""
    from learning.curation import learning_hub_open_to_conveners

    todo = _missing_public(plan)
    if not todo:
        return
    home = HomePage.objects.get()  # fresh: sections were added since it was first read
    hub = LearningHubPage.objects.first()
    themes = {theme.name: theme for theme in Theme.objects.all()}
    sources = _public_sources(todo)
    reports = [spec for spec in todo if spec.model is LearningReportPage]
    pages, draft = [], None
    for spec in sorted(todo, key=lambda spec: spec.published_at):  # oldest first in the tree
        if spec.model is LearningReportPage:
            continue  # published one by one once the outputs they pull in are there
        owner = users[spec.owner]
        page = spec.model(
            title=spec.title,
            slug=spec.slug,
            owner=owner,
            first_published_at=None if spec.draft else spec.published_at,
            last_published_at=None if spec.draft else spec.published_at,
            translation_key=uuid.uuid5(UUID_NAMESPACE, f"public/{spec.slug}"),
            **spec.fields,
        )
        if spec.model is PublicOutputPage:
            page.themed_items = [ThemedOutput(tag=themes[name]) for name in spec.themes]
            page.sources = [sources[key] for key in spec.sources if key in sources]
            if spec.file:
                page.files = [PublicOutputFile(document=_public_document(spec.file, owner, result))]
        if spec.draft:
            draft = page
            continue
        refusal = gate_refusal(page)  # no consents: nobody may be named in the demo's pages
        if refusal is not None:
            raise refusal
        pages.append(page)

    top = [page for page in pages if not isinstance(page, PublicOutputPage)]
    bulk_add_child_pages(home, top)
    for page in top:
        if isinstance(page, LearningHubPage):
            hub = page
            learning_hub_open_to_conveners(hub)  # conveners curate and publish outputs here
    outputs = [page for page in pages if isinstance(page, PublicOutputPage)]
    bulk_add_child_pages(hub, outputs)
    for page in pages:
        result.pages[PUBLIC_LABELS[type(page)]] += 1
    for spec in reports:
        _load_report(spec, LearningHubPage.objects.get(pk=hub.pk), users, themes, sources)
        result.pages[PUBLIC_LABELS[LearningReportPage]] += 1
    if draft is not None:
        hub = LearningHubPage.objects.get(pk=hub.pk)  # fresh: its outputs were just added
        draft.live = False
        hub.add_child(instance=draft)
        draft.save_revision(user=draft.owner, log_action="wagtail.create")
        result.pages["draft public output to try the non-attribution check"] += 1
    if progress:
        progress(len(todo))


def _load_report(spec: PublicPageSpec, hub, users, themes, sources) -> LearningReportPage:
    """Write the learning report as a convener does in the editor: a draft under the hub, a
    revision (cleaned: a frozen curated output takes its words now), then publish it, through
    the Chatham House gate (AttributionBlocked stops the load) and whatever publishing sets off,
    such as making its PDF."""
    owner = users[spec.owner]
    outputs = dict(PublicOutputPage.objects.child_of(hub).live().values_list("slug", "pk"))
    report = LearningReportPage(
        title=spec.title,
        slug=spec.slug,
        owner=owner,
        live=False,
        first_published_at=spec.published_at,  # kept by publishing: the date readers see
        translation_key=uuid.uuid5(UUID_NAMESPACE, f"public/{spec.slug}"),
        sections=_report_sections(spec, outputs),
        **spec.fields,
    )
    report.themed_items = [ThemedOutput(tag=themes[name]) for name in spec.themes]
    report.sources = [sources[key] for key in spec.sources if key in sources]
    hub.add_child(instance=report)
    revision = report.save_revision(user=owner, log_action="wagtail.create")
    revision.publish(user=owner)
    return report


def _report_sections(spec: PublicPageSpec, outputs: dict[str, int]) -> list[dict]:
    """A report's sections as its StreamField stores them, each block with a deterministic id;
    a curated output is found by its slug among the hub's live outputs (left out if missing)."""

    def uid(*parts) -> str:
        return str(uuid.uuid5(UUID_NAMESPACE, "/".join(["report", spec.slug, *map(str, parts)])))

    stream = []
    for number, section in enumerate(spec.sections):
        content = []
        for index, (kind, value) in enumerate(section["content"]):
            if kind == "curated_output":
                if value["output"] not in outputs:
                    continue
                value = {
                    "output": outputs[value["output"]],
                    "freeze": value["freeze"],
                    "frozen_title": "",
                    "frozen_summary": "",
                }
            # A copy: cleaning the report rewrites block values (a table's header flags).
            content.append({"type": kind, "value": copy.deepcopy(value), "id": uid(number, index)})
        points = [
            {"type": "item", "value": point, "id": uid(number, "point", index)}
            for index, point in enumerate(section["summary_points"])
        ]
        stream.append(
            {
                "type": "section",
                "id": uid(number),
                "value": {
                    "heading": section["heading"],
                    "content": content,
                    "summary_points": points,
                },
            }
        )
    return stream


def _public_sources(specs: list[PublicPageSpec]) -> dict[tuple[str, str], KnowledgePage]:
    """The members-only pages the outputs were curated from, by (community key, slug). A
    source missing from this load (a shared tool the sampling left out) is skipped."""
    keys = {key for spec in specs for key, _ in spec.sources}
    sections = {key: section for key in keys if (section := _section_for(key)) is not None}
    slugs = {slug for spec in specs for _, slug in spec.sources}
    found = {}
    for page in KnowledgePage.objects.filter(slug__in=slugs).only("id", "slug", "path", "depth"):
        for key, section in sections.items():
            if page.path.startswith(section.path) and page.depth == section.depth + 1:
                found[key, page.slug] = page
    return found


def recruiting_slugs() -> list[str]:
    """The communities whose application page is open, for the logins banner."""
    from members.joining import recruiting

    return list(recruiting().values_list("slug", flat=True))


def demo_logins() -> list[tuple[str, str, str]]:
    """(what the account shows, username, email) for the accounts printed after a load."""
    User = get_user_model()
    wanted = [*content.DEMO_LOGINS, ("Site administrator (superuser)", content.SITE_ADMIN[0])]
    emails = dict(
        User.objects.filter(username__in=[u for _, u in wanted]).values_list("username", "email")
    )
    return [(label, username, emails.get(username, "")) for label, username in wanted]


def site_point_at(base_url: str) -> None:
    """Make the default Site's address the one the demo is served on, so that the admin's
    'View live' links and absolute URLs work (Wagtail's default is localhost on port 80)."""
    from urllib.parse import urlsplit

    from wagtail.models import Site

    address = urlsplit(base_url)
    site = Site.objects.get(is_default_site=True)
    site.hostname = address.hostname or "localhost"
    site.port = address.port or (443 if address.scheme == "https" else 80)
    site.save()  # not a queryset update: saving clears Wagtail's cache of the sites' addresses
