"""Replace Wagtail's placeholder welcome page with the Practice Commons home and about pages."""

from django.db import migrations

HOME_INTRO = (
    "<p>Practice Commons is where communities of practice in health and social care keep what "
    "they learn together. Members meet under the Chatham House rule; what they learn is shared "
    "here, and the wider sector reads the public learning without ever learning who said "
    "what.</p>"
)
ABOUT_BODY = (
    "<h2>What this is</h2><p>A knowledge wiki and learning repository for communities of "
    "practice: community businesses, care co-operatives and council commissioners who meet "
    "every few weeks to learn from each other.</p>"
    "<h2>How to join</h2><p>Communities are open to organisations working in adult social care. "
    "Ask the convener of the community you are interested in for an application.</p>"
    "<h2>Contact</h2><p>Write to the programme's convener at the address on your invitation.</p>"
)


def create_home(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    Locale = apps.get_model("wagtailcore", "Locale")
    HomePage = apps.get_model("knowledge", "HomePage")
    AboutPage = apps.get_model("knowledge", "AboutPage")

    Page.objects.filter(depth=2, slug="home", content_type__model="page").delete()
    locale = Locale.objects.order_by("pk").first()
    home_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="knowledge")
    about_type, _ = ContentType.objects.get_or_create(model="aboutpage", app_label="knowledge")
    root = Page.objects.get(depth=1)
    home = HomePage.objects.create(
        title="Practice Commons",
        draft_title="Practice Commons",
        slug="home",
        content_type=home_type,
        path=root.path + "0001",
        depth=2,
        numchild=1,
        url_path="/home/",
        locale=locale,
        intro=HOME_INTRO,
    )
    root.numchild = Page.objects.filter(depth=2).count()
    root.save(update_fields=["numchild"])
    AboutPage.objects.create(
        title="About Practice Commons",
        draft_title="About Practice Commons",
        slug="about",
        content_type=about_type,
        path=home.path + "0001",
        depth=3,
        numchild=0,
        url_path="/home/about/",
        show_in_menus=True,
        locale=locale,
        body=ABOUT_BODY,
    )
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "root_page_id": home.id, "site_name": "Practice Commons"},
    )


class Migration(migrations.Migration):
    dependencies = [
        ("knowledge", "0003_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]
    operations = [migrations.RunPython(create_home, migrations.RunPython.noop)]
