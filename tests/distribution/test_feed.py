"""The feed: delivery events in order with ninjs items; kills, corrections, updates;
embargo; scheduled copy never early; cursors; long-poll; query ceilings."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.core.cache import caches
from django.test import Client

from articles.models import VersionKind
from distribution.feed import encode_cursor
from tests.conftest import draft, follow_up, published
from tests.distribution.conftest import Api

NOON = dt.datetime(2026, 6, 1, 3, 0, tzinfo=dt.UTC)
HOUR = dt.timedelta(hours=1)


def test_events_come_in_order_with_their_items_as_ninjs(api, section):
    first = published(section, slug="Ferry-strike", headline="Ferry workers strike")
    second = published(section, slug="Port-reopens", headline="Port reopens")
    page = api.feed()
    assert [(e["type"], e["code"]) for e in page["events"]] == [
        ("publish", first.article.code),
        ("publish", second.article.code),
    ]
    event = page["events"][0]
    assert event["item"]["headlines"][0]["value"] == "Ferry workers strike"
    assert event["item"]["uri"] == event["uri"]
    assert event["item"]["pubstatus"] == "usable"
    assert event["text"] is None
    assert page["events"][0]["id"] < page["events"][1]["id"]
    assert api.feed(page["next_cursor"]) == {
        "events": [],
        "next_cursor": page["next_cursor"],
        "has_more": False,
    }


def test_an_update_carries_its_advisory_and_a_correction_its_note(api, section):
    original = published(section, body="Ten people were hurt.\n\nPolice are investigating.")
    lead = follow_up(original, body="Twelve people were hurt.\n\nPolice are investigating.")
    lead.revision_tags.all()  # advisory comes from the desk; here we set one by hand
    correction = lead.article.new_version(
        by=None, kind=VersionKind.CORRECTION, correction_note="Corrects the number hurt."
    )
    correction.revision_tags.create(verb="CORRECTS", object="number hurt in para 1")
    correction.publish(by=None)
    events, _ = api.follow()
    assert [e["type"] for e in events] == ["publish", "update", "correction"]
    fixed = events[2]["item"]
    assert fixed["descriptions"] == [
        {"role": "correction", "contenttype": "text/plain", "value": "Corrects the number hurt."}
    ]
    assert fixed["ednote"] == "(ATTN: CORRECTS number hurt in para 1)"
    assert fixed["headlines"][0]["value"].startswith("(CORRECTED)")


def test_a_kill_is_an_event_with_pubstatus_canceled_and_the_note(api, section):
    version = published(section)
    version.article.kill(by=None, note="Withdrawn: the figures were wrong.")
    events, _ = api.follow()
    assert [e["type"] for e in events] == ["publish", "kill"]
    killed = events[1]["item"]
    assert killed["pubstatus"] == "canceled"
    assert killed["ednote"] == "Withdrawn: the figures were wrong."
    assert "bodies" not in killed
    # Once killed, the story's text never goes out again, not even in its old events.
    assert events[0]["item"]["pubstatus"] == "canceled"


def test_format_text_gives_wire_text_and_a_kill_notice(api, section):
    version = published(section, slug="Bridge-closes", body="The bridge closed.")
    events, _ = api.follow(format="text")
    assert events[0]["item"] is None
    assert events[0]["text"].startswith("Bridge-closes\n")
    assert "The bridge closed." in events[0]["text"]
    version.article.kill(by=None, note="Withdrawn: wrong bridge.")
    events, _ = api.follow(format="text")
    assert events[1]["text"].startswith("(KILLED) Bridge-closes")
    assert "Withdrawn: wrong bridge." in events[1]["text"]
    assert "The bridge closed." not in events[1]["text"]


def test_following_cursors_pages_through_every_event_once(api, section):
    codes = [published(section, slug=f"Story-{n}").article.code for n in range(7)]
    page = api.feed(limit=3)
    assert page["has_more"] and len(page["events"]) == 3
    events, cursor = api.follow(limit=3)
    assert [e["code"] for e in events] == codes
    later = published(section, slug="Later").article.code
    assert [e["code"] for e in api.feed(cursor)["events"]] == [later]
    # Each event's own cursor resumes right after it.
    assert [e["code"] for e in api.follow(events[4]["cursor"])[0]] == [*codes[5:], later]


def test_a_malformed_cursor_is_400(api):
    assert api.get("/feed?cursor=not-a-cursor").status_code == 400
    assert api.get("/feed?limit=0").status_code == 422
    assert api.get("/feed?limit=101").status_code == 422


def test_drafts_submitted_and_scheduled_versions_never_appear(api, section):
    canary = "CANARY-9F3A"
    draft(section, slug="Draft", headline=f"{canary} draft")
    submitted = draft(section, slug="Submitted", headline=f"{canary} submitted")
    submitted.submit(by=None)
    scheduled = draft(section, slug="Scheduled", headline=f"{canary} scheduled")
    scheduled.publish(by=None, at=dt.datetime.now(dt.UTC) + HOUR)
    live = published(section, slug="Live", headline="Live story")
    live.article.new_version(by=None, kind=VersionKind.LEAD, headline=f"{canary} open update")
    responses = [
        api.get("/feed"),
        api.get("/feed?format=text"),
        api.get(f"/items/{live.article.code}"),
        api.get(f"/items/{live.article.code}?format=text"),
        api.get(f"/items/{live.article.code}/versions/1"),
    ]
    for version in (submitted, scheduled):
        responses += [
            api.get(f"/items/{version.article.code}"),
            api.get(f"/items/{version.article.code}/versions/0"),
        ]
    assert [r.status_code for r in responses] == [200, 200, 200, 200, 404, 404, 404, 404, 404]
    assert not any(canary in r.content.decode() for r in responses)


def test_a_scheduled_version_appears_in_the_feed_at_its_time(api, section):
    with time_machine.travel(NOON, tick=False):
        version = draft(section, slug="Morning-briefing")
        version.publish(by=None, at=NOON + HOUR)
        page = api.feed()
        assert page["events"] == []
    with time_machine.travel(NOON + HOUR, tick=False):
        later = api.feed(page["next_cursor"])  # the cursor read before misses nothing
    assert [e["code"] for e in later["events"]] == [version.article.code]


def test_an_embargoed_version_reaches_subscribers_before_readers(api, section):
    reader = Client()
    with time_machine.travel(NOON, tick=False):
        version = draft(section, slug="Exam-results", headline="Exam results out")
        version.publish(by=None, embargo_until=NOON + HOUR)
        url = version.article.get_absolute_url()
        (event,) = api.feed()["events"]
        assert event["item"]["embargoed"] == "2026-06-01T13:00:00+09:00"
        assert event["item"]["versioncreated"] == "2026-06-01T12:00:00+09:00"
        assert api.get(f"/items/{version.article.code}").json()["embargoed"]
        assert reader.get(url).status_code == 404
        assert "Exam results out" not in reader.get("/").content.decode()
        assert "Exam results out" not in reader.get("/search/?q=exam").content.decode()
        assert "Exam results out" not in reader.get("/feed/").content.decode()
    with time_machine.travel(NOON + HOUR, tick=False):
        assert reader.get(url).status_code == 200
        assert "Exam results out" in reader.get("/feed/").content.decode()


def test_items_follow_the_products_filters(db, section):
    from articles.models import Keyword, Section
    from distribution.models import Photos, Product
    from tests.distribution.conftest import make_subscriber

    economy = Section.objects.create(name="Economy", slug="economy")
    chips = Keyword.objects.create(name="chips", slug="chips")
    product = Product.objects.create(name="Chips", slug="chips", genres=["news"])
    product.sections.add(economy)
    product.keywords.add(chips)
    text_only = Product.objects.create(name="Text", slug="text", photos=Photos.WITHOUT)
    chip_api = Api(make_subscriber("Chip Weekly", products=[product])[1])
    text_api = Api(make_subscriber("Text Only", products=[text_only])[1])

    wanted = draft(economy, slug="Chip-exports")
    wanted.article.keywords.add(chips)
    wanted.publish(by=None)
    published(economy, slug="Car-exports")  # no keyword
    other = draft(section, slug="Chip-fab")  # wrong section
    other.article.keywords.add(chips)
    other.publish(by=None)
    assert [e["code"] for e in chip_api.feed()["events"]] == [wanted.article.code]
    assert len(text_api.feed()["events"]) == 3


def test_a_long_poll_with_nothing_new_returns_the_same_cursor(api, section, settings):
    settings.DISTRIBUTION_FEED_MAX_WAIT_SECONDS = 0.2
    page = api.feed(wait=30)
    assert page["events"] == [] and page["next_cursor"] == encode_cursor(0)


def test_the_feed_and_items_stay_within_their_query_ceilings(
    api, section, writer, django_assert_max_num_queries
):
    for n in range(20):
        version = draft(section, slug=f"Story-{n}")
        version.bylines.create(writer=writer)
        version.publish(by=None)
    api.get("/feed")  # the key's last use is written at most once a minute
    caches["distribution"].clear()  # cold: every item rendered afresh
    # key, products, stream state, events; then the versions whole, their bylines,
    # captions, advisory tags and keywords
    with django_assert_max_num_queries(9):
        page = api.feed(limit=20)
    assert len(page["events"]) == 20
    with django_assert_max_num_queries(4):  # warm: renderings come from the cache
        assert api.feed(limit=20) == page
    code = page["events"][0]["code"]
    caches["distribution"].clear()
    with django_assert_max_num_queries(7):  # key, products, version, its four parts
        response = api.get(f"/items/{code}")
    assert response.status_code == 200
    with django_assert_max_num_queries(3):
        again = api.get(f"/items/{code}", **{"If-None-Match": response["ETag"]})
    assert again.status_code == 304


def test_the_worker_renders_released_events_before_the_first_poll(
    api, section, worker, django_assert_max_num_queries
):
    for n in range(3):
        published(section, slug=f"Story-{n}")
    worker()  # the publishes' dispatch renders what they released
    api.get("/items/HEN00000000000000")  # the key's last use is written once a minute
    with django_assert_max_num_queries(4):  # key, products, stream state, events
        assert len(api.feed()["events"]) == 3
