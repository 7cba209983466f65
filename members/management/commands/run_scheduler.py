"""The scheduler: runs every command in settings.SCHEDULE on its timetable, until stopped.

One process of its own in production (docs/deployment.md gives its service unit), so that a
periodic command runs once however many web workers there are. APScheduler keeps the
timetables (cron syntax, in TIME_ZONE, so "17 3 * * *" is 03:17 in London across the clock
changes); a run that is late by more than a minute (the machine slept, the process
restarted) is skipped rather than run twice, and a command still running is not started again.
A command that fails is logged and runs again at its next time.

    manage.py run_scheduler            run until stopped
    manage.py run_scheduler --list     each command and when it next runs
    manage.py run_scheduler --run NAME run one of them now, as the scheduler would
"""

import logging

from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger
from django.conf import settings
from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections
from django.utils import timezone

logger = logging.getLogger(__name__)


def timetable() -> dict[str, CronTrigger]:
    """Each scheduled command's trigger; refuses a command that does not exist."""
    known = get_commands()
    unknown = sorted(name for name in settings.SCHEDULE if name not in known)
    if unknown:
        raise CommandError(f"settings.SCHEDULE names commands that do not exist: {unknown}")
    return {
        name: CronTrigger.from_crontab(crontab, timezone=settings.TIME_ZONE)
        for name, crontab in settings.SCHEDULE.items()
    }


def run_scheduled(name: str) -> None:
    """Run one scheduled command; a failure is logged, and the scheduler carries on."""
    close_old_connections()  # a long-lived process: never reuse a connection the server closed
    logger.info("Running %s", name)
    try:
        call_command(name)
    except Exception:
        logger.exception("The scheduled command %s failed", name)
    finally:
        close_old_connections()


class Command(BaseCommand):
    help = "Run every periodic command (settings.SCHEDULE) on its timetable."

    def add_arguments(self, parser):
        parser.add_argument("--list", action="store_true", help="List the timetable and stop.")
        parser.add_argument("--run", metavar="NAME", help="Run one scheduled command now.")

    def handle(self, *args, list=False, run=None, **options):
        triggers = timetable()
        if list:
            now = timezone.now()
            for name, trigger in triggers.items():
                upcoming = timezone.localtime(trigger.get_next_fire_time(None, now))
                self.stdout.write(
                    f"{name:<28} {settings.SCHEDULE[name]:<14} next {upcoming:%Y-%m-%d %H:%M %Z}"
                )
            return
        if run is not None:
            if run not in triggers:
                raise CommandError(f"{run} is not in settings.SCHEDULE: {', '.join(triggers)}")
            run_scheduled(run)
            return
        scheduler = BlockingScheduler(timezone=settings.TIME_ZONE)
        for name, trigger in triggers.items():
            scheduler.add_job(
                run_scheduled,
                trigger,
                args=[name],
                id=name,
                coalesce=True,  # runs missed while stopped: once, not once for each
                max_instances=1,
                misfire_grace_time=60,
            )
        self.stdout.write(f"Scheduling {', '.join(triggers)}. Stop with Ctrl+C.")
        try:
            scheduler.start()
        except (KeyboardInterrupt, SystemExit):
            scheduler.shutdown(wait=False)
