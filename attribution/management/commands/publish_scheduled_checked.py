"""Wagtail's scheduled publishing, with the Chatham House gate asked first: run this from cron
instead of `publish_scheduled`.

Wagtail's `publish_scheduled` publishes each due revision with no error handling, so the first
revision the save guard refuses would abort the run and every later revision would wait behind
it for ever. This command does what `publish_scheduled` does (unpublish expired pages and
snippets, then publish due revisions, oldest first), one revision at a time: a revision the gate
refuses is unscheduled, logged on the page, reported to the conveners by email, and the run
carries on. The exit status is 0 unless something unexpected failed.
"""

from __future__ import annotations

import logging

from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from wagtail.models import DraftStateMixin, Page, Revision

from attribution.gate import (
    AttributionBlocked,
    admin_edit_url,
    conveners_notify,
    gate_check,
    log_blocked,
)
from attribution.public_text import is_publicly_visible

REASON = "scheduled publishing"
logger = logging.getLogger(__name__)


def scheduled_refusal(revision: Revision) -> AttributionBlocked | None:
    """The gate's refusal of this revision going live, if it is a page that would be public."""
    obj = revision.as_object()
    if not isinstance(obj, Page) or not is_publicly_visible(obj):
        return None
    result = gate_check(obj)
    return None if result.publishable else AttributionBlocked(obj, result)


class Command(BaseCommand):
    help = (
        "Publish scheduled pages and unpublish expired ones, as Wagtail's publish_scheduled "
        "does, but skip and report any page the non-attribution gate refuses."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dryrun", action="store_true", help="Report what would happen; change nothing."
        )

    def handle(self, *args, dryrun=False, **options):
        now = timezone.now()
        self.failed = 0
        unpublished = self.unpublish_expired(now, dryrun=dryrun)
        published = refused = 0
        due = Revision.objects.filter(approved_go_live_at__lt=now).order_by("approved_go_live_at")
        for revision in due:
            outcome = self.publish(revision, dryrun=dryrun)
            published += outcome == "published"
            refused += outcome == "refused"
        verb = "would have " if dryrun else ""
        summary = f"{verb}published {published}, {verb}refused {refused}"
        if unpublished:
            summary += f", {verb}unpublished {unpublished} expired"
        if self.failed:
            summary += f", failed {self.failed}"
        self.stdout.write(summary)
        if self.failed:
            raise CommandError(
                f"{self.failed} scheduled change(s) failed unexpectedly: see the log."
            )

    def unpublish_expired(self, now, *, dryrun: bool) -> int:
        models = [Page] + [
            model
            for model in apps.get_models()
            if issubclass(model, DraftStateMixin) and not issubclass(model, Page)
        ]
        count = 0
        for model in models:
            expired = model.objects.filter(live=True, expire_at__lt=now).order_by("expire_at")
            for obj in list(expired):
                if dryrun:
                    self.stdout.write(f"would unpublish expired: {obj}")
                    count += 1
                    continue
                try:
                    with transaction.atomic():
                        obj.unpublish(set_expired=True, log_action="wagtail.unpublish.scheduled")
                except Exception:
                    self.failed += 1
                    logger.exception("Could not unpublish expired %s %s", model.__name__, obj.pk)
                    self.stderr.write(f"failed to unpublish expired: {obj} (see the log)")
                else:
                    count += 1
        return count

    def publish(self, revision: Revision, *, dryrun: bool) -> str:
        """Publish one due revision: "published", "refused" or "failed"."""
        try:
            refusal = scheduled_refusal(revision)
            if dryrun:
                self.stdout.write(
                    f"would refuse: {_where(revision)}"
                    if refusal
                    else f"would publish: {revision.object_str}"
                )
                return "refused" if refusal else "published"
            if refusal is not None:
                raise refusal
            with transaction.atomic():
                revision.publish(log_action="wagtail.publish.scheduled")
        except ValidationError as error:
            # The gate (here, or the save guard should the page have changed meanwhile), or
            # another rule that publishing checks: it will not pass by waiting, so unschedule.
            # (Whatever the save guard logged went with the rolled-back savepoint: log here.)
            if isinstance(error, AttributionBlocked):
                log_blocked(error.page, error.result, reason=REASON)
            self.refuse(revision, error)
            return "refused"
        except Exception:
            self.failed += 1  # left scheduled: a database hiccup may pass by the next run
            logger.exception("Scheduled publishing of revision %s failed", revision.pk)
            self.stderr.write(f"failed: {revision.object_str} (see the log)")
            return "failed"
        self.stdout.write(f"published: {revision.object_str}")
        return "published"

    def refuse(self, revision: Revision, error: ValidationError) -> None:
        revision.approved_go_live_at = None
        revision.save(update_fields=["approved_go_live_at"])  # logs "wagtail.schedule.cancel"
        obj = revision.as_object()
        title = getattr(obj, "title", None) or revision.object_str
        if isinstance(error, AttributionBlocked):
            why = (
                "it would be public and it names a participant, their organisation or their "
                "contact details (in: "
                + ", ".join(sorted({where.label for where, _f in error.result.blocks}))
                + ")"
            )
        else:
            why = "; ".join(error.messages)
        link = admin_edit_url(obj) if isinstance(obj, Page) else ""
        conveners_notify(
            subject=f"Scheduled publishing refused: “{title}”",
            body=(
                f"“{title}” was scheduled to go live, but it was not published: {why}.\n\n"
                "It is no longer scheduled. Edit it to use role language (or record the "
                "consent to be named), then publish or schedule it again:\n\n"
                f"{link}\n"
            ),
        )
        # Not the title: cron mails this output to whoever runs the server, and the title may
        # be what names someone.
        self.stdout.write(f"refused: {_where(revision)}: {why}")


def _where(revision: Revision) -> str:
    """A refused revision for the operator: its page's id and admin link, never its words."""
    obj = revision.content_object
    if isinstance(obj, Page):
        return f"page {obj.pk} ({admin_edit_url(obj)})"
    return f"{revision.content_type.name} {revision.object_id}"
