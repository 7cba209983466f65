"""Text that looks like markup: what members and editors type is saved and published, never a
server error, and the gate still reads every word (attribution/html_text.py)."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from attribution.gate import AttributionBlocked, gate_check
from attribution.html_text import html_to_text
from knowledge.models import ChallengeThread, Insight
from learning.models import PublicOutputPage
from themes.models import Theme

pytestmark = pytest.mark.django_db

ISFS = "Individual service funds (ISFs)"
# A bogus comment to a browser ("See  here"); Django's strip_tags raised AssertionError on it.
ODD = "<![x>"


def test_a_thread_asked_with_markup_like_text_opens(programme, client_for):
    question = f"See {ODD} here"
    response = client_for(programme.member).post(
        programme.section.url + "threads/new/",
        {"title": "Odd text", "question": question, "themes": [Theme.objects.get(name=ISFS).pk]},
    )

    assert response.status_code == 302
    thread = ChallengeThread.objects.get(title="Odd text")
    assert thread.live and thread.question == question


def _insight_form(insight, learning, **extra):
    return nested_form_data(
        {
            "title": insight.title,
            "slug": insight.slug,
            "learning": learning,
            "source": "",
            "summary": "",
            "themes": f'"{ISFS}"',
            "comments": inline_formset([]),
            "action-publish": "action-publish",
            **extra,
        }
    )


def test_an_insight_with_markup_like_text_publishes(programme, admin_client):
    insight = programme.pages["insight"]
    learning = f"L {ODD} here"

    response = admin_client.post(
        reverse("wagtailadmin_pages:edit", args=[insight.pk]), _insight_form(insight, learning)
    )

    assert response.status_code == 302, response.context["form"].errors
    assert Insight.objects.get(pk=insight.pk).learning == learning


def test_an_output_summary_with_markup_like_text_goes_through_the_gate(programme, hub):
    output = hub.add_child(
        instance=PublicOutputPage(title="Start small", summary="Start small.", live=False)
    )
    output.summary = summary = f"A member found {ODD} it helps to start small."

    output.save_revision().publish()

    output = PublicOutputPage.objects.get(pk=output.pk)
    assert output.live and output.summary == summary


def test_the_gate_still_reads_a_name_beside_markup_like_text(programme, hub):
    output = hub.add_child(
        instance=PublicOutputPage(title="Start small", summary="Start small.", live=False)
    )
    output.summary = f"Amina Okafor {ODD} found it helps."
    with pytest.raises(AttributionBlocked):
        output.save_revision().publish()


@pytest.mark.parametrize(
    "source, words",
    [
        (f"See {ODD} here", "See  here"),
        ("<![CDATA[x]]>y", "y"),
        ("<li>Fatima</li><li>Noor</li>", "\nFatima\n\nNoor\n"),
        ("<b>Fa</b>tima &amp; co", "Fatima & co"),
        ("<p>a<script>Amina</script></p>", "\na\n"),
        ("<a href='x", ""),
    ],
)
def test_text_is_read_as_a_browser_reads_it(source, words):
    assert html_to_text(source) == words


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("<>![]/-?&#;=\"' abxCDATA") | st.characters()))
def test_any_text_is_read_without_error(text):
    assert isinstance(html_to_text(text), str)


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(alphabet=st.sampled_from("<>![]/-?&#;=\"' abxCDATA") | st.characters()))
def test_any_text_in_any_public_field_is_checked_without_error(programme, hub, text):
    page = PublicOutputPage(
        title=text or "t",
        slug="t",
        summary=text,
        body=text,
        seo_title=text,
        search_description=text,
    )
    assert gate_check(page) is not None


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet=st.sampled_from("<>![]/-?&#;=\"' abxCDATA") | st.characters()),
    st.sampled_from(["text/html", "application/rss+xml", "application/json", "text/plain"]),
)
def test_the_last_check_reads_any_response_text_without_error(text, content_type):
    from attribution.last_check import body_text

    assert isinstance(body_text(text.encode("utf-8", "surrogatepass"), content_type, "utf-8"), str)


def test_a_link_to_a_document_id_past_the_database_publishes(programme, hub):
    output = hub.add_child(
        instance=PublicOutputPage(title="Start small", summary="Start small.", live=False)
    )
    output.body = (
        '<p><a linktype="document" id="99999999999999999999">the guide</a>'
        '<embed embedtype="image" id="99999999999999999999" alt="A rota"/></p>'
    )

    output.save_revision().publish()

    assert PublicOutputPage.objects.get(pk=output.pk).live
