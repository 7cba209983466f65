"""Guards that hold however a change is made: admin view, bulk action, API or code."""

from django.core.exceptions import ValidationError
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import pre_page_move

from .models import CommunityHomePage
from .privacy import placement_refusal
from .services import community_section_secure


@receiver(pre_page_move)
def keep_knowledge_in_its_section(sender, instance, parent_page_after, **kwargs):
    refusal = placement_refusal(instance, parent_page_after)
    if refusal:
        raise ValidationError(refusal)


def _resecure(restriction_page_id):
    section = CommunityHomePage.objects.filter(pk=restriction_page_id).first()
    if section is not None:
        community_section_secure(section=section)


# Anyone who can publish a page may set its privacy in the admin. For a community section the
# only acceptable privacy is its own group, so any change is put straight back.
@receiver([post_save, post_delete], sender=PageViewRestriction)
def section_restriction_changed(sender, instance, origin=None, **kwargs):
    if isinstance(origin, Page):
        return  # the section itself is being deleted, and its restriction with it
    _resecure(instance.page_id)


@receiver(m2m_changed, sender=PageViewRestriction.groups.through)
def section_restriction_groups_changed(sender, instance, action, **kwargs):
    if action in {"post_add", "post_remove", "post_clear"}:
        _resecure(instance.page_id)
