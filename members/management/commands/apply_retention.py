"""Delete what the site keeps only for a while (the scheduler runs it daily):

- invitations never accepted: an account whose password was never set and that never signed
  in, INVITATION_RETENTION after it was made (its link expired long before). It goes the way
  every member's removal goes: their name stays protected as a former participant's;
- applications declined, APPLICATION_RETENTION after the decision, and drafts never
  submitted, APPLICATION_RETENTION after they were last saved, with their letters of support;
- emails the outbox has sent, OUTBOX_RETENTION after they were sent (they hold names and
  addresses; one that failed stays until a site admin sends it again).

    manage.py apply_retention [--dry-run]
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from tqdm import tqdm

from members.models import Application, OutboxEmail


def unused_invitations():
    cutoff = timezone.now() - settings.INVITATION_RETENTION
    return (
        get_user_model()
        .objects.filter(member__isnull=False, last_login=None, date_joined__lt=cutoff)
        .filter(password__startswith=UNUSABLE_PASSWORD_PREFIX)  # never set
    )


def applications_expired():
    cutoff = timezone.now() - settings.APPLICATION_RETENTION
    return Application.objects.filter(
        Q(status=Application.Status.DECLINED, decided_at__lt=cutoff)
        | Q(status=Application.Status.DRAFT, updated_at__lt=cutoff)
    )


class Command(BaseCommand):
    help = "Delete unused invitations, old applications and sent emails when they are due."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Count, delete nothing.")

    def handle(self, *args, dry_run=False, verbosity=1, **options):
        users = list(unused_invitations())
        if not dry_run:
            for user in tqdm(users, desc="Unused invitations", disable=verbosity < 1 or not users):
                with transaction.atomic():
                    user.delete()
        applications = list(applications_expired())
        if not dry_run:
            for application in tqdm(
                applications, desc="Applications", disable=verbosity < 1 or not applications
            ):
                application.letter_of_support.delete(save=False)
                application.delete()
        sent = OutboxEmail.objects.filter(
            status=OutboxEmail.Status.SENT,
            sent_at__lt=timezone.now() - settings.OUTBOX_RETENTION,
        )
        sent_count = sent.count() if dry_run else sent.delete()[0]
        verb = "would delete" if dry_run else "deleted"
        self.stdout.write(
            f"Unused invitations: {verb} {len(users)}. "
            f"Declined applications and abandoned drafts: {verb} {len(applications)}. "
            f"Sent emails: {verb} {sent_count}."
        )
