"""Who publishes the public side, and the licence new outputs get: site settings a site admin
changes in the admin (Settings > Publication), checked like any public text."""

import pytest
from django.urls import reverse
from wagtail.models import Site

from learning.models import PublicationSettings, PublicOutputPage

pytestmark = pytest.mark.django_db


def edit_url():
    site = Site.objects.get(is_default_site=True)
    return reverse("wagtailsettings:edit", args=["learning", "publicationsettings", site.pk])


def form(**changes):
    return {
        "publisher_name": "Care Commons Wales",
        "feed_author": "The programme team",
        "default_licence": "OGL-UK-3.0",
        **changes,
    }


def test_a_site_admin_renames_the_publisher_and_the_feeds_say_so(admin_client, client, hub):
    assert (
        "<title>Practice Commons: Learning</title>"
        in client.get("/learning/feed/").content.decode()
    )
    assert admin_client.post(edit_url(), form()).status_code == 302  # the cached feed goes too

    rss = client.get("/learning/feed/").content.decode()
    assert "<title>Care Commons Wales: Learning</title>" in rss
    atom = client.get("/learning/feed/atom/").content.decode()
    assert "<name>The programme team</name>" in atom
    assert '"name": "Care Commons Wales"' in client.get("/learning/").content.decode()


def test_a_publisher_named_after_a_participant_is_refused_and_nothing_is_saved(
    admin_client, programme
):
    name = programme.member.display_name
    response = admin_client.post(edit_url(), form(publisher_name=name))

    assert response.status_code == 200
    assert "names a participant" in response.content.decode()
    assert not PublicationSettings.objects.filter(publisher_name=name).exists()


def test_new_outputs_get_the_default_licence_a_site_admin_chose(admin_client, hub):
    assert PublicOutputPage().licence == "CC-BY-NC-SA-4.0"
    admin_client.post(edit_url(), form())
    assert PublicOutputPage().licence == "OGL-UK-3.0"


@pytest.mark.parametrize("who", ["convener", "member"])
def test_only_site_admins_change_the_publication_settings(programme, client_for, who):
    response = client_for(getattr(programme, who)).post(edit_url(), form())
    assert response.status_code in (302, 403)
    assert not PublicationSettings.objects.filter(publisher_name="Care Commons Wales").exists()
