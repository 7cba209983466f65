"""The non-attribution rules that hold however a change is made (admin view, bulk action,
API, a command or code), connected in AttributionConfig.ready(): the gate on every save that
would make a page public and on every move, consents remembered and rechecked, and the
registry of protected names kept current (a member who leaves or changes name stays protected
through keyed hashes of the names dropped). Other apps add their own sources of protected
people (knowledge's session guests) and stamp the registry when those change."""

from django.conf import settings
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from wagtail.models import Page
from wagtail.signals import page_published, pre_page_move

from members.models import FormerParticipant, Member, NamingConsent
from themes.aliases import split_aliases

from .check import Person
from .gate import (
    GateRefusal,
    gate_check,
    log_blocked,
    pages_made_public,
    record_consents_used,
    refusal_message,
    refusals_for,
    save_refusal,
    unpublish_if_blocked,
)
from .public_text import is_publicly_visible
from .registry import former_record, member_person, registry_changed

# --- the registry of protected names -------------------------------------------------------
# Whoever changes who is protected, by whatever path, makes every cached registry stale; a
# member who leaves or changes name stays protected through keyed hashes of the names dropped.

PROTECTION_SOURCES = (
    "members.Member",
    "members.Organisation",
    "members.NamingConsent",
    "members.PublicContact",
    "members.FormerParticipant",
)


def protection_changed(sender, **kwargs):
    registry_changed()


def user_email_may_have_changed(sender, instance, update_fields=None, **kwargs):
    # Signing in saves last_login only: that must not throw away every process's registry.
    if update_fields is None or "email" in update_fields:
        if hasattr(instance, "member"):
            registry_changed()


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


def remember_the_consents_a_public_page_relies_on(sender, instance, revision=None, **kwargs):
    if is_publicly_visible(instance):
        user = getattr(revision, "user", None)
        record_consents_used(instance, gate_check(instance), user=user)


def recheck_the_page_when_consent_is_withdrawn(sender, instance, update_fields=None, **kwargs):
    if instance.withdrawn_at is None or (update_fields and "withdrawn_at" not in update_fields):
        return
    page = Page.objects.get(pk=instance.output_id).specific  # as stored, not as once loaded
    if page.live and is_publicly_visible(page):
        unpublish_if_blocked(page, withdrawn=instance)


# Wagtail moves a subtree by rewriting paths, without saving the descendants: the save guard
# below never sees them, so a move that makes pages public is checked here, page by page.
def refuse_move_that_makes_named_pages_public(sender, instance, parent_page_after, **kwargs):
    refused = refusals_for(pages_made_public(instance, parent=parent_page_after))
    if refused:
        for page, result in refused:
            log_blocked(page, result, reason="move")
        raise GateRefusal(refusal_message(refused, "moved"))


def connect() -> None:
    for label in PROTECTION_SOURCES:
        post_save.connect(protection_changed, sender=label, dispatch_uid=f"registry:{label}")
        post_delete.connect(protection_changed, sender=label, dispatch_uid=f"registry-:{label}")
    post_save.connect(
        user_email_may_have_changed,
        sender=settings.AUTH_USER_MODEL,
        dispatch_uid="registry:user-email",
    )
    pre_delete.connect(keep_leaving_member_protected, sender=Member, dispatch_uid="registry:left")
    pre_save.connect(keep_dropped_names_protected, sender=Member, dispatch_uid="registry:renamed")
    pre_save.connect(refuse_public_page_that_names_someone, dispatch_uid="gate:save")
    pre_page_move.connect(refuse_move_that_makes_named_pages_public, dispatch_uid="gate:move")
    page_published.connect(
        remember_the_consents_a_public_page_relies_on, dispatch_uid="gate:consents-used"
    )
    post_save.connect(
        recheck_the_page_when_consent_is_withdrawn,
        sender=NamingConsent,
        dispatch_uid="gate:consent-withdrawn",
    )
