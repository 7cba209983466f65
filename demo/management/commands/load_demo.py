"""`manage.py load_demo [--scale N]`: the demo programme that `make run` serves.

The work is in demo/build.py; this command parses arguments, shows progress and prints the
demo accounts. Safe to run again: it creates only what is missing.
"""

import logging
import time
from contextlib import contextmanager

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from demo import build as demo


class Command(BaseCommand):
    help = (
        "Load the demo programme: two communities of practice, about 30 members and their "
        "knowledge. Idempotent. --scale N multiplies the knowledge pages by N for benchmarks."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            type=int,
            default=1,
            help="Multiply the knowledge pages (sessions, threads, tools, case studies, "
            "insights) by N, as archives of earlier cohorts. Default 1.",
        )
        parser.add_argument(
            "--no-progress", action="store_true", help="Do not show a progress bar."
        )
        parser.add_argument(
            "--base-url",
            default="http://127.0.0.1:8000",
            help="Where the site is served: the site's address (in the report PDF's links, the "
            "admin's 'View live') and the sign-in links printed at the end.",
        )
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Load even with production settings. The demo accounts, a superuser "
            "included, share a published password: never do this on a public site.",
        )

    def handle(self, *args, scale, no_progress, base_url, allow_production, **options):
        verbosity = options["verbosity"]
        if scale < 1:
            raise CommandError("--scale must be 1 or more.")
        if settings.SETTINGS_MODULE.endswith(".production") and not allow_production:
            raise CommandError(
                "Refusing to load demo accounts with production settings: they share a "
                "published password. Pass --allow-production if this really is a demo site."
            )

        started = time.monotonic()
        # First: the learning report's PDF, made as it is published, prints the site's address.
        demo.site_point_at(base_url)
        plan = demo.build_plan(scale=scale)
        missing = demo.missing_page_count(plan)
        if verbosity and missing:
            self.stdout.write(
                f"Loading the demo programme at scale {scale}: {missing} of "
                f"{plan.page_count} pages to create."
            )
        with (
            self._quiet_logs(verbosity),
            tqdm(
                total=missing,
                unit="page",
                desc="Demo pages",
                file=getattr(self.stderr, "_out", self.stderr),
                disable=no_progress or verbosity == 0 or missing == 0,
                dynamic_ncols=True,
            ) as bar,
        ):
            result = demo.load(plan, progress=bar.update)
        elapsed = time.monotonic() - started

        if verbosity == 0:
            return
        if result.nothing_created:
            self.stdout.write(
                self.style.SUCCESS(
                    f"The demo is already loaded ({plan.page_count} pages at scale {scale}); "
                    "nothing to do."
                )
            )
        else:
            pages = ", ".join(f"{count} {name}" for name, count in sorted(result.pages.items()))
            self.stdout.write(
                self.style.SUCCESS(
                    f"Loaded in {elapsed:.1f}s: {result.communities} communities, "
                    f"{result.members} members, {result.organisations} organisations, "
                    f"{result.memberships} memberships, {result.documents} documents, "
                    f"{result.page_total} pages" + (f" ({pages})" if pages else "") + ", "
                    f"{result.replies} replies, {result.applications} applications."
                )
            )
        self._print_logins(base_url.rstrip("/"))

    @contextmanager
    def _quiet_logs(self, verbosity):
        """Wagtail and the task runner log every page and task at INFO: noise around a
        progress bar. Shown again with --verbosity 2 or more."""
        loggers = [logging.getLogger(name) for name in ("wagtail", "django_tasks")]
        levels = [logger.level for logger in loggers]
        if verbosity < 2:
            for logger in loggers:
                logger.setLevel(logging.WARNING)
        try:
            yield
        finally:
            for logger, level in zip(loggers, levels, strict=True):
                logger.setLevel(level)

    def _print_logins(self, base_url):
        logins = demo.demo_logins()
        width = max(len(label) for label, _, _ in logins)
        lines = [
            "",
            "=" * 78,
            "  Practice Commons demo",
            f"  Site:   {base_url}/         (sign in at {base_url}/accounts/login/)",
            f"  Admin:  {base_url}/admin/",
            *(f"  Apply:  {base_url}/join/{slug}/" for slug in demo.recruiting_slugs()),
            f"  Password for every demo account: {demo.DEMO_PASSWORD}",
            "",
            *(f"  {label.ljust(width)}  {username}" for label, username, _ in logins),
            "=" * 78,
            "",
        ]
        self.stdout.write("\n".join(lines))
