"""Say what will happen: "Publish now" is confirmed with the item as subscribers get it,
means now whatever else is posted, and a schedule takes only a sane time."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
import time_machine
from django.urls import reverse

from articles.models import AuditEntry, RevisionTag, Status, Version, VersionKind
from tests.conftest import draft, follow_up, published
from tests.desk.conftest import login
from tests.desk.helpers import press, publish_url, read_form

SEOUL = zoneinfo.ZoneInfo("Asia/Seoul")
NOW = dt.datetime(2026, 11, 30, 9, 0, tzinfo=SEOUL)


def test_publish_now_asks_first_showing_label_headline_and_advisory(db, section, desk):
    original = published(section, by=desk, slug="Lee-China-summit")
    lead = follow_up(original, kind=VersionKind.LEAD, publish=False, by=desk)
    client = login(desk)
    response = press(client, lead, "_publish", confirm=False, headline="Lee, Xi agree on trade")
    assert response.status_code == 302 and response["Location"] == publish_url(lead)
    assert Version.objects.get(pk=lead.pk).status == Status.DRAFT  # saved, not published

    page = client.get(publish_url(lead)).content.decode()
    head = page.split('<pre class="desk-wire-head"', 1)[1].split("</pre>", 1)[0]
    assert "(LEAD) Lee-China-summit" in head
    assert "(LEAD) Lee, Xi agree on trade" in head
    assert "(ATTN: CHANGES headline)" in head

    form = read_form(page, "publish_form")
    client.post(publish_url(lead), {**{k: v[0] for k, v in form.fields.items()}, "_confirm": "x"})
    lead.refresh_from_db()
    assert lead.status == Status.PUBLISHED
    assert lead.advisory == "(ATTN: CHANGES headline)"


def test_publishing_a_lead_with_an_empty_advisory_warns_first(db, section, desk):
    original = published(section, by=desk)
    lead = follow_up(original, kind=VersionKind.LEAD, publish=False, by=desk)
    RevisionTag.objects.filter(version=lead).delete()
    page = login(desk).get(publish_url(lead)).content.decode()
    assert "carries no advisory" in page
    assert "_confirm" in read_form(page, "publish_form").buttons  # a warning, not a refusal


def test_a_first_version_publishes_without_an_advisory_warning(db, section, desk):
    version = draft(section, by=desk)
    page = login(desk).get(publish_url(version)).content.decode()
    assert "carries no advisory" not in page


def test_a_version_changed_since_the_confirmation_is_not_published(db, section, desk):
    version = draft(section, by=desk)
    client = login(desk)
    shown = read_form(client.get(publish_url(version)).content.decode(), "publish_form")
    press(client, version, "_save", headline="Changed meanwhile")
    response = client.post(publish_url(version), {"revision": shown.fields["revision"][0]})
    assert response.status_code == 409
    assert "changed since" in response.content.decode()
    assert Version.objects.get(pk=version.pk).status == Status.DRAFT


def test_only_the_desk_reaches_the_publish_confirmation(db, section, reporter):
    version = draft(section, by=reporter)
    assert login(reporter).get(publish_url(version)).status_code == 403
    assert login(reporter).post(publish_url(version), {"revision": 1}).status_code == 403


@time_machine.travel(NOW, tick=False)
def test_publish_now_means_now_even_with_a_past_schedule_time_posted(db, section, desk):
    version = draft(section, by=desk)
    press(login(desk), version, "_publish", schedule_at="2026-11-01T10:00")
    version.refresh_from_db()
    assert version.status == Status.PUBLISHED
    assert version.publish_at == NOW  # not backdated to Nov 1
    assert AuditEntry.objects.filter(version=version, action="publish").exists()


@pytest.mark.parametrize("button", ["_publish", "_schedule", "_save"])
@pytest.mark.parametrize("typed", ["0001-01-01T00:00", "9999-12-31T23:59"])
@time_machine.travel(NOW, tick=False)
def test_an_impossible_date_is_a_form_error_whatever_the_button(
    db, section, desk, client, button, typed
):
    version = draft(section, by=desk)
    response = press(login(desk), version, button, schedule_at=typed)
    assert response.status_code == 200
    assert response.context["adminform"].form.has_error("schedule_at", code="out_of_range")
    assert Version.objects.get(pk=version.pk).status == Status.DRAFT


@time_machine.travel(NOW, tick=False)
def test_schedule_takes_only_times_within_a_year(db, section, desk):
    version = draft(section, by=desk)
    response = press(login(desk), version, "_schedule", schedule_at="2027-11-30T10:00")
    assert response.context["adminform"].form.has_error("schedule_at", code="too_far")
    press(login(desk), version, "_schedule", schedule_at="2026-12-01T20:00")
    version.refresh_from_db()
    assert version.is_scheduled
    assert version.publish_at == dt.datetime(2026, 12, 1, 20, 0, tzinfo=SEOUL)


@pytest.mark.parametrize(
    "query",
    [
        "publish_at__year=9999",
        "publish_at__year=1",
        "publish_at__year=9999&publish_at__month=12&publish_at__day=31",
        "publish_at__gte=0001-01-01",
        "updated_at__lt=0001-01-01+00:00:00",
    ],
)
def test_version_date_filters_never_fail_on_extreme_years(db, section, desk, query):
    published(section, by=desk)
    response = login(desk).get(reverse("admin:articles_version_changelist") + "?" + query)
    assert response.status_code in (200, 302)


@pytest.mark.parametrize(
    ("changelist", "query"),
    [
        ("admin:articles_article_changelist", "created_at__year=9999"),
        ("admin:articles_article_changelist", "created_at__year=1&created_at__month=1"),
        ("admin:articles_article_changelist", "newest_version__updated_at__gte=0001-01-01"),
        ("admin:articles_auditentry_changelist", "created_at__year=9999"),
        ("admin:articles_auditentry_changelist", "created_at__year=1"),
        ("admin:photos_photo_changelist", "taken_at__gte=0001-01-01+00:00:00"),
        ("admin:photos_photo_changelist", "created_at__year=9999"),
    ],
)
def test_desk_date_filters_never_fail_on_extreme_years(db, section, desk, changelist, query):
    published(section, by=desk)
    response = login(desk).get(reverse(changelist) + "?" + query)
    assert response.status_code in (200, 302)
    if response.status_code == 302:
        assert "e=1" in response["Location"]  # the admin's own "bad filter" answer


@time_machine.travel(NOW, tick=False)
def test_scheduling_says_when_in_newsroom_style(db, section, desk):
    version = draft(section, by=desk)
    client = login(desk)
    response = press(client, version, "_schedule", schedule_at="2026-12-01T20:00")
    page = client.get(response["Location"]).content.decode()
    assert "Scheduled for 20:00 KST Dec 1" in page


def test_the_publish_confirmation_stays_within_its_query_ceiling(
    db, section, desk, django_assert_max_num_queries
):
    from tests.desk.test_version_form import lead_with_parts

    lead = lead_with_parts(section, captions=8, writers=3, by=desk)
    client = login(desk)
    client.get(publish_url(lead))  # warm the session and permission caches
    with django_assert_max_num_queries(14):
        page = client.get(publish_url(lead))
    assert page.status_code == 200
    form = read_form(page.content.decode(), "publish_form")
    data = {k: v[0] for k, v in form.fields.items()} | {"_confirm": "x"}
    with django_assert_max_num_queries(40):
        assert client.post(publish_url(lead), data).status_code == 302
