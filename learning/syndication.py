"""Syndication: the public side as machines read it (feeds, sitemap, robots.txt, page metadata
and a read-only JSON API).

Every surface here reads only live public outputs and public pages (live, under no view
restriction), the text that already passed the Chatham House gate, and only the fields a
reader of the public page sees: never sources, owners, authors or revisions. What it returns
does not depend on who asks: a convener gets what an anonymous reader gets. The programme
publishes; nobody is named ("Published by the convener"). A learning report is an output like
the others, with its PDF as its feed entry's enclosure and in its API data.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.core.exceptions import ObjectDoesNotExist
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Count, Q
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.xmlutils import SimplerXMLGenerator
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe
from wagtail.contrib.sitemaps.sitemap_generator import Sitemap as WagtailSitemap
from wagtail.models import Page, Site
from wagtail.rich_text import expand_db_html

from attribution.document_choices import members_only_collection_ids
from attribution.html_text import html_to_text
from attribution.public_text import is_publicly_visible
from knowledge.models import AboutPage, HomePage
from members.params import MAX_ID, BadParameters, read_params, text_param
from themes.models import Theme

from .models import LearningHubPage, LearningReportPage, PublicationSettings, PublicOutputPage

FEED_ITEMS = 50
API_PAGE_SIZE = 20
DESCRIPTION_LENGTH = 200


# Selectors ---------------------------------------------------------------------------------


def site_for(request) -> Site:
    return Site.find_for_request(request) or Site.objects.get(is_default_site=True)


def absolute_url(request, url: str) -> str:
    """A site-relative URL made absolute on the request's Wagtail site, as page URLs are."""
    if url.startswith(("http://", "https://")):
        return url
    return site_for(request).root_url + url


def public_hub(request) -> LearningHubPage | None:
    """The site's learning hub, if it is live and anyone may read it."""
    root = site_for(request).root_page
    return LearningHubPage.objects.live().public().descendant_of(root).first()


def hub_outputs(hub: LearningHubPage | None, theme: Theme | None = None):
    """The hub's live public outputs (its own selector: newest first, themes prefetched in
    vocabulary order) with their files, and a learning report's PDF, too, so that a page of
    them costs a constant number of queries; or none when there is no public hub."""
    if hub is None:
        return PublicOutputPage.objects.none()
    outputs = (
        hub.outputs().select_related("learningreportpage__pdf").prefetch_related("files__document")
    )
    if theme is not None:
        outputs = outputs.filter(themed_items__tag=theme)
    return outputs


def report_of(output: PublicOutputPage) -> LearningReportPage | None:
    """The learning report an output is, or None for any other output (read from the join
    hub_outputs makes, so no query)."""
    if isinstance(output, LearningReportPage):
        return output
    try:
        return output.learningreportpage
    except ObjectDoesNotExist:
        return None


def report_pdf(output: PublicOutputPage):
    """A learning report's PDF (a Wagtail document), or None: not a report, or no PDF yet."""
    report = report_of(output)
    return report.pdf if report is not None else None


def output_themes(output: PublicOutputPage) -> list[Theme]:
    return [item.tag for item in output.themed_items.all()]


def themes_with_counts(hub: LearningHubPage | None):
    """Every theme with its count of the hub's live public outputs (`output_count`)."""
    outputs = hub_outputs(hub).values("pk")
    return Theme.objects.annotate(
        output_count=Count("tagged_outputs", filter=Q(tagged_outputs__content_object__in=outputs))
    ).order_by("sort_order", "name")


def theme_page_url(hub: LearningHubPage, theme: Theme, request=None) -> str:
    """The hub's page for one theme (a route on the hub)."""
    return hub.get_full_url(request) + hub.reverse_subpage("theme", args=[theme.slug])


_SPLIT = "<!--practice-commons:split-->"  # rich text never holds comments: the editor strips them


def expand_rich_text_many(sources: list[str]) -> list[str]:
    """Many rich text values as published, rewritten at once so that their page and document
    links are looked up together rather than once per value."""
    if not sources:
        return []
    expanded = expand_db_html(_SPLIT.join(sources)).split(_SPLIT)
    if len(expanded) != len(sources):  # a value held the marker after all: one at a time
        expanded = [expand_db_html(source) for source in sources]
    return expanded


def shorten(text: str, length: int = DESCRIPTION_LENGTH) -> str:
    return Truncator(" ".join((text or "").split())).chars(length)


def plain_text(rich_text: str, length: int = DESCRIPTION_LENGTH) -> str:
    """Rich text as a short plain description."""
    return shorten(html_to_text(rich_text or ""), length)


# Feeds -------------------------------------------------------------------------------------


def publisher(request) -> str:
    """Who publishes the public side, as a site admin set it (one query, kept on the request)."""
    return PublicationSettings.for_request(request).publisher_name


@dataclass(frozen=True)
class FeedScope:
    request: object
    hub: LearningHubPage
    theme: Theme | None


class OutputsFeed(Feed):
    """RSS 2.0 of the newest public outputs, for all themes or for one. No author anywhere:
    the items carry no author element, and the feed names nobody."""

    feed_type = Rss201rev2Feed
    item_author_name = None
    item_author_email = None
    item_author_link = None

    def get_object(self, request, theme_slug=None):
        hub = public_hub(request)
        if hub is None:
            raise Http404("No public learning hub.")
        theme = get_object_or_404(Theme, slug=theme_slug) if theme_slug else None
        return FeedScope(request=request, hub=hub, theme=theme)

    def title(self, scope):
        name = scope.theme.name if scope.theme else scope.hub.title
        return f"{publisher(scope.request)}: {name}"

    def author_name(self, scope):
        # Only Atom writes it, as the feed's (required) author: a role, never a person.
        return PublicationSettings.for_request(scope.request).feed_author

    def description(self, scope):
        if scope.theme:
            return scope.theme.description or f"What the programme has learned: {scope.theme.name}"
        return scope.hub.search_description or plain_text(scope.hub.intro) or scope.hub.title

    subtitle = description  # Atom's name for it

    def link(self, scope):
        if scope.theme:
            return theme_page_url(scope.hub, scope.theme, scope.request)
        return scope.hub.get_full_url(scope.request)

    def feed_url(self, scope):
        return absolute_url(scope.request, scope.request.path)

    def items(self, scope):
        items = list(hub_outputs(scope.hub, scope.theme)[:FEED_ITEMS])
        for item in items:
            item.feed_link = item.get_full_url(scope.request)
            pdf = report_pdf(item)
            item.feed_pdf = (absolute_url(scope.request, pdf.url), pdf) if pdf else None
        return items

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.feed_link

    def item_pubdate(self, item):
        return item.first_published_at

    def item_categories(self, item):
        return [theme.name for theme in output_themes(item)]

    def item_enclosures(self, item):
        """A learning report's PDF, as RSS's <enclosure> and Atom's <link rel="enclosure">."""
        if item.feed_pdf is None:
            return []
        url, pdf = item.feed_pdf
        return [Enclosure(url, str(pdf.file_size or 0), "application/pdf")]


class OutputsAtomFeed(OutputsFeed):
    feed_type = Atom1Feed


outputs_rss = require_safe(OutputsFeed())
outputs_atom = require_safe(OutputsAtomFeed())


def feed_links(request, hub: LearningHubPage, theme: Theme | None = None) -> list[dict]:
    """The feeds a page offers for autodiscovery (`<link rel="alternate">`)."""
    title = f"{publisher(request)}: {theme.name if theme is not None else hub.title}"
    return [
        {
            "type": "application/rss+xml",
            "title": f"{title} (RSS)",
            "url": hub.feed_url(theme=theme),
        },
        {
            "type": "application/atom+xml",
            "title": f"{title} (Atom)",
            "url": hub.feed_url(theme=theme, atom=True),
        },
    ]


# Sitemap and robots.txt --------------------------------------------------------------------


def sitemap_entries(request) -> list[dict]:
    """Wagtail's sitemap: the live, public pages of the request's site, each through its own
    get_sitemap_urls (the hub adds its theme pages). Members-only sections and their pages
    are under view restrictions, so `public()` leaves them out."""
    entries = []
    for page in WagtailSitemap(request).items():
        entries.extend(page.get_sitemap_urls(request))
    return entries


@require_safe
def sitemap(request):
    out = io.StringIO()
    xml = SimplerXMLGenerator(out, "utf-8")
    xml.startDocument()
    xml.startElement("urlset", {"xmlns": "http://www.sitemaps.org/schemas/sitemap/0.9"})
    for entry in sitemap_entries(request):
        xml.startElement("url", {})
        xml.addQuickElement("loc", entry["location"])
        if entry.get("lastmod"):
            xml.addQuickElement("lastmod", entry["lastmod"].strftime("%Y-%m-%d"))
        for name in ("changefreq", "priority"):
            if entry.get(name) is not None:
                xml.addQuickElement(name, str(entry[name]))
        xml.endElement("url")
    xml.endElement("urlset")
    return HttpResponse(out.getvalue(), content_type="application/xml; charset=utf-8")


@require_safe
def robots_txt(request):
    """Crawlers may read every public page; the sign-in and admin screens are off limits.
    Community sections are not listed: their paths would name the communities."""
    return render(
        request,
        "robots.txt",
        {"sitemap_url": absolute_url(request, reverse("sitemap"))},
        content_type="text/plain; charset=utf-8",
    )


# Page metadata (Open Graph, schema.org) ----------------------------------------------------


_JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def json_ld(data: dict) -> str:
    """JSON-LD safe inside <script>: no character can close the element or open a comment."""
    return mark_safe(  # noqa: S308 - escaped above, as django.utils.html.json_script does
        json.dumps(data, cls=DjangoJSONEncoder).translate(_JSON_SCRIPT_ESCAPES)
    )


def _publisher(request) -> dict:
    return {"@type": "Organization", "name": publisher(request), "url": absolute_url(request, "/")}


def page_meta(page, request, theme=None) -> dict | None:
    """Link-preview and structured metadata for a public page, or None for any page that
    anyone could not read (members-only, draft): then nothing is emitted at all."""
    if not isinstance(page, Page) or request is None:
        return None
    if not page.live or not is_publicly_visible(page):
        return None
    page = page.specific
    title = page.seo_title or page.title
    url = page.get_full_url(request)
    description = page.search_description
    meta = {"type": "website", "published": None, "tags": [], "feeds": []}
    data = {"@context": "https://schema.org", "@type": "WebPage"}

    if isinstance(page, PublicOutputPage):
        themes = [theme.name for theme in page.themes.all()]
        description = page.summary or description
        meta.update(type="article", published=page.first_published_at, tags=themes)
        data.update(
            {
                "@type": "Article",
                "headline": title,
                "datePublished": page.first_published_at,
                "license": page.licence_url or page.get_licence_display(),
                "keywords": themes,
            }
        )
        if isinstance(page, LearningReportPage):
            data.update({"@type": "Report", "datePublished": page.publication_date})
            if page.pdf is not None:
                data["encoding"] = {
                    "@type": "MediaObject",
                    "encodingFormat": "application/pdf",
                    "contentUrl": absolute_url(request, page.pdf.url),
                }
        # The parent, read as a hub in one query (an output's parent is always the hub).
        hub = LearningHubPage.objects.filter(path=page.path[: -page.steplen]).first()
        if hub is not None:
            meta["feeds"] = feed_links(request, hub)
    elif isinstance(page, LearningHubPage) and isinstance(theme, Theme):
        title = f"{theme.name}: {page.title}"
        url = theme_page_url(page, theme, request)
        description = theme.description or description
        meta["feeds"] = feed_links(request, page, theme)
        data.update({"@type": "CollectionPage", "about": {"@type": "Thing", "name": theme.name}})
    elif isinstance(page, LearningHubPage):
        description = description or plain_text(page.intro)
        meta["feeds"] = feed_links(request, page)
        data["@type"] = "CollectionPage"
    elif isinstance(page, HomePage):
        description = description or plain_text(page.intro)
        data["@type"] = "WebSite"
    elif isinstance(page, AboutPage):
        description = description or plain_text(page.body)
        data["@type"] = "AboutPage"

    description = shorten(description)
    data.update({"name": title, "url": url})
    if description:
        data["description"] = description
    data["publisher"] = _publisher(request)
    meta.update(title=title, url=url, description=description, json_ld=json_ld(data))
    return meta


# Read-only JSON API ------------------------------------------------------------------------


def _output_data(request, output: PublicOutputPage, body: str, members_only: set[int]) -> dict:
    data = {
        "id": output.pk,
        "title": output.title,
        "url": output.get_full_url(request),
        "summary": output.summary,
        "body": body,
        "kind": output.kind,
        "themes": [{"name": theme.name, "slug": theme.slug} for theme in output_themes(output)],
        "licence": output.licence,
        "first_published_at": output.first_published_at,
        "files": [
            {"title": file.document.title, "url": absolute_url(request, file.document.url)}
            for file in PublicOutputPage.public_files(output.files.all(), members_only)
        ],
    }
    report = report_of(output)
    if report is not None:  # a learning report: its PDF, or null until one has been made
        data["pdf"] = absolute_url(request, report.pdf.url) if report.pdf else None
    return data


def _outputs_data(request, outputs: list[PublicOutputPage]) -> list[dict]:
    bodies = expand_rich_text_many([output.body for output in outputs])
    pairs = zip(outputs, bodies, strict=True)
    members_only = members_only_collection_ids()  # once for the page of outputs
    return [_output_data(request, output, body, members_only) for output, body in pairs]


def _page_url(request, number: int) -> str:
    query = request.GET.copy()
    query["page"] = str(number)
    return absolute_url(request, f"{request.path}?{query.urlencode()}")


@csrf_exempt  # reads only: a POST is refused with 405, not a CSRF failure
@require_safe
def api_outputs(request):
    """GET /api/outputs/[?theme=<slug>][&page=<n>]: live public outputs, newest first."""
    try:
        theme_slug = read_params(request.GET, theme=text_param()).get("theme")
    except BadParameters as error:
        return JsonResponse({"errors": error.errors}, status=400)
    theme = get_object_or_404(Theme, slug=theme_slug) if theme_slug else None
    paginator = Paginator(hub_outputs(public_hub(request), theme), API_PAGE_SIZE)
    try:
        page = paginator.page(request.GET.get("page", 1))
    except (EmptyPage, PageNotAnInteger) as error:
        raise Http404("No such page of outputs.") from error
    return JsonResponse(
        {
            "count": paginator.count,
            "next": _page_url(request, page.next_page_number()) if page.has_next() else None,
            "previous": (
                _page_url(request, page.previous_page_number()) if page.has_previous() else None
            ),
            "results": _outputs_data(request, list(page.object_list)),
        }
    )


@csrf_exempt
@require_safe
def api_output(request, pk: int):
    """GET /api/outputs/<id>/: one live public output; 404 for anything else."""
    if pk > MAX_ID:
        raise Http404("No such output.")  # no row has it, and the database would refuse it
    output = get_object_or_404(hub_outputs(public_hub(request)), pk=pk)
    return JsonResponse(_outputs_data(request, [output])[0])


@csrf_exempt
@require_safe
def api_themes(request):
    """GET /api/themes/: the programme's themes with their counts of public outputs."""
    return JsonResponse(
        {
            "results": [
                {"name": theme.name, "slug": theme.slug, "output_count": theme.output_count}
                for theme in themes_with_counts(public_hub(request))
            ]
        }
    )
