"""Factories for the people and pages of a programme (factory_boy and wagtail-factories)."""

import datetime

import factory
import wagtail_factories
from django.contrib.auth import get_user_model

from knowledge import models as knowledge
from members.models import Community, Member, Organisation
from members.services import community_create

PASSWORD = "correct-horse-battery"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.django.Password(PASSWORD)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Organisation {n}")
    type = Organisation.Type.CARE_COOPERATIVE
    region = "North West"


class MemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Member

    user = factory.SubFactory(UserFactory)
    display_name = factory.Sequence(lambda n: f"Member {n}")
    organisation = factory.SubFactory(OrganisationFactory)
    role_in_organisation = "Director"


class CommunityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Community

    name = factory.Sequence(lambda n: f"Community {n}")
    domain = "Community businesses delivering care"
    start_date = datetime.date(2025, 1, 1)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        # Made as the admin and the demo make one: with its groups and private collection.
        existing = model_class.objects.filter(name=kwargs["name"]).first()
        return existing or community_create(community=model_class(*args, **kwargs))


class KnowledgePageFactory(wagtail_factories.PageFactory):
    summary = "A member described what worked."

    class Meta:
        abstract = True


class InsightFactory(KnowledgePageFactory):
    title = factory.Sequence(lambda n: f"Insight {n}")
    learning = "Start with one provider and one ward."

    class Meta:
        model = knowledge.Insight


class ChallengeThreadFactory(KnowledgePageFactory):
    title = factory.Sequence(lambda n: f"Challenge {n}")
    question = "How do we move home care from time and task to outcomes?"

    class Meta:
        model = knowledge.ChallengeThread


class SessionNoteFactory(KnowledgePageFactory):
    title = factory.Sequence(lambda n: f"Session {n}")
    date = datetime.date(2025, 3, 4)

    class Meta:
        model = knowledge.SessionNote


class SharedToolFactory(KnowledgePageFactory):
    title = factory.Sequence(lambda n: f"Tool {n}")
    description = "A contract clause template."

    class Meta:
        model = knowledge.SharedTool


class CaseStudyFactory(KnowledgePageFactory):
    title = factory.Sequence(lambda n: f"Case study {n}")
    context = "<p>A rural county.</p>"
    challenge = "<p>Recruitment.</p>"
    approach = "<p>A co-operative.</p>"
    outcomes = "<p>Better retention.</p>"
    learning = "<p>Pay matters.</p>"

    class Meta:
        model = knowledge.CaseStudy


def tagged_insights(section, theme, count, *, newest=None, prefix="ISF insight"):
    """`count` live insights in `section`, tagged `theme`, one a day apart, newest first in number.

    Quicker than publishing revisions: listings only need live pages with a publication date.
    """
    from knowledge.models import ThemedPage

    newest = newest or datetime.datetime(2025, 6, 30, 9, 0, tzinfo=datetime.UTC)
    pages = []
    for number in range(1, count + 1):
        page = InsightFactory(
            parent=section,
            title=f"{prefix} {number:02d}",
            first_published_at=newest - datetime.timedelta(days=number - 1),
        )
        ThemedPage.objects.create(content_object=page, tag=theme)
        pages.append(page)
    return pages
