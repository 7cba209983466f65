"""The members' area's guards, which hold however a change is made (admin view, bulk action,
API or code), connected in KnowledgeConfig.ready(): knowledge stays in its community's section,
a section keeps its community's restriction, and the gate is asked before a restriction over
named pages is lifted."""

from django.core.exceptions import ValidationError
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import pre_page_move

from attribution.gate import (
    GateRefusal,
    pages_made_public,
    refusal_message,
    refusals_for,
)
from attribution.registry import registry_changed

from .models import CommunityHomePage
from .privacy import placement_refusal
from .services.sections import community_section_secure


def keep_knowledge_in_its_section(sender, instance, parent_page_after, **kwargs):
    refusal = placement_refusal(instance, parent_page_after)
    if refusal:
        raise ValidationError(refusal)


def refuse_lifting_a_restriction_over_named_pages(sender, instance, origin=None, **kwargs):
    if isinstance(origin, Page):
        return  # the page is being deleted with its restriction: nothing becomes public
    if CommunityHomePage.objects.filter(pk=instance.page_id).exists():
        return  # a section's restriction is put straight back (section_restriction_changed)
    refused = refusals_for(pages_made_public(instance.page, lifting=instance))
    if refused:
        refusal = GateRefusal(refusal_message(refused, "made public"))
        refusal.refused = refused  # logged by whoever catches it: this transaction rolls back
        raise refusal


def _resecure(restriction_page_id):
    section = CommunityHomePage.objects.filter(pk=restriction_page_id).first()
    if section is not None:
        community_section_secure(section=section)


# Anyone who can publish a page may set its privacy in the admin. For a community section the
# only acceptable privacy is its own group, so any change is put straight back.
def section_restriction_changed(sender, instance, origin=None, **kwargs):
    if isinstance(origin, Page):
        return  # the section itself is being deleted, and its restriction with it
    _resecure(instance.page_id)


def section_restriction_groups_changed(sender, instance, action, **kwargs):
    if action in {"post_add", "post_remove", "post_clear"}:
        _resecure(instance.page_id)


def session_guests_changed(sender, **kwargs):
    registry_changed()  # guests who have not consented are protected (KnowledgeConfig.ready())


def connect() -> None:
    pre_page_move.connect(keep_knowledge_in_its_section, dispatch_uid="knowledge:section-move")
    pre_delete.connect(
        refuse_lifting_a_restriction_over_named_pages,
        sender=PageViewRestriction,
        dispatch_uid="knowledge:restriction-lifted",
    )
    for signal in (post_save, post_delete):
        signal.connect(
            section_restriction_changed,
            sender=PageViewRestriction,
            dispatch_uid=f"knowledge:restriction-{signal is post_save}",
        )
        signal.connect(
            session_guests_changed,
            sender="knowledge.SessionGuest",
            dispatch_uid=f"knowledge:guests-{signal is post_save}",
        )
    m2m_changed.connect(
        section_restriction_groups_changed,
        sender=PageViewRestriction.groups.through,
        dispatch_uid="knowledge:restriction-groups",
    )
