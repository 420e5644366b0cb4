"""Two editors on one draft: the first save wins, the second is refused and kept.

The race tests run real threads, each with its own connection to the file-backed test
database, released together by a barrier; the check that decides is the compare-and-set
in the UPDATE itself (SQLite has no SELECT … FOR UPDATE).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.urls import reverse

from articles.models import AuditEntry, EditConflict, Status, Version
from tests.conftest import draft, make_user
from tests.desk.conftest import login
from tests.desk.helpers import open_form, press, read_form, version_url

race = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def run_together(*jobs: Callable[[], Any]) -> list[Any]:
    """Run each job in its own thread, released at the same instant; results or errors."""
    barrier = threading.Barrier(len(jobs))
    results: list[Any] = [None] * len(jobs)

    def worker(n: int, job: Callable[[], Any]) -> None:
        try:
            barrier.wait(timeout=10)
            results[n] = job()
        except Exception as error:  # noqa: BLE001 - reported to the test as a result
            results[n] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(n, job)) for n, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


@race
def test_two_threads_saving_the_same_revision_exactly_one_wins(section):
    version = draft(section)
    opened = version.revision

    def save(headline: str) -> Callable[[], str]:
        def job() -> str:
            copy = Version.objects.get(pk=version.pk)
            copy.headline = headline
            copy.save_edit(by=None, revision=opened, fields=["headline"])
            return headline

        return job

    results = run_together(save("First editor's headline"), save("Second editor's headline"))
    winners = [r for r in results if isinstance(r, str)]
    losers = [r for r in results if isinstance(r, EditConflict)]
    assert len(winners) == 1 and len(losers) == 1, results
    version.refresh_from_db()
    assert version.headline == winners[0]
    assert version.revision == opened + 1


@race
def test_two_editors_posting_at_once_one_wins_and_the_other_is_refused_and_kept(section):
    first, second = make_user("ahn", "Desk editor"), make_user("baek", "Desk editor")
    version = draft(section, by=first)
    a, b = login(first), login(second)
    form_a, form_b = open_form(a, version), open_form(b, version)
    body_a = "Ahn's version of the story.\n\nWith a second paragraph."
    body_b = "Baek's version of the story, typed at the same time."

    results = run_together(
        lambda: press(a, version, "_save", form_a, body=body_a),
        lambda: press(b, version, "_save", form_b, body=body_b),
    )
    assert not any(isinstance(r, Exception) for r in results), results
    codes = sorted(r.status_code for r in results)
    assert codes == [302, 409], codes  # one redirect after saving, one form shown again
    saved = Version.objects.get(pk=version.pk)
    refused = next(r for r in results if r.status_code == 409)
    winner, loser_body = (first, body_b) if saved.body == body_a else (second, body_a)
    assert saved.body in (body_a, body_b)

    html = refused.content.decode()
    assert re.search(rf"changed by {winner.username} at [0-9:]+ .* since you opened it", html)
    assert read_form(html).fields["body"] == [loser_body]  # their text is in the form
    entry = AuditEntry.objects.get(version=version, action="edit refused")
    assert loser_body in entry.note
    assert Version.objects.get(pk=version.pk).body != loser_body


@pytest.mark.django_db
def test_a_stale_save_names_who_changed_it_and_keeps_the_text(section, desk):
    other = make_user("chae", "Desk editor")
    version = draft(section, by=desk)
    mine, theirs = login(desk), login(other)
    my_form = open_form(mine, version)
    press(theirs, version, "_save", headline="Their headline")

    response = press(mine, version, "_save", my_form, headline="My headline", body="My body.")
    assert response.status_code == 409
    html = response.content.decode()
    assert "changed by chae at" in html and "since you opened it" in html
    form = read_form(html)
    assert form.fields["headline"] == ["My headline"]
    assert form.fields["body"] == ["My body."]
    assert Version.objects.get(pk=version.pk).headline == "Their headline"
    entry = AuditEntry.objects.get(version=version, action="edit refused")
    assert entry.actor == desk and "My body." in entry.note and "My headline" in entry.note

    # Having seen their change, saving again is a deliberate choice, and it goes through.
    again = press(mine, version, "_save", form)
    assert again.status_code == 302
    assert Version.objects.get(pk=version.pk).headline == "My headline"


@pytest.mark.django_db
def test_a_save_after_the_version_was_published_is_refused_and_the_text_shown(
    section, desk, reporter
):
    version = draft(section, by=reporter)
    reporter_client = login(reporter)
    form = open_form(reporter_client, version)
    version.publish(by=desk)

    response = press(reporter_client, version, "_save", form, body="Late paragraph.")
    assert response.status_code == 409
    html = response.content.decode()
    assert "since you opened it" in html and "Late paragraph." in html
    assert Version.objects.get(pk=version.pk).status == Status.PUBLISHED
    assert "Late paragraph." in AuditEntry.objects.get(action="edit refused").note


@pytest.mark.django_db
def test_a_post_without_the_opened_revision_is_refused_not_applied(section, desk):
    version = draft(section, by=desk)
    client = login(desk)
    form = open_form(client, version)
    data = {k: v for k, v in form.fields.items() if k != "opened_revision"}
    data["headline"] = ["Blind overwrite"]
    data["_save"] = ["x"]
    response = client.post(version_url(version), data)
    assert response.status_code == 409
    assert Version.objects.get(pk=version.pk).headline != "Blind overwrite"


@pytest.mark.django_db
def test_form_shows_who_else_has_the_draft_open(section, desk):
    other = make_user("doh", "Desk editor", first_name="Doh", last_name="Min")
    version = draft(section, by=desk)
    open_form(login(other), version)
    html = login(desk).get(version_url(version)).content.decode()
    assert "Also being edited by" in html and "Doh Min" in html
    listing = login(desk).get(reverse("admin:articles_article_changelist")).content.decode()
    assert "Doh Min" in listing


@pytest.mark.django_db
def test_saving_and_leaving_clears_the_editors_presence(section, desk):
    other = make_user("eun", "Desk editor")
    version = draft(section, by=desk)
    other_client = login(other)
    press(other_client, version, "_save", headline="Done with it")
    assert "Also being edited" not in login(desk).get(version_url(version)).content.decode()
