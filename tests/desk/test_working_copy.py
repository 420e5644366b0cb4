"""Never lose typed text: the working copy kept as an editor types, and the conflict page
that shows a refused save beside the winner's with a way to take theirs, keep mine or merge."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.urls import reverse
from django.utils import timezone

from articles.models import AuditEntry, Version
from desk.models import WorkingCopy
from tests.conftest import draft, make_user, published
from tests.desk.conftest import login
from tests.desk.helpers import open_form, press, read_form, version_url

FETCH = {"HTTP_X_REQUESTED_WITH": "fetch"}


def copy_url(version: Version) -> str:
    return reverse("admin:articles_version_working_copy", args=[version.pk])


def typing(client, version: Version, **changes) -> dict:
    """The form as the browser's script posts it while the editor types."""
    data = {k: list(v) for k, v in open_form(client, version).fields.items()}
    for name, value in changes.items():
        data[name] = [value]
    return data


def test_typing_keeps_a_working_copy_without_touching_the_version(
    db, section, desk, django_assert_max_num_queries
):
    version = draft(section, by=desk)
    client = login(desk)
    data = typing(client, version, body="Words typed on deadline.")
    audit, revision = AuditEntry.objects.count(), version.revision
    with django_assert_max_num_queries(12):
        response = client.post(copy_url(version), data, **FETCH)
    assert response.status_code == 200 and response.json()["written"]
    copy = WorkingCopy.objects.get(version=version, user=desk)
    assert copy.fields["body"] == ["Words typed on deadline."]
    assert copy.base_revision == revision
    version.refresh_from_db()
    assert version.revision == revision and "Words typed" not in version.body
    assert AuditEntry.objects.count() == audit  # no audit entry per keystroke


def test_writes_are_throttled_but_the_last_words_before_leaving_go_through(db, section, desk):
    version = draft(section, by=desk)
    client = login(desk)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client.post(copy_url(version), typing(client, version, body="One."), **FETCH)
    with time_machine.travel(start + dt.timedelta(seconds=1), tick=False):
        too_soon = client.post(copy_url(version), typing(client, version, body="Two."), **FETCH)
        assert too_soon.json() == {"written": False} and too_soon["Retry-After"] == "2"
        assert WorkingCopy.objects.get(version=version).fields["body"] == ["One."]
        leaving = typing(client, version, body="Three.") | {"final": "1"}
        assert client.post(copy_url(version), leaving).status_code == 200  # sendBeacon
    assert WorkingCopy.objects.get(version=version).fields["body"] == ["Three."]
    with time_machine.travel(start + dt.timedelta(seconds=4), tick=False):
        later = client.post(copy_url(version), typing(client, version, body="Four."), **FETCH)
    assert later.status_code == 200


def test_reopening_the_form_offers_the_copy_back_to_its_editor_only(db, section, desk):
    version = draft(section, by=desk)
    client = login(desk)
    client.post(copy_url(version), typing(client, version, body="Kept while typing."), **FETCH)

    html = client.get(version_url(version)).content.decode()
    assert 'id="desk-working-copy"' in html and "never saved" in html
    restored = client.get(copy_url(version), **FETCH).json()
    assert restored["fields"]["body"] == ["Kept while typing."]
    assert "csrfmiddlewaretoken" not in restored["fields"]
    page = client.get(copy_url(version)).content.decode()  # without JavaScript: to copy from
    assert "Kept while typing." in page

    other = login(make_user("colleague", "Desk editor"))
    assert 'id="desk-working-copy"' not in other.get(version_url(version)).content.decode()
    assert other.get(copy_url(version), **FETCH).status_code == 404


def test_a_working_copy_never_reaches_readers(db, section, desk, client):
    version = published(section, by=desk, body="Published words.")
    lead = version.article.new_version(by=desk, kind="lead")
    desk_client = login(desk)
    secret = "Unsaved scoop still being typed"
    desk_client.post(copy_url(lead), typing(desk_client, lead, body=secret), **FETCH)
    for url in ["/", version.article.get_absolute_url(), "/search/?q=scoop", "/feed/"]:
        assert secret not in client.get(url).content.decode()


def test_saving_the_version_drops_the_working_copy(db, section, desk):
    version = draft(section, by=desk)
    client = login(desk)
    form = open_form(client, version)
    client.post(copy_url(version), typing(client, version, body="Typed."), **FETCH)
    press(client, version, "_save", form, body="Typed.")
    assert not WorkingCopy.objects.filter(version=version).exists()
    assert 'id="desk-working-copy"' not in client.get(version_url(version)).content.decode()


def test_a_late_autosave_never_brings_back_words_the_editor_replaced_by_saving(db, section, desk):
    version = draft(section, by=desk)
    client = login(desk)
    stale = typing(client, version, body="Older words.")
    press(client, version, "_save", body="Newer words, saved.")
    assert client.post(copy_url(version), stale, **FETCH).status_code == 409
    assert not WorkingCopy.objects.filter(version=version).exists()


def test_discarding_the_copy_without_javascript_returns_to_the_form(db, section, desk):
    version = draft(section, by=desk)
    client = login(desk)
    client.post(copy_url(version), typing(client, version, body="Not wanted."), **FETCH)
    response = client.post(copy_url(version), {"discard": "open"})
    assert response.status_code == 302 and response["Location"] == version_url(version)
    assert not WorkingCopy.objects.filter(version=version).exists()


def test_only_who_may_edit_the_version_keeps_a_copy(db, section, reporter, other_reporter):
    version = draft(section, by=reporter)
    client = login(other_reporter)
    assert client.post(copy_url(version), {"body": "x"}, **FETCH).status_code in (403, 404)
    published_one = published(section, by=reporter, slug="Live")
    response = login(reporter).post(copy_url(published_one), {"body": "x"}, **FETCH)
    assert response.status_code == 403


def test_the_form_loads_its_scripts_from_static_files_only(db, section, desk):
    html = login(desk).get(version_url(draft(section, by=desk))).content.decode()
    assert 'src="/static/js/desk-working-copy.js"' in html
    assert "<script>" not in html and "onclick" not in html


# --- the two-editor conflict --------------------------------------------------------------


def test_a_refused_save_shows_theirs_beside_mine_with_the_three_ways_out(db, section, desk):
    other = make_user("chae", "Desk editor")
    version = draft(section, by=desk, body="Para one.\n\nPara two.")
    mine, theirs = login(desk), login(other)
    my_form = open_form(mine, version)
    press(theirs, version, "_save", body="Para one.\n\nTheir para two.")

    response = press(mine, version, "_save", my_form, body="Para one.\n\nMy para two.")
    assert response.status_code == 409
    html = response.content.decode()
    conflict = html.split('id="desk-conflict"', 1)[1].split("</table>", 1)[0]
    assert "Theirs: saved by chae" in conflict and "Yours: not saved" in conflict
    assert "Their" in conflict and "My" in conflict and "<ins>" in conflict
    form = read_form(html)
    assert form.fields["body"] == ["Para one.\n\nMy para two."]  # mine, to merge by hand
    assert {"_continue"} <= set(form.buttons) and "Take theirs" in html and "Merge by hand" in html

    # Keep mine: one press, over theirs.
    kept = press(mine, version, "_continue", form)
    assert kept.status_code == 302
    assert Version.objects.get(pk=version.pk).body == "Para one.\n\nMy para two."


def test_taking_theirs_opens_their_version_and_drops_my_copy(db, section, desk):
    other = make_user("chae", "Desk editor")
    version = draft(section, by=desk)
    mine, theirs = login(desk), login(other)
    my_form = open_form(mine, version)
    mine.post(copy_url(version), typing(mine, version, headline="Mine"), **FETCH)
    press(theirs, version, "_save", headline="Theirs")
    refused = press(mine, version, "_save", my_form, headline="Mine")
    data = {k: list(v) for k, v in read_form(refused.content.decode()).fields.items()}
    taken = mine.post(copy_url(version), data | {"discard": ["open"]})
    assert taken["Location"] == version_url(version)
    assert read_form(mine.get(version_url(version)).content.decode()).fields["headline"] == [
        "Theirs"
    ]
    assert "Mine" in AuditEntry.objects.get(version=version, action="edit refused").note


def test_a_restored_copy_based_on_an_older_revision_meets_the_conflict_page(db, section, desk):
    other = make_user("chae", "Desk editor")
    version = draft(section, by=desk)
    mine = login(desk)
    typed = typing(mine, version, body="Typed before the tab closed.")
    mine.post(copy_url(version), typed, **FETCH)
    press(login(other), version, "_save", body="Saved by a colleague meanwhile.")
    copy = mine.get(copy_url(version), **FETCH).json()
    assert copy["base_revision"] < Version.objects.get(pk=version.pk).revision
    restored = copy["fields"] | {"_save": ["Save"]}
    restored["csrfmiddlewaretoken"] = typed["csrfmiddlewaretoken"]
    response = mine.post(version_url(version), restored)
    assert response.status_code == 409  # never a silent overwrite of the colleague's save
