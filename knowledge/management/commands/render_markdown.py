"""`manage.py render_markdown`: render members' stored Markdown into its HTML fields again.

Pages print the HTML rendered when the text was saved (knowledge.markdown.StoredMarkdown), so
run this after changing the renderer (its extensions, the sanitiser's allow-list, the limits)
and every stored text shows the change. Safe to rerun; progress goes to stdout.
"""

from django.apps import apps
from django.core.management.base import BaseCommand

from knowledge.markdown import StoredMarkdown, rerender_stored


class Command(BaseCommand):
    help = "Render every stored Markdown text into its HTML again (after the renderer changes)."

    def handle(self, *args, **options):
        for model in apps.get_models():
            if not issubclass(model, StoredMarkdown):
                continue
            label = model._meta.verbose_name_plural
            total = model.objects.count()
            done = 0
            for done in rerender_stored(model.objects.all(), list(model.markdown_fields)):
                self.stdout.write(f"{label}: {done:,} of {total:,}")
            self.stdout.write(self.style.SUCCESS(f"{label}: {done:,} rendered"))
