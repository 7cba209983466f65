from django.db import migrations

from themes.vocabulary import GLOSSARY, THEMES


def seed(apps, schema_editor):
    Theme = apps.get_model("themes", "Theme")
    GlossaryTerm = apps.get_model("themes", "GlossaryTerm")
    for order, (name, slug, description) in enumerate(THEMES):
        Theme.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description, "sort_order": order}
        )
    for term, synonyms, theme_slug, meaning in GLOSSARY:
        GlossaryTerm.objects.get_or_create(
            term=term,
            defaults={
                "synonyms": synonyms,
                "meaning": meaning,
                "theme": Theme.objects.filter(slug=theme_slug).first() if theme_slug else None,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("themes", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
