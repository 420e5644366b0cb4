"""Say what will happen: scheduled versions and versions sent back, in the desk's words."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import time_machine
from django.urls import reverse

from articles.models import VersionKind
from tests.conftest import draft, follow_up, published
from tests.desk.conftest import login
from tests.desk.helpers import press, version_url

SEOUL = zoneinfo.ZoneInfo("Asia/Seoul")
NOW = dt.datetime(2026, 11, 30, 9, 0, tzinfo=SEOUL)
EIGHT_PM_DEC_1 = dt.datetime(2026, 12, 1, 20, 0, tzinfo=SEOUL)
SCHEDULED = "Scheduled for 20:00 KST Dec 1"


@time_machine.travel(NOW, tick=False)
def test_a_scheduled_version_reads_scheduled_for_in_table_compare_menu_and_list(
    db, section, desk, django_assert_max_num_queries
):
    original = published(section, by=desk, slug="Vote")
    lead = follow_up(original, kind=VersionKind.LEAD, at=EIGHT_PM_DEC_1, by=desk)
    client = login(desk)
    with django_assert_max_num_queries(25):
        article_page = client.get(reverse("admin:articles_article_change", args=[lead.article_id]))
    assert SCHEDULED in article_page.content.decode()  # the versions table

    compare = reverse("admin:articles_article_compare", args=[lead.article_id])
    menu = client.get(compare).content.decode().split("desk-compare-pick", 1)[1]
    assert f"v1 (LEAD) ({SCHEDULED})" in menu

    listing = client.get(reverse("admin:articles_article_changelist")).content.decode()
    assert SCHEDULED in listing

    assert SCHEDULED in client.get(version_url(lead)).content.decode()  # the form's state


def test_a_version_sent_back_shows_the_desks_note_at_the_top_of_the_form(
    db, section, desk, reporter
):
    version = draft(section, by=reporter, headline="Council votes")
    version.submit(by=reporter)
    press(login(desk), version, "_sendback", send_back_note="Add the mayor's comment.")

    html = login(reporter).get(version_url(version)).content.decode()
    top = html.split("<fieldset", 1)[0]
    assert "Sent back by desk" in top
    assert "Add the mayor&#x27;s comment." in top


def test_the_list_says_sent_back_until_the_writer_submits_again(db, section, desk, reporter):
    version = draft(section, by=reporter, headline="Council votes")
    version.submit(by=reporter)
    version.refresh_from_db()
    version.send_back(by=desk, note="Needs a second source.")
    listing = reverse("admin:articles_article_changelist")
    assert "Sent back</span>" in login(reporter).get(listing).content.decode()
    assert "Sent back</span>" in login(desk).get(listing).content.decode()

    version.refresh_from_db()
    version.submit(by=reporter)
    html = login(desk).get(listing).content.decode()
    assert "Sent back</span>" not in html and "Submitted</span>" in html
    assert "Sent back by" not in login(reporter).get(version_url(version)).content.decode()
