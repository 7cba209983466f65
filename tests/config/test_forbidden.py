"""The 403 page says why: another community only when that is the reason (config/forbidden.py)."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import path

from config.urls import handler403  # noqa: F401 (the site's, for this test URLconf)
from config.urls import urlpatterns as site_urlpatterns

REASON = "Only a convener of this page's community can make public outputs from it."


def convener_only(request):
    raise PermissionDenied(REASON)


urlpatterns = [path("_test/convener-only/", convener_only), *site_urlpatterns]

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]


def test_a_refused_action_says_why_and_nothing_of_other_communities(programme, client_for):
    response = client_for(programme.member).get("/_test/convener-only/")

    assert response.status_code == 403
    content = response.content.decode()
    assert "Only a convener of this page&#x27;s community can make public outputs" in content
    assert "another community" not in content


def test_another_communitys_section_says_it_is_theirs(programme, client_for):
    response = client_for(programme.outsider).get(programme.section.url)

    assert response.status_code == 403
    assert "This page is for another community" in response.content.decode()
