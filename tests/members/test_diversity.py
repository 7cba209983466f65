"""Equality and diversity monitoring: optional, the member's own, kept apart, and reported only
in aggregate through the small-numbers rule, which no figure on the page can undo."""

import itertools
import re

import pytest

from members.models import DiversityAnswers, Membership
from members.small_numbers import WITHHELD, suppressed

from ..factories import MemberFactory

FEWER = "fewer than 5"


def shown(counts):
    table = suppressed(counts)
    return [row.shown for row in table.rows], table.total


@pytest.mark.parametrize(
    ("counts", "rows", "total"),
    [
        ([12, 3, 7], ["12", FEWER, WITHHELD], "22"),  # the next smallest withheld
        ([2, 1], [FEWER, FEWER], FEWER),  # too few answers for anything
        ([10, 0, 6], ["10", "0", "6"], "16"),  # nothing small: every count, zeros too
        ([10, 0, 2, 6], ["10", FEWER, FEWER, WITHHELD], "18"),  # a zero hides with the rest
        ([3, 3], [FEWER, FEWER], "6"),  # nothing large to withhold: all hidden
        ([5, 5, 1], [WITHHELD, "5", FEWER], "11"),
    ],
)
def test_the_small_numbers_rule_on_known_tables(settings, counts, rows, total):
    settings.SMALL_NUMBER_THRESHOLD = 5
    assert shown([(str(i), count) for i, count in enumerate(counts)]) == (rows, total)


def test_no_hidden_count_can_be_worked_out_from_the_total(settings):
    """Every table of three answers with up to 12 each: given what is shown and the total,
    each hidden count could still be more than one number (or is an empty group)."""
    settings.SMALL_NUMBER_THRESHOLD = 5
    for counts in itertools.product(range(13), repeat=3):
        rows, total = shown([(str(i), c) for i, c in enumerate(counts)])
        if not total.isdigit() or all(row.isdigit() for row in rows):
            continue
        if not any(row == WITHHELD for row in rows) and set(counts) == {4}:
            continue  # the residual case the module's docstring names
        ranges = [
            [int(row)] if row.isdigit() else range(5) if row == FEWER else range(5, int(total) + 1)
            for row in rows
        ]
        possible = [values for values in itertools.product(*ranges) if sum(values) == int(total)]
        for i, row in enumerate(rows):
            if row == FEWER:
                could_be = {values[i] for values in possible}
                assert len(could_be) > 1 or could_be == {0}, (counts, rows, total)


@pytest.mark.django_db
def test_a_member_answers_changes_and_deletes_their_own_answers(programme, client_for):
    client = client_for(programme.member)
    page = client.get("/account/diversity/").content.decode()
    assert "optional" in page and "Prefer not to say" in page

    response = client.post("/account/diversity/", {"age_band": "35_44", "caring": "yes"})
    assert response.status_code == 302
    answers = DiversityAnswers.objects.get(member=programme.member)
    assert (answers.age_band, answers.caring, answers.gender) == ("35_44", "yes", "")
    assert re.search(
        r'value="35_44"[^>]*checked', client.get("/account/diversity/").content.decode()
    )

    client.post("/account/diversity/", {"delete": "1"})
    assert not DiversityAnswers.objects.filter(member=programme.member).exists()


@pytest.mark.django_db
def test_an_answer_that_is_not_offered_is_refused_and_the_rest_kept(programme, client_for):
    response = client_for(programme.member).post(
        "/account/diversity/", {"age_band": "12_15", "caring": "yes"}
    )
    html = response.content.decode()
    assert response.status_code == 200 and "Select a valid choice" in html
    assert 'value="yes" id="id_caring_0" checked' in html or "checked" in html
    assert not DiversityAnswers.objects.exists()


def _respondents(programme, answers):
    for i, values in enumerate(answers):
        member = MemberFactory(display_name=f"Respondent {i}")
        Membership.objects.create(member=member, community=programme.community)
        DiversityAnswers.objects.create(member=member, **values)


@pytest.mark.django_db
def test_the_convener_sees_only_aggregates_with_small_numbers_hidden(programme, client_for):
    _respondents(programme, [{"caring": "yes"}] * 6 + [{"caring": "no"}] * 2 + [{}] * 5)
    html = client_for(programme.convener).get("/admin/reports/diversity/").content.decode()
    assert "Based on 13 members" in html
    caring = html[html.index("look after") :]
    caring = caring[: caring.index("</table>")]
    assert "<td>Yes</td><td>6</td>" in caring
    assert "<td>No</td><td>fewer than 5</td>" in caring
    # The smallest count that is not small: withheld, or 2 could be had from the total.
    assert "<td>Not answered</td><td>withheld</td>" in caring
    assert "Respondent" not in html  # nobody's own answers, nor who answered


@pytest.mark.django_db
def test_with_fewer_than_five_answers_nothing_is_shown(programme, client_for):
    _respondents(programme, [{"caring": "yes"}] * 4)
    html = client_for(programme.convener).get("/admin/reports/diversity/").content.decode()
    assert "nothing is shown until 5 have" in html and '<table class="listing">' not in html


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["anonymous", "member", "other convener"])
def test_only_the_communitys_conveners_see_its_report(
    programme, client_for, client, other_convener, who
):
    _respondents(programme, [{"caring": "yes"}] * 6)
    # Only the one asked for signs in: the clients share one session.
    visitor = {
        "anonymous": lambda: client.logout() or client,
        "member": lambda: client_for(programme.member),
        "other convener": lambda: client_for(other_convener),
    }[who]()
    response = visitor.get(f"/admin/reports/diversity/?community={programme.community.pk}")
    assert response.status_code in (302, 403, 404)
    assert "Based on 6" not in response.content.decode()
