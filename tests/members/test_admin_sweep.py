"""The admin sweep: every admin address (Wagtail's and ours), for every object that belongs to
another community, asked by the convener of one community and by a member.

Each answer must be a refusal, or a page that names nothing of the other community: no title,
slug, person, organisation, document or user of it. POSTs must change nothing of it. A new
admin address whose parameters the sweep cannot fill fails the sweep, so it is never skipped.
"""

import html
import itertools
import re
from urllib.parse import parse_qs, quote, quote_plus, urlsplit

import pytest
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.log_actions import log
from wagtail.models import Page

from attribution.gate import BLOCKED
from members.models import Membership, NamingConsent, Organisation, PublicContact
from members.services import membership_add

from ..factories import (
    CaseStudyFactory,
    ChallengeThreadFactory,
    InsightFactory,
    MemberFactory,
    SessionNoteFactory,
    SharedToolFactory,
    UserFactory,
)

MODEL_OF_APP = {"knowledge": "challengethread", "wagtailcore": "page"}
MODEL_PARAMETERS = [
    ("content_type_app_name", "content_type_model_name"),
    ("app_label", "model_name"),
    ("app_name", "model_name"),
]
NOWHERE = 987654  # an id no object has: the sweep asks for it too, to compare answers


class OtherCommunity:
    """Everything of the programme's other community, and the words that would betray it."""

    def __init__(self, programme):
        community = programme.other_community
        self.community = community
        self.organisation = Organisation.objects.create(name="Valleys Care Co-op")
        self.outsider = outsider = programme.outsider
        outsider.organisation = self.organisation
        outsider.save()
        self.convener = MemberFactory(
            user=UserFactory(username="gareth.pryce"),
            display_name="Gareth Pryce",
            organisation=self.organisation,
        )
        membership_add(community=community, member=self.convener, role=Membership.Role.CONVENER)
        user = self.convener.user
        section = programme.other_section
        Document = get_document_model()
        self.document = Document(
            title="Valleys budget template", collection=community.documents_collection
        )
        self.document.file.save("valleys-budget.txt", ContentFile(b"Line 1: the valleys"))
        self.document.save()
        self.image = get_image_model().objects.create(
            title="Valleys minibus photo",
            file=get_test_image_file("valleys.png"),
            collection=community.documents_collection,
        )
        self.pages = [
            ChallengeThreadFactory(parent=section, title="Brokerage in the valleys"),
            InsightFactory(parent=section, title="Pool the valleys budgets"),
            SessionNoteFactory(parent=section, title="Valleys session 2"),
            CaseStudyFactory(
                parent=section, title="Valleys co-op turnaround", organisation=self.organisation
            ),
            SharedToolFactory(parent=section, title="Valleys rota planner"),
        ]
        self.pages[2].attendees.add(outsider, self.convener)
        self.pages[4].files.create(document=self.document)
        for page in self.pages:
            page.save_revision(user=user).publish(user=user)
            page.title += " (revised)"
            page.save_revision(user=user)  # a draft on top, for revision views
        self.pages = [section.specific, *(type(p).objects.get(pk=p.pk) for p in self.pages)]
        self.consents = [
            NamingConsent.give(output=self.pages[2], by=outsider.user, member=outsider),
            NamingConsent.give(output=self.pages[4], by=user, organisation=self.organisation),
        ]
        self.contact = PublicContact.objects.create(
            value="@valleyscarecoop", description="Valleys helpline", proposed_by=user
        )
        for instance in (self.contact, *self.consents, *self.memberships):
            log(instance, "wagtail.create", user=user)
        # The gate refused to make one of their pages public (the non-attribution log's row).
        log(
            self.pages[4],
            BLOCKED,
            user=user,
            data={"path": "move", "blocks": [{"field": "title", "kind": "person"}], "warnings": []},
        )
        # What a curious convener would search for: the community, its people, its pages.
        self.searched = [community.name, "Valleys", "Reilly", "Pryce", "Brokerage"]
        self.secrets = [
            community.name,
            community.slug,
            self.organisation.name,
            self.document.title,
            "valleys-budget",
            self.image.title,
            outsider.display_name,
            self.convener.display_name,
            user.username,
            self.contact.value,
            *(page.title.removesuffix(" (revised)") for page in self.pages),
            *(page.slug for page in self.pages),
        ]

    @property
    def memberships(self):
        return list(Membership.objects.filter(community=self.community))

    @property
    def users(self):
        return [m.member.user for m in self.memberships]

    def snapshot(self):
        """What an outsider's POSTs must leave as it was."""
        return {
            "memberships": sorted(
                Membership.objects.filter(community=self.community).values_list(
                    "pk", "member_id", "role"
                )
            ),
            "pages": sorted(
                Page.objects.filter(path__startswith=self.pages[0].path).values_list(
                    "pk",
                    "title",
                    "slug",
                    "live",
                    "locked",
                    "path",
                    "latest_revision_id",
                    "has_unpublished_changes",
                )
            ),
            "consents": sorted(
                NamingConsent.objects.values_list(
                    "pk", "member_id", "organisation_id", "output_id", "withdrawn_at"
                )
            ),
            "contacts": sorted(PublicContact.objects.values_list("pk", "value", "approved")),
            "documents": sorted(
                get_document_model().objects.values_list("pk", "title", "collection_id")
            ),
            "images": sorted(get_image_model().objects.values_list("pk", "title")),
            "organisations": sorted(Organisation.objects.values_list("pk", "name")),
            "users": sorted((u.pk, u.is_active, u.username) for u in self.users),
            "groups": sorted(self.users[0].groups.values_list("pk", flat=True)),
        }

    def values_for(self, url_name, param):
        """The values to try for one parameter of one admin address."""
        pages = [p.pk for p in self.pages]
        namespace = url_name.rsplit(":", 1)[0]
        snippet = re.match(r"wagtailsnippet(?:s|choosers)_members_(\w+)$", namespace)
        if snippet:
            return {
                "community": [self.community.pk],
                "member": [self.convener.pk, self.outsider.pk],
                "membership": [m.pk for m in self.memberships],
                "namingconsent": [c.pk for c in self.consents],
                "organisation": [self.organisation.pk],
                "publiccontact": [self.contact.pk],
            }[snippet[1]]
        by_namespace = {
            "wagtaildocs": [self.document.pk],
            "wagtaildocs_chooser": [self.document.pk],
            "wagtailadmin_api:documents": [self.document.pk],
            "wagtailimages": [self.image.pk],
            "wagtailimages_chooser": [self.image.pk],
            "wagtailadmin_api:images": [self.image.pk],
            "wagtailusers_users": [u.pk for u in self.users],
            "wagtailusers_groups": [
                self.community.readers_group_id,
                self.community.conveners_group_id,
            ],
            "wagtailadmin_collections": [self.community.documents_collection_id],
        }
        by_param = {
            "page_id": pages,
            "parent_page_id": pages,
            "page_to_move_id": pages,
            "page_pk": pages,
            "destination_id": pages,
            "object_id": pages,
            "collection_id": [self.community.documents_collection_id],
            "document_id": [self.document.pk],
            "doc_id": [self.document.pk],
            "image_id": [self.image.pk],
            "revision_id": [None],  # the page's own, filled in
            "revision_id_a": ["earliest"],
            "revision_id_b": ["latest"],
            "content_type_app_name": ["knowledge", "wagtailcore"],
            "app_label": ["wagtailcore", "knowledge"],
            "app_name": ["knowledge", "wagtailcore"],
            "filter_spec": ["original"],
            "action_name": ["approve"],
            "action": ["delete"],
            "token": ["x"],
            "uidb64": ["x"],
        }
        if namespace in by_namespace and param in ("pk", "document_id", "image_id", "doc_id"):
            return by_namespace[namespace]
        if url_name.startswith("wagtailadmin_pages:") and param == "pk":
            return pages
        if url_name.startswith("wagtailadmin_api:pages") and param == "pk":
            return pages
        if param in ("content_type_model_name", "model_name"):
            return ["challengethread", "page"]
        if param in by_param:
            return by_param[param]
        if param in (
            "pk",
            "task_id",
            "task_state_id",
            "workflow_pk",
            "workflow_state_id",
            "session_id",
            "uploaded_file_id",
            "redirect_id",
        ):
            return [NOWHERE]  # programme-wide or passing things: none of them a community's
        raise AssertionError(f"the sweep cannot fill <{param}> in {url_name}")


def admin_routes():
    """Every admin URL pattern: (route, name, parameter names)."""
    found = []

    def walk(patterns, prefix, namespaces):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(
                    pattern.url_patterns,
                    prefix + str(pattern.pattern),
                    namespaces + [pattern.namespace] if pattern.namespace else namespaces,
                )
            elif isinstance(pattern, URLPattern):
                found.append(
                    (prefix + str(pattern.pattern), ":".join([*namespaces, pattern.name or ""]))
                )

    walk(get_resolver().url_patterns, "", [])
    return [
        (route, name, re.findall(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>", route))
        for route, name in found
        if route.startswith("admin/")
    ]


def route_fill(route, values):
    """The address for a route with its parameters set (Django and regex patterns alike)."""
    path = route.replace("^", "").replace("$", "")
    path = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: str(values[m[1]]), path)
    path = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(values[m[1]]), path)
    return "/" + path.replace("\\.", ".")


def sweep_addresses(other):
    """(method, address) for every admin route, every object of the other community."""
    revisions = {page.pk: page.latest_revision_id for page in other.pages}
    for route, name, params in admin_routes():
        if name in ("wagtailadmin_logout", "wagtailadmin_error_test"):
            continue  # it would end the sweep's session; it fails on purpose, to test errors
        names = [a or b for a, b in params]
        if not names:
            yield "GET", route_fill(route, {})
            for words in other.searched:
                yield "GET", route_fill(route, {}) + f"?q={words}"
            continue
        if name == "wagtail_bulk_action":
            continue  # below, with the ids of the other community's objects
        choices = {param: other.values_for(name, param) for param in names}
        for app, model in MODEL_PARAMETERS:
            if app in choices and model in choices:
                choices[model] = [None]  # a real model of that app, filled in below
        for combination in itertools.product(*choices.values()):
            values = dict(zip(choices, combination, strict=True))
            for app, model in MODEL_PARAMETERS:
                if app in values and values.get(model, "") is None:
                    values[model] = MODEL_OF_APP[values[app]]
            if "revision_id" in values:
                values["revision_id"] = revisions.get(values.get("page_id"), NOWHERE)
            address = route_fill(route, values)
            yield "GET", address
            yield "POST", address
    ids = {
        ("wagtailcore", "page"): [p.pk for p in other.pages],
        ("wagtaildocs", "document"): [other.document.pk],
        ("wagtailimages", "image"): [other.image.pk],
        ("members", "membership"): [m.pk for m in other.memberships],
        ("members", "namingconsent"): [c.pk for c in other.consents],
        ("members", "organisation"): [other.organisation.pk],
        ("members", "member"): [other.convener.pk],
        ("members", "community"): [other.community.pk],
        ("members", "publiccontact"): [other.contact.pk],
        ("auth", "user"): [u.pk for u in other.users],
    }
    bulk_action_registry._scan_for_bulk_actions()
    for app_label, models in bulk_action_registry.actions.items():
        for model_name, actions in models.items():
            for action in actions:
                for pk in ids.get((app_label, model_name), [NOWHERE]):
                    address = f"/admin/bulk/{app_label}/{model_name}/{action}/?id={pk}"
                    yield "GET", address
                    yield "POST", address


def betrayals(response, secrets, sent=""):
    """The other community's words this answer carries, in its body or where it redirects,
    beyond the words the request itself sent (a search box shows what was searched for)."""
    if response.status_code in (403, 404, 405):
        return []
    if getattr(response, "streaming", False):
        body = b"".join(response.streaming_content).decode(errors="replace")
    else:
        body = response.content.decode(errors="replace")
    text = (body + response.get("Location", "")).lower()
    if sent:
        for echo in (sent, html.escape(sent), quote(sent), quote_plus(sent)):
            text = text.replace(echo.lower(), "")
    return [secret for secret in secrets if secret.lower() in text]


@pytest.mark.parametrize("who", ["convener", "member"])
def test_the_admin_names_nothing_of_another_community(programme, client_for, who):
    other = OtherCommunity(programme)
    before = other.snapshot()
    client = client_for(getattr(programme, who))
    client.raise_request_exception = True
    leaks, errors, asked = [], [], 0
    for method, address in sweep_addresses(other):
        asked += 1
        try:
            response = getattr(client, method.lower())(address)
        except Exception as error:  # every failure is reported, with its address
            errors.append(f"{method} {address}: {type(error).__name__}: {error}")
            continue
        if response.status_code >= 500:
            errors.append(f"{method} {address}: {response.status_code}")
        found = betrayals(
            response, other.secrets, sent=parse_qs(urlsplit(address).query).get("q", [""])[0]
        )
        if found:
            leaks.append(f"{method} {address} ({response.status_code}) names {found}")
    assert asked > 500
    assert not errors, "\n".join(errors)
    assert not leaks, f"{len(leaks)} of {asked} answers:\n" + "\n".join(leaks)
    assert other.snapshot() == before
