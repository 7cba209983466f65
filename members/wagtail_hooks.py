"""Admin for people: organisations, members, communities and memberships in one menu group,
with the consents to be named and the contacts approved for public pages."""

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem as AdminMenuItem
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.views.generic.models import InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import AdminPageChooser, Button
from wagtail.documents.views.bulk_actions import add_tags as documents_add_tags
from wagtail.documents.views.bulk_actions import add_to_collection as documents_add_to_collection
from wagtail.documents.views.bulk_actions import delete as documents_delete
from wagtail.images.views.bulk_actions import add_tags as images_add_tags
from wagtail.images.views.bulk_actions import add_to_collection as images_add_to_collection
from wagtail.images.views.bulk_actions import delete as images_delete
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from . import selection_views, small_numbers
from .admin_views import (
    IndexView,
    PeopleDeleteBulkAction,
    PeopleViewSet,
    within_reach_bulk_action,
)
from .mail import outbox_send_again
from .models import (
    Community,
    Member,
    Membership,
    NamingConsent,
    Organisation,
    OutboxEmail,
    PublicContact,
)
from .permissions import (
    ChoicesWithinReachMixin,
    may_record_consent,
    policies_register,
    within_reach,
)
from .selectors import diversity_report, organisations_recordable_by, outputs_recordable_by
from .services import CommunityCreateAction

# Before any viewset asks for a model's policy.
policies_register()
# Bulk actions after Wagtail's own, to replace them: each keeps to the user's reach.
for bulk_action in (
    PeopleDeleteBulkAction,
    *map(
        within_reach_bulk_action,
        [
            documents_delete.DeleteBulkAction,
            documents_add_tags.AddTagsBulkAction,
            documents_add_to_collection.AddToCollectionBulkAction,
            images_delete.DeleteBulkAction,
            images_add_tags.AddTagsBulkAction,
            images_add_to_collection.AddToCollectionBulkAction,
        ],
    ),
):
    hooks.register("register_bulk_action", bulk_action, order=1)


class OrganisationViewSet(PeopleViewSet):
    model = Organisation
    icon = "group"
    list_display = ["name", "type", "region"]
    list_filter = ["type"]
    search_fields = ["name", "aliases"]


class MemberViewSet(PeopleViewSet):
    model = Member
    icon = "user"
    list_display = ["display_name", "organisation", "role_in_organisation"]
    chooser_per_page = 100  # a community's people on one page: the chooser has no search
    search_fields = ["display_name", "aliases"]


class CommunityViewSet(PeopleViewSet):
    model = Community
    icon = "site"
    list_display = ["name", "domain", "start_date", "end_date"]
    # Not its members: a membership is added under Memberships, with its role, which gives the
    # member the community's groups (a members field here would bypass both).
    panels = [
        FieldPanel(name)
        for name in ("name", "slug", "domain", "description", "start_date", "end_date")
    ]


class PeopleAdminForm(ChoicesWithinReachMixin, WagtailAdminModelForm):
    pass


class MembershipViewSet(PeopleViewSet):
    model = Membership
    icon = "link"
    list_display = ["member", "community", "role"]
    list_filter = ["community", "role"]
    edit_handler = ObjectList(
        [FieldPanel("member"), FieldPanel("community", widget=forms.Select), FieldPanel("role")],
        base_form_class=PeopleAdminForm,  # members and communities within reach
    )

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("member", "community")


class PublicContactForm(PeopleAdminForm):
    """Conveners propose contacts; only a site admin (superuser) approves one. The "approved"
    field is shown to superusers only (FieldPanel permission), and a change to an approved
    contact's value by anyone else withdraws its approval."""

    def save(self, commit=True):
        contact, user = self.instance, self.for_user
        if contact.pk is None:
            contact.proposed_by = user
        may_approve = user is not None and user.is_superuser
        if not may_approve and (contact.pk is None or "value" in self.changed_data):
            contact.approved = False
        if contact.approved and (
            contact.approved_by_id is None or {"approved", "value"} & set(self.changed_data)
        ):
            contact.approved_by, contact.approved_at = user, timezone.now()
        elif not contact.approved:
            contact.approved_by, contact.approved_at = None, None
        return super().save(commit=commit)


class PublicContactViewSet(PeopleViewSet):
    model = PublicContact
    icon = "mail"
    menu_label = "Public contacts"
    list_display = ["value", "description", "status", "proposed_by", "approved_by", "approved_at"]
    list_filter = ["approved"]
    search_fields = ["value", "description"]
    edit_handler = ObjectList(
        [
            FieldPanel("value"),
            FieldPanel("description"),
            FieldPanel("approved", permission="superuser"),
        ],
        base_form_class=PublicContactForm,
    )


NOT_YOURS_TO_RECORD = (
    "Choose an organisation with a member in a community you convene: an organisation's "
    "consent is recorded by a convener of a community its members belong to, or a site admin."
)


class OrganisationConsentForm(PeopleAdminForm):
    """A convener records an organisation's consent to be named in one page. A member's
    consent is the member's own act, given and withdrawn on the front end (members/views.py)."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        self.fields["organisation"].required = True
        self.fields["organisation"].error_messages["required"] = (
            "Choose the organisation that consents to be named."
        )
        self.fields["output"].error_messages["invalid_choice"] = (
            "Choose a page in a community you convene, or a public page: an organisation's "
            "consent is recorded by the convener of the community the page belongs to."
        )
        self.fields["organisation"].error_messages["invalid_choice"] = NOT_YOURS_TO_RECORD
        if for_user is not None:
            self.fields["output"].queryset = outputs_recordable_by(for_user)
            self.fields["organisation"].queryset = organisations_recordable_by(for_user)

    def clean(self):
        cleaned_data = super().clean()
        organisation, output = cleaned_data.get("organisation"), cleaned_data.get("output")
        if organisation and not may_record_consent(self.for_user, organisation=organisation):
            self.add_error("organisation", NOT_YOURS_TO_RECORD)
            return cleaned_data
        if (
            organisation
            and output
            and NamingConsent.objects.for_output(output)
            .filter(organisation=organisation)
            .exclude(pk=self.instance.pk)
            .exists()
        ):
            self.add_error(
                "output", f"{organisation} has already consented to be named in this page."
            )
        return cleaned_data

    def save(self, commit=True):
        if self.instance.pk is None:
            self.instance.given_by = self.for_user
        return super().save(commit=commit)


class ConsentIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.organisation_id and instance.withdrawn_at is None:
            buttons.append(
                MenuItem(
                    "Withdraw",
                    icon_name="cross",
                    priority=20,
                    url=reverse("members_consent_withdraw", args=[instance.pk]),
                )
            )
        return buttons


def organisation_consent_withdraw(request, pk):
    """A convener withdraws an organisation's consent, as the organisation asked. (A member's
    own consent is theirs to withdraw, on the front end.) The page relying on it is checked
    again at once (attribution/signal_handlers.py)."""
    if not request.user.has_perm("members.add_namingconsent"):
        return redirect("wagtailadmin_home")  # as the admin answers any view one may not use
    consent = get_object_or_404(
        within_reach(request.user, NamingConsent).select_related("organisation", "output"),
        pk=pk,
        organisation__isnull=False,
        withdrawn_at__isnull=True,
    )
    if request.method == "POST":
        consent.withdraw()
        messages.success(
            request,
            f"{consent.organisation}’s consent to be named in "
            f"“{consent.output.title}” is withdrawn.",
        )
        return redirect("wagtailsnippets_members_namingconsent:list")
    return render(request, "members/admin/consent_withdraw.html", {"consent": consent})


@hooks.register("register_actions")
def community_create_action(registry):
    registry.register(Community, CommunityCreateAction)


@hooks.register("register_admin_urls")
def consent_withdraw_urls():
    return [
        path(
            "consents/<int:pk>/withdraw/",
            organisation_consent_withdraw,
            name="members_consent_withdraw",
        ),
        path(
            "outbox-email/<int:pk>/send-again/",
            outbox_email_send_again,
            name="members_outbox_send_again",
        ),
    ]


class NamingConsentViewSet(PeopleViewSet):
    model = NamingConsent
    index_view_class = ConsentIndexView
    icon = "success"
    menu_label = "Consents to be named"
    list_display = ["__str__", "given_by", "given_at", "withdrawn_at"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "member",
        "organisation",
        "output",
        "given_by",
        "given_at",
        "withdrawn_at",
    ]
    edit_handler = ObjectList(
        [
            FieldPanel("organisation", widget=forms.Select),
            FieldPanel("output", widget=AdminPageChooser(can_choose_root=False)),
        ],
        base_form_class=OrganisationConsentForm,
    )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("member", "organisation", "output", "given_by")
        )


class PeopleViewSetGroup(SnippetViewSetGroup):
    menu_label = "People"
    menu_icon = "group"
    menu_order = 250
    items = (
        CommunityViewSet,
        MembershipViewSet,
        MemberViewSet,
        OrganisationViewSet,
        NamingConsentViewSet,
        PublicContactViewSet,
    )


register_snippet(PeopleViewSetGroup)


class OutboxInspectView(InspectView):
    fields = [
        "subject",
        "recipients",
        "status",
        "attempts",
        "last_error",
        "created_at",
        "next_attempt_at",
        "sent_at",
        "body",
    ]

    @cached_property
    def header_more_buttons(self):
        if self.object.status == OutboxEmail.Status.SENT:
            return []
        url = reverse("members_outbox_send_again", args=[self.object.pk])
        return [Button("Send again", url=url, icon_name="mail", priority=10)]


class OutboxViewSet(ModelViewSet):
    """Site admins see the emails not sent yet, and those that failed after every try, and can
    send one again (members/mail.py)."""

    model = OutboxEmail
    icon = "mail"
    menu_label = "Outbox"
    add_to_settings_menu = True
    list_display = ["subject", "recipients", "status", "attempts", "created_at"]
    list_filter = ["status"]
    inspect_view_enabled = True
    inspect_view_class = OutboxInspectView
    copy_view_enabled = False
    form_fields = ["subject"]  # required of a viewset; OutboxPolicy lets nobody add or edit


@hooks.register("register_admin_viewset")
def outbox_viewset():
    return OutboxViewSet("outbox")


def outbox_email_send_again(request, pk):
    """A site admin sends an email from the outbox again, from its first try."""
    if not request.user.has_perm("members.view_outboxemail"):
        return redirect("wagtailadmin_home")  # as the admin answers any view one may not use
    email = get_object_or_404(OutboxEmail.objects.exclude(status=OutboxEmail.Status.SENT), pk=pk)
    if request.method == "POST":
        outbox_send_again(email)
        messages.success(request, f"“{email.subject}” is being sent again.")
        return redirect("outbox:index")
    return render(request, "members/admin/outbox_send_again.html", {"email": email})


def diversity_report_view(request):
    """Equality and diversity of a community's members, in aggregate only (the small-numbers
    rule): for its conveners and site admins. No view shows one person's answers."""
    communities = list(Community.objects.convened_by(request.user).order_by("name"))
    if not communities:
        return redirect("wagtailadmin_home")  # as the admin answers any view one may not use
    chosen = request.GET.get("community")
    community = communities[0]
    if chosen:
        community = next((c for c in communities if str(c.pk) == chosen), None)
        if community is None:
            raise Http404  # another community's, or none: the same answer
    respondents, report = diversity_report(community)
    return render(
        request,
        "members/admin/diversity_report.html",
        {
            "communities": communities,
            "community": community,
            "enough": respondents >= small_numbers.threshold(),
            "respondents": respondents,
            "report": report,
            "threshold": small_numbers.threshold(),
        },
    )


@hooks.register("register_admin_urls")
def diversity_report_urls():
    return [path("reports/diversity/", diversity_report_view, name="members_diversity_report")]


@hooks.register("register_reports_menu_item")
def diversity_report_menu_item():
    return ConvenersMenuItem(
        "Equality and diversity",
        reverse("members_diversity_report"),
        name="diversity",
        icon_name="group",
        order=1100,
    )


@hooks.register("register_admin_urls")
def selection_urls():
    return [
        path("applications/", selection_views.application_list, name="members_applications"),
        path(
            "applications/<int:pk>/",
            selection_views.application_review,
            name="members_application",
        ),
        path(
            "applications/<int:pk>/letter/",
            selection_views.application_letter,
            name="members_application_letter",
        ),
    ]


class ConvenersMenuItem(AdminMenuItem):
    """Shown to the conveners of some community, and site admins."""

    def is_shown(self, request):
        return Community.objects.convened_by(request.user).exists()


@hooks.register("register_admin_menu_item")
def applications_menu_item():
    return ConvenersMenuItem(
        "Applications", reverse("members_applications"), icon_name="form", order=260
    )
