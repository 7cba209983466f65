"""Shared fixtures: a small programme of two communities, seen by four kinds of reader."""

import datetime
from dataclasses import dataclass, field

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from knowledge.models import HomePage
from knowledge.services.sections import community_section_create
from learning.models import LearningHubPage
from members.models import Membership
from members.services import membership_add

from .factories import (
    CaseStudyFactory,
    ChallengeThreadFactory,
    CommunityFactory,
    InsightFactory,
    MemberFactory,
    SessionNoteFactory,
    SharedToolFactory,
    UserFactory,
)


@dataclass
class Programme:
    """Two communities; one member, one convener and one outsider for the first."""

    home: object
    community: object
    other_community: object
    section: object
    other_section: object
    member: object  # a Member of `community`
    convener: object  # a Member convening `community`
    outsider: object  # a Member of `other_community` only
    pages: dict = field(default_factory=dict)
    document: object = None

    def publish(self, page):
        page.save_revision().publish()
        return page


@pytest.fixture
def programme(db) -> Programme:
    home = HomePage.objects.get()
    community = CommunityFactory(name="Care Enterprise Circle")
    other = CommunityFactory(
        name="Commissioners for Co-operatives", domain="Councils developing care co-ops"
    )
    section = community_section_create(community=community, home=home)
    other_section = community_section_create(community=other, home=home)
    member = MemberFactory(user=UserFactory(username="member"), display_name="Amina Okafor")
    convener = MemberFactory(user=UserFactory(username="convener"), display_name="Rachel Hughes")
    outsider = MemberFactory(user=UserFactory(username="outsider"), display_name="Tom Reilly")
    membership_add(community=community, member=member)
    membership_add(community=community, member=convener, role=Membership.Role.CONVENER)
    membership_add(community=other, member=outsider)

    Document = get_document_model()
    document = Document(title="ISF contract clause", collection=community.documents_collection)
    document.file.save("isf-clause.txt", ContentFile(b"Clause 4.2: the provider holds..."))
    document.save()

    p = Programme(
        home=home,
        community=community,
        other_community=other,
        section=section,
        other_section=other_section,
        member=member,
        convener=convener,
        outsider=outsider,
        document=document,
    )
    p.pages["insight"] = InsightFactory(parent=section, title="Start small with ISFs")
    p.pages["thread"] = ChallengeThreadFactory(parent=section, title="Paying for outcomes")
    p.pages["session"] = SessionNoteFactory(
        parent=section, title="Session 3: ISFs", date=datetime.date(2025, 5, 6)
    )
    p.pages["tool"] = SharedToolFactory(parent=section, title="ISF contract clause")
    p.pages["case_study"] = CaseStudyFactory(parent=section, title="A co-op in a rural county")
    p.pages["tool"].files.create(document=document)
    for page in p.pages.values():
        page.themes.add("Individual service funds (ISFs)")
        p.publish(page)
    # Publishing saved the themes and files from the revision; read the pages back as stored.
    p.pages = {name: type(page).objects.get(pk=page.pk) for name, page in p.pages.items()}
    return p


@pytest.fixture
def hub(db):
    """The learning hub, published under the home page: where public outputs go."""
    from knowledge.models import HomePage

    hub = HomePage.objects.get().add_child(
        instance=LearningHubPage(
            title="Learning", slug="learning", intro="<p>What we learned.</p>", live=False
        )
    )
    hub.save_revision().publish()
    return LearningHubPage.objects.get(pk=hub.pk)


@pytest.fixture
def review(programme):
    """The non-attribution review workflow, on every page of the site (conveners review)."""
    from django.contrib.auth.models import Group
    from wagtail.models import Workflow, WorkflowPage, WorkflowTask

    from attribution.workflow import NonAttributionReviewTask
    from members.models import CONVENERS

    task = NonAttributionReviewTask.objects.create(name="Non-attribution review")
    task.groups.add(Group.objects.get(name=CONVENERS))
    workflow = Workflow.objects.create(name="Public pages")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.create(workflow=workflow, page=programme.home)
    return workflow


@pytest.fixture
def other_convener(programme):
    """The outsider, made convener of the other community: who must never see this one's."""
    membership_add(
        community=programme.other_community,
        member=programme.outsider,
        role=Membership.Role.CONVENER,
    )
    return programme.outsider


@pytest.fixture
def client_for(client):
    """A test client signed in as the given Member, or anonymous for None."""

    def sign_in(member):
        if member is not None:
            client.force_login(member.user)
        return client

    return sign_in


@pytest.fixture(autouse=True)
def _public_cache_empty():
    """Every test starts with an empty public page cache (learning/public_cache.py)."""
    from learning.public_cache import public_cache_clear

    public_cache_clear()
