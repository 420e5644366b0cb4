"""Items by code (or ninjs uri) and by version: current, released versions only, ETag/304,
wire text, a killed story as canceled."""

from __future__ import annotations

import datetime as dt

import time_machine

from articles.models import VersionKind
from tests.conftest import draft, follow_up, published

NOON = dt.datetime(2026, 6, 1, 3, 0, tzinfo=dt.UTC)
HOUR = dt.timedelta(hours=1)


def test_an_item_is_its_current_version_and_each_version_stays_available(api, section):
    original = published(section, headline="Ferry strike begins")
    follow_up(original, headline="Ferry strike spreads")
    code = original.article.code
    current = api.get(f"/items/{code}").json()
    assert (current["version"], current["headlines"][0]["value"]) == (
        "1",
        "(LEAD) Ferry strike spreads",
    )
    first = api.get(f"/items/{code}/versions/0").json()
    assert first["headlines"][0]["value"] == "Ferry strike begins"
    assert api.get(f"/items/{code}/versions/7").status_code == 404


def test_an_item_is_found_by_its_ninjs_uri_too(api, section):
    version = published(section)
    uri = api.get(f"/items/{version.article.code}").json()["uri"]
    assert api.get(f"/items/{uri}").json()["uri"] == uri
    assert api.get(f"/items/{uri}/versions/0").status_code == 200


def test_a_scheduled_update_is_not_served_before_its_time(api, section):
    with time_machine.travel(NOON, tick=False):
        original = published(section, at=NOON - HOUR)
        follow_up(original, headline="Later news", at=NOON + HOUR)
        code = original.article.code
        assert api.get(f"/items/{code}").json()["version"] == "0"
        assert api.get(f"/items/{code}/versions/1").status_code == 404
    with time_machine.travel(NOON + HOUR, tick=False):
        assert api.get(f"/items/{code}").json()["version"] == "1"


def test_a_replaced_scheduled_version_is_never_served(api, section):
    with time_machine.travel(NOON, tick=False):
        original = published(section, at=NOON - HOUR)
        scheduled = follow_up(original, at=NOON + 2 * HOUR)
        follow_up(scheduled, kind=VersionKind.LEAD, at=NOON + HOUR)
    with time_machine.travel(NOON + 3 * HOUR, tick=False):
        code = original.article.code
        assert api.get(f"/items/{code}").json()["version"] == "2"
        assert api.get(f"/items/{code}/versions/1").status_code == 404


def test_the_etag_gives_304_until_the_item_changes(api, section):
    version = published(section)
    code = version.article.code
    first = api.get(f"/items/{code}")
    assert first["ETag"] and "private" in first["Cache-Control"]
    again = api.get(f"/items/{code}", **{"If-None-Match": first["ETag"]})
    assert (again.status_code, again.content) == (304, b"")
    follow_up(version)
    changed = api.get(f"/items/{code}", **{"If-None-Match": first["ETag"]})
    assert changed.status_code == 200 and changed["ETag"] != first["ETag"]
    version.article.kill(by=None, note="Withdrawn.")
    killed = api.get(f"/items/{code}", **{"If-None-Match": changed["ETag"]})
    assert killed.status_code == 200 and killed.json()["pubstatus"] == "canceled"
    text = api.get(f"/items/{code}?format=text", **{"If-None-Match": killed["ETag"]})
    assert text.status_code == 200  # another representation, another tag


def test_format_text_is_the_agency_wire_text(api, section):
    version = published(section, slug="Library-hours", body="Libraries stay open late.")
    response = api.get(f"/items/{version.article.code}?format=text")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    text = response.content.decode()
    assert text.startswith("Library-hours\n") and "Libraries stay open late." in text
    assert "(END)" in text


def test_a_killed_item_is_canceled_with_its_note_and_a_kill_notice_as_text(api, section):
    version = published(section, body="The old text.")
    version.article.kill(by=None, note="Withdrawn: legal reasons.")
    code = version.article.code
    item = api.get(f"/items/{code}").json()
    assert (item["pubstatus"], item["ednote"]) == ("canceled", "Withdrawn: legal reasons.")
    assert api.get(f"/items/{code}/versions/0").json()["pubstatus"] == "canceled"
    text = api.get(f"/items/{code}?format=text").content.decode()
    assert "Withdrawn: legal reasons." in text and "The old text." not in text


def test_a_draft_only_article_does_not_exist_for_subscribers(api, section):
    version = draft(section)
    assert api.get(f"/items/{version.article.code}").status_code == 404
