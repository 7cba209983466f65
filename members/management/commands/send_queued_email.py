"""Send the outbox's emails whose next try is due (members/mail.py). The scheduler runs it every
minute: it sends retries where tasks run in process, and whatever a worker that stopped left."""

from django.core.management.base import BaseCommand

from members.mail import outbox_due, outbox_send


class Command(BaseCommand):
    help = "Send the emails in the outbox whose next try is due."

    def handle(self, *args, **options):
        outcomes: dict[str, int] = {}
        for email_id in outbox_due().values_list("pk", flat=True):
            outcome = outbox_send(email_id)
            outcomes[outcome] = outcomes.get(outcome, 0) + 1
        summary = ", ".join(f"{outcome} {count}" for outcome, count in sorted(outcomes.items()))
        self.stdout.write(summary or "nothing due")
