"""The scheduler (manage.py run_scheduler): every periodic command in one place, each on its
timetable in London time, and a failing one logged while the others carry on."""

import datetime
import io
import logging
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from members.management.commands.run_scheduler import run_scheduled, timetable

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
UTC = datetime.UTC


@pytest.fixture(autouse=True)
def scheduler_keeps_the_connection(monkeypatch):
    """The scheduler closes stale connections around each command, as a long-lived process
    should; in a test's transaction (on PostgreSQL) that would end the test's own connection."""
    monkeypatch.setattr(
        "members.management.commands.run_scheduler.close_old_connections", lambda: None
    )


def test_every_periodic_command_is_on_the_timetable(settings):
    assert {"publish_scheduled_checked", "send_queued_email", "clearsessions"} <= set(
        settings.SCHEDULE
    )
    assert set(timetable()) == set(settings.SCHEDULE)  # each one a command that exists


def test_a_daily_command_runs_at_the_same_london_time_across_the_clock_changes(settings):
    settings.SCHEDULE = {"clearsessions": "17 3 * * *"}
    trigger = timetable()["clearsessions"]
    # The clocks go forward on 28 March 2027: the night before is GMT, the night after BST.
    winter = trigger.get_next_fire_time(None, datetime.datetime(2027, 3, 27, 0, tzinfo=UTC))
    summer = trigger.get_next_fire_time(None, datetime.datetime(2027, 3, 28, 12, tzinfo=UTC))
    assert winter.astimezone(UTC).hour == 3  # GMT
    assert summer.astimezone(UTC).hour == 2  # BST: still 03:17 in London
    assert {winter.astimezone(LONDON).time(), summer.astimezone(LONDON).time()} == {
        datetime.time(3, 17)
    }


def test_a_command_that_does_not_exist_is_refused_at_start(settings):
    settings.SCHEDULE = {"publish_scheduled_checkd": "*/5 * * * *"}
    with pytest.raises(CommandError, match="publish_scheduled_checkd"):
        call_command("run_scheduler", "--list")


def test_list_shows_each_command_and_when_it_runs_next():
    out = io.StringIO()
    call_command("run_scheduler", "--list", stdout=out)
    lines = out.getvalue().splitlines()
    assert any(line.startswith("publish_scheduled_checked") and "*/5" in line for line in lines)
    assert all(" next " in line for line in lines)


def test_run_runs_one_scheduled_command_now():
    call_command("run_scheduler", "--run", "send_queued_email")  # nothing due: no error


def test_a_failing_command_is_logged_and_does_not_stop_the_scheduler(caplog, monkeypatch):
    def broken(name):
        raise RuntimeError("the database went away")

    monkeypatch.setattr("members.management.commands.run_scheduler.call_command", broken)
    with caplog.at_level(logging.ERROR):
        run_scheduled("clearsessions")  # returns: the scheduler carries on
    assert "The scheduled command clearsessions failed" in caplog.text
