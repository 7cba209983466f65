"""Guards that hold however a change is made: admin view, bulk action, API or code."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, pre_page_move

from attribution.check import Person
from attribution.gate import (
    GateRefusal,
    gate_check,
    is_publicly_visible,
    log_blocked,
    pages_made_public,
    record_consents_used,
    refusal_message,
    refusals_for,
    save_refusal,
    unpublish_if_blocked,
)
from attribution.registry import former_record, member_person, registry_changed
from members.models import FormerParticipant, Member, NamingConsent
from themes.aliases import split_aliases

from .models import CommunityHomePage
from .privacy import placement_refusal
from .services import community_section_secure


@receiver(pre_page_move)
def keep_knowledge_in_its_section(sender, instance, parent_page_after, **kwargs):
    refusal = placement_refusal(instance, parent_page_after)
    if refusal:
        raise ValidationError(refusal)


# Wagtail moves a subtree by rewriting paths, without saving the descendants: the save guard
# below never sees them, so a move that makes pages public is checked here, page by page.
@receiver(pre_page_move)
def refuse_move_that_makes_named_pages_public(sender, instance, parent_page_after, **kwargs):
    refused = refusals_for(pages_made_public(instance, parent=parent_page_after))
    if refused:
        for page, result in refused:
            log_blocked(page, result, reason="move")
        raise GateRefusal(refusal_message(refused, "moved"))


@receiver(pre_delete, sender=PageViewRestriction)
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
@receiver([post_save, post_delete], sender=PageViewRestriction)
def section_restriction_changed(sender, instance, origin=None, **kwargs):
    if isinstance(origin, Page):
        return  # the section itself is being deleted, and its restriction with it
    _resecure(instance.page_id)


@receiver(m2m_changed, sender=PageViewRestriction.groups.through)
def section_restriction_groups_changed(sender, instance, action, **kwargs):
    if action in {"post_add", "post_remove", "post_clear"}:
        _resecure(instance.page_id)


# --- the registry of protected names -------------------------------------------------------
# Whoever changes who is protected, by whatever path, makes every cached registry stale; a
# member who leaves or changes name stays protected through keyed hashes of the names dropped.

PROTECTION_SOURCES = (
    "members.Member",
    "members.Organisation",
    "members.NamingConsent",
    "members.PublicContact",
    "members.FormerParticipant",
    "knowledge.SessionGuest",
)


def _protection_changed(sender, **kwargs):
    registry_changed()


for _label in PROTECTION_SOURCES:
    post_save.connect(_protection_changed, sender=_label, dispatch_uid=f"registry:{_label}")
    post_delete.connect(_protection_changed, sender=_label, dispatch_uid=f"registry-:{_label}")


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def user_email_may_have_changed(sender, instance, update_fields=None, **kwargs):
    # Signing in saves last_login only: that must not throw away every process's registry.
    if update_fields is None or "email" in update_fields:
        if hasattr(instance, "member"):
            registry_changed()


@receiver(pre_delete, sender=Member)
def keep_leaving_member_protected(sender, instance, **kwargs):
    person = member_person(
        instance.display_name, instance.aliases, getattr(instance.user, "email", "")
    )
    FormerParticipant.objects.create(
        variants=former_record(person, _organisation_type(instance)),
        reason=FormerParticipant.Reason.ERASED,
    )


def _organisation_type(member):
    return member.organisation.type if member.organisation_id else None


@receiver(pre_save, sender=Member)
def keep_dropped_names_protected(sender, instance, **kwargs):
    if instance.pk is None:
        return
    before = Member.objects.filter(pk=instance.pk).values_list("display_name", "aliases").first()
    if before is None:
        return
    now = {instance.display_name.casefold(), *(a.casefold() for a in instance.alias_list)}
    dropped = [n for n in (before[0], *split_aliases(before[1])) if n.casefold() not in now]
    if dropped:
        FormerParticipant.objects.create(
            variants=former_record(
                Person(name=dropped[0], aliases=tuple(dropped[1:])), _organisation_type(instance)
            ),
            reason=FormerParticipant.Reason.RENAMED,
        )


# --- the Chatham House gate ----------------------------------------------------------------
# Every Wagtail publish path (editor, bulk, workflow, scheduled, copy, revision.publish(), the
# APIs) ends in saving the live page row, so that is where the rule is enforced; the friendly
# checks in the admin ask the same question first (attribution/gate.py).


@receiver(pre_save)
def refuse_public_page_that_names_someone(
    sender, instance, update_fields=None, raw=False, **kwargs
):
    if raw or not isinstance(instance, Page):
        return
    if instance.__dict__.pop("_gate_passed", False):
        return  # our page types checked (and logged) before the save began: GatedPage.save
    refusal = save_refusal(instance, update_fields)
    if refusal is not None:
        log_blocked(instance, refusal.result, reason="publish")  # rolled back with the save
        raise refusal


@receiver(page_published)
def remember_the_consents_a_public_page_relies_on(sender, instance, revision=None, **kwargs):
    if is_publicly_visible(instance):
        user = getattr(revision, "user", None)
        record_consents_used(instance, gate_check(instance), user=user)


@receiver(post_save, sender=NamingConsent)
def recheck_the_page_when_consent_is_withdrawn(sender, instance, update_fields=None, **kwargs):
    if instance.withdrawn_at is None or (update_fields and "withdrawn_at" not in update_fields):
        return
    page = Page.objects.get(pk=instance.output_id).specific  # as stored, not as once loaded
    if page.live and is_publicly_visible(page):
        unpublish_if_blocked(page, withdrawn=instance)
