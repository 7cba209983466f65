"""Member search (/search/members/) from the outside: a member finds their communities' pages
and the published learning, with facets, sorting, synonyms and suggestions; never another
community's pages; and anonymous readers are sent to sign in."""

import re

import pytest

from ..factories import InsightFactory

pytestmark = pytest.mark.django_db

ISFS = "Individual service funds (ISFs)"
URL = "/search/members/"


def titles(response) -> list[str]:
    assert response.status_code == 200
    return re.findall(
        r'<h3 class="card__title"><a href="[^"]+">([^<]+)</a>', response.content.decode()
    )


@pytest.fixture
def pages(programme):
    """One members-only insight in each community, on the same subject."""
    ours = InsightFactory(
        parent=programme.section,
        title="Domiciliary care rotas that work",
        summary="Care workers agreed their own rotas.",
        learning="Rotas agreed with care workers kept them longer.",
    )
    theirs = InsightFactory(
        parent=programme.other_section,
        title="Rotas in the other community",
        summary="Another community's rotas.",
        learning="Rotas planned a month ahead.",
    )
    for page in (ours, theirs):
        page.themes.add(ISFS)
        programme.publish(page)
    return {"ours": ours, "theirs": theirs}


def test_anonymous_readers_are_asked_to_sign_in(client):
    response = client.get(URL, {"q": "rotas"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_member_finds_their_communitys_pages_and_never_anothers(programme, pages, client_for):
    client = client_for(programme.member)
    assert titles(client.get(URL, {"q": "rotas"})) == ["Domiciliary care rotas that work"]
    assert titles(client_for(programme.outsider).get(URL, {"q": "rotas"})) == [
        "Rotas in the other community"
    ]


def test_public_search_never_returns_members_pages_even_to_members(programme, pages, client_for):
    client = client_for(programme.member)
    assert titles(client.get("/search/", {"q": "rotas"})) == []


def test_synonyms_find_the_sectors_other_words(programme, pages, client_for):
    client = client_for(programme.member)
    assert "Domiciliary care rotas that work" in titles(client.get(URL, {"q": "home care"}))
    assert "Start small with ISFs" in titles(client.get(URL, {"q": "individual service funds"}))


def test_facets_count_and_filter_without_javascript(programme, pages, client_for):
    client = client_for(programme.member)
    page = client.get(URL, {"q": "ISF"}).content.decode()
    assert re.search(r"Insight <span class=\"meta\">\(\d+\)</span>", page)
    assert programme.other_community.name not in page  # not even as a facet
    link = re.search(r'<a href="(\?[^"]*content_type=Insight[^"]*)"', page).group(1)
    filtered = client.get(URL + link.replace("&amp;", "&"))
    kinds = re.findall(r'<p class="meta">([^<·]+?)(?: ·|</p>)', filtered.content.decode())
    assert titles(filtered) and {k for k in kinds if not k.startswith("Themes")} == {"Insight"}
    assert 'aria-current="true"' in filtered.content.decode()  # the chosen filter, removable


def test_results_sort_by_date_with_links(programme, pages, client_for):
    client = client_for(programme.member)
    page = client.get(URL, {"q": "rotas"}).content.decode()
    assert "sort=newest" in page and "most relevant first" in page
    assert "newest first" in client.get(URL, {"q": "rotas", "sort": "newest"}).content.decode()


def test_a_misspelling_gets_a_suggestion(programme, pages, client_for):
    client = client_for(programme.member)
    page = client.get(URL, {"q": "rotaas"}).content.decode()
    assert "Did you mean" in page and ">rotas</a>" in page


def test_a_suggestion_offers_only_words_the_member_may_read(programme, client_for):
    """Another community's spelling is never offered, even when the member's own pages hold
    the same stem ("outsourced" here, "outsourcing" there)."""
    ours = InsightFactory(
        parent=programme.section,
        title="Services outsourced to a co-op",
        summary="Night care outsourced.",
        learning="Outsourced rotas.",
    )
    theirs = InsightFactory(
        parent=programme.other_section,
        title="Outsourcing night care",
        summary="Outsourcing it.",
        learning="Outsourcing rotas.",
    )
    for page in (ours, theirs):
        programme.publish(page)
    client = client_for(programme.member)
    page = client.get(URL, {"q": "outsourcinq"}).content.decode()
    assert "outsourcing" not in page.casefold() and "Did you mean" not in page
    page = client.get(URL, {"q": "outsourcad"}).content.decode()
    assert "Did you mean" in page and ">outsourced</a>" in page


def test_a_thread_is_found_by_its_replies_as_they_stand(programme, client_for):
    from knowledge.services import threads

    thread = programme.publish(programme.pages["thread"])
    reply = threads.reply_post(
        thread=thread,
        by=programme.member.user,
        body="We used a **quarterly** ledger review with the provider.",
    )
    assert titles(client_for(programme.outsider).get(URL, {"q": "quarterly ledger"})) == []
    member = client_for(programme.member)  # one client: signed in as the last one asked for
    assert titles(member.get(URL, {"q": "quarterly ledger"})) == ["Paying for outcomes"]
    assert titles(member.get("/search/", {"q": "quarterly ledger"})) == []

    threads.reply_edit(reply=reply, by=programme.member.user, body="A monthly review instead.")
    assert titles(member.get(URL, {"q": "quarterly"})) == []  # earlier wordings are not kept
    assert titles(member.get(URL, {"q": "monthly review"})) == ["Paying for outcomes"]

    threads.reply_withdraw(reply=reply, by=programme.member.user)
    assert titles(member.get(URL, {"q": "monthly review"})) == []


def test_a_shared_tool_is_found_by_its_files_titles(programme, client_for):
    programme.publish(programme.pages["tool"])
    programme.document.title = "Provider handbook appendix"
    programme.document.save()
    programme.publish(programme.pages["tool"])  # the file's title as the tool now shows it
    assert titles(client_for(programme.outsider).get(URL, {"q": "handbook appendix"})) == []
    assert titles(client_for(programme.member).get(URL, {"q": "handbook appendix"})) == [
        "ISF contract clause"
    ]
