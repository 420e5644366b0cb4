"""Role × action matrix (DESIGN.md section 4), by button and by direct POST.

Each role gets each action twice: is the button (or tool) on the page it would use, and
does a hand-made POST do the thing? Both must agree with the design, for every role:
a reporter (owner of the draft), another reporter, a desk editor, a photo editor and an
administrator.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, AuditEntry, Caption, Status, Version
from photos.models import Photo
from tests.conftest import draft, published
from tests.desk.conftest import login
from tests.desk.helpers import open_form, press, read_form, version_url

ROLES = ["reporter", "other_reporter", "desk", "photo_editor", "administrator"]
# Who may do what, straight from DESIGN.md section 4 (the draft belongs to "reporter").
ALLOWED = {
    "see_draft": {"reporter", "desk", "photo_editor", "administrator"},
    "edit_text": {"reporter", "desk", "administrator"},
    "caption": {"reporter", "desk", "photo_editor", "administrator"},
    "submit": {"reporter", "desk", "administrator"},
    "publish": {"desk", "administrator"},
    "schedule": {"desk", "administrator"},
    "send_back": {"desk", "administrator"},
    "start_update": {"desk", "administrator"},
    "kill": {"desk", "administrator"},
    "read_audit": {"desk", "administrator"},
}
MATRIX = [(action, role) for action in ALLOWED for role in ROLES]


@pytest.fixture
def world(db, section, reporter, other_reporter, desk, photo_editor, administrator):
    users = {
        "reporter": reporter,
        "other_reporter": other_reporter,
        "desk": desk,
        "photo_editor": photo_editor,
        "administrator": administrator,
    }
    mine = draft(section, by=reporter, slug="Own-draft", headline="The reporter's own draft")
    live = published(section, by=desk, slug="Live-story", headline="A live story")
    photo = Photo.objects.create(description="Crowds outside the library", alt_text="Crowds")
    return {"users": users, "draft": mine, "live": live, "photo": photo}


def desk_form(world, version):
    """The complete form as the desk sees it: the base of every forged POST."""
    return open_form(login(world["users"]["desk"]), version)


def caption_fields(version: Version, photo: Photo) -> dict:
    return {
        "captions-TOTAL_FORMS": "1",
        "captions-0-id": "",
        "captions-0-version": str(version.pk),
        "captions-0-photo": str(photo.pk),
        "captions-0-order": "0",
        "captions-0-after_paragraph": "0",
        "captions-0-text": "Crowds queue outside the new library on Monday.",
        "captions-0-alt_text": "People queueing",
    }


# --- by button: the control is on the page exactly for the roles allowed -----------------


def shown(action: str, world, role: str) -> bool:
    client = login(world["users"][role])
    version = world["draft"]
    if action == "send_back":
        version.submit(by=world["users"]["reporter"])
    if action in ("start_update", "kill", "read_audit"):
        page = client.get(reverse("admin:articles_article_change", args=[world["live"].article_id]))
        html = page.content.decode() if page.status_code == 200 else ""
        return {
            "start_update": "Update (LEAD)</button>" in html,
            "kill": ">Kill</a>" in html,
            "read_audit": "Audit log</a>" in html and "audit log" in html.lower(),
        }[action]
    if action == "see_draft":
        listing = client.get(reverse("admin:articles_article_changelist"))
        return "The reporter&#x27;s own draft" in listing.content.decode()
    page = client.get(version_url(version))
    if page.status_code != 200:
        return False
    form = read_form(page.content.decode())
    return {
        "edit_text": "headline" in form.fields and "_save" in form.buttons,
        "caption": "captions-__prefix__-photo" in form.fields and "_save" in form.buttons,
        "submit": "_submit" in form.buttons,
        "publish": "_publish" in form.buttons,
        "schedule": "_schedule" in form.buttons and "schedule_at" in form.fields,
        "send_back": "_sendback" in form.buttons,
    }[action]


@pytest.mark.parametrize(("action", "role"), MATRIX)
def test_button_is_shown_exactly_to_the_roles_allowed(action, role, world):
    assert shown(action, world, role) == (role in ALLOWED[action])


# --- by direct POST: the server does it exactly for the roles allowed ---------------------


def performed(action: str, world, role: str) -> bool:
    user = world["users"][role]
    client = login(user)
    version = world["draft"]
    if action == "see_draft":
        # Typing the address: the form opens only for who may see the draft.
        return client.get(version_url(version)).status_code == 200
    if action == "read_audit":
        return client.get(reverse("admin:articles_auditentry_changelist")).status_code == 200
    if action == "start_update":
        article = world["live"].article
        client.post(reverse("admin:articles_article_new_version", args=[article.pk, "lead"]))
        return article.versions.count() == 2
    if action == "kill":
        article = world["live"].article
        client.post(
            reverse("admin:articles_article_kill", args=[article.pk]), {"kill_note": "Withdrawn."}
        )
        return Article.objects.get(pk=article.pk).is_killed
    if action == "send_back":
        version.submit(by=world["users"]["reporter"])
    form = desk_form(world, version)
    if action == "edit_text":
        press(client, version, "_save", form, headline="Forged headline")
        return Version.objects.get(pk=version.pk).headline == "Forged headline"
    if action == "caption":
        press(client, version, "_save", form, **caption_fields(version, world["photo"]))
        return Caption.objects.filter(version=version).exists()
    if action == "submit":
        press(client, version, "_submit", form)
        return Version.objects.get(pk=version.pk).status == Status.SUBMITTED
    if action == "publish":
        press(client, version, "_publish", form)
        return Version.objects.get(pk=version.pk).status == Status.PUBLISHED
    if action == "schedule":
        when = timezone.localtime() + dt.timedelta(days=1)
        press(client, version, "_schedule", form, schedule_at=when.strftime("%Y-%m-%dT%H:%M"))
        return Version.objects.get(pk=version.pk).is_scheduled
    if action == "send_back":
        press(client, version, "_sendback", form, send_back_note="Needs a second source.")
        return Version.objects.get(pk=version.pk).status == Status.DRAFT
    raise AssertionError(action)


@pytest.mark.parametrize(("action", "role"), MATRIX)
def test_direct_post_does_it_exactly_for_the_roles_allowed(action, role, world):
    assert performed(action, world, role) == (role in ALLOWED[action])


# --- bulk actions are checked like the buttons --------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_bulk_update_action_starts_a_lead_only_for_the_desk(role, world):
    article = world["live"].article
    login(world["users"][role]).post(
        reverse("admin:articles_article_changelist"),
        {"action": "start_lead", "_selected_action": [article.pk], "index": "0"},
    )
    assert (article.versions.count() == 2) == (role in ALLOWED["start_update"])


@pytest.mark.parametrize("role", ROLES)
def test_bulk_kill_action_kills_only_for_the_desk(role, world):
    article = world["live"].article
    login(world["users"][role]).post(
        reverse("admin:articles_article_changelist"),
        {
            "action": "kill_selected",
            "_selected_action": [article.pk],
            "apply": "1",
            "kill_note": "Withdrawn.",
        },
    )
    assert Article.objects.get(pk=article.pk).is_killed == (role in ALLOWED["kill"])


# --- object-level rules in detail ----------------------------------------------------------


def test_photo_editor_changes_captions_but_never_the_text(world):
    version, photo = world["draft"], world["photo"]
    client = login(world["users"]["photo_editor"])
    form = open_form(client, version)
    assert "headline" not in form.fields and "body" not in form.fields
    response = press(
        client,
        version,
        "_save",
        form,
        headline="Forged headline",
        body="Forged body.",
        **caption_fields(version, photo),
    )
    assert response.status_code == 302
    version.refresh_from_db()
    assert version.headline == "The reporter's own draft"
    assert "Forged" not in version.body
    assert Caption.objects.get(version=version).text.startswith("Crowds queue")


def test_reporter_does_not_see_another_reporters_draft_anywhere(world, client):
    theirs = world["draft"]
    client = login(world["users"]["other_reporter"])
    assert (
        "own draft" not in client.get(reverse("admin:articles_article_changelist")).content.decode()
    )
    assert (
        "own draft" not in client.get(reverse("admin:articles_version_changelist")).content.decode()
    )
    assert client.get(version_url(theirs)).status_code == 302  # "does not exist" redirect
    article_page = reverse("admin:articles_article_change", args=[theirs.article_id])
    assert client.get(article_page).status_code == 302
    preview = reverse("admin:articles_version_preview", args=[theirs.pk])
    assert client.get(preview).status_code == 404
    compare = reverse("admin:articles_article_compare", args=[theirs.article_id])
    assert client.get(compare).status_code == 404
    autocomplete = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "articles", "model_name": "version", "field_name": "folds_in", "term": "Own"},
    )
    assert autocomplete.status_code == 200
    assert autocomplete.json()["results"] == []
    desk_autocomplete = login(world["users"]["desk"]).get(
        reverse("admin:autocomplete"),
        {"app_label": "articles", "model_name": "version", "field_name": "folds_in", "term": "Own"},
    )
    assert [r["id"] for r in desk_autocomplete.json()["results"]] == [str(theirs.article_id)]


def test_reporter_edits_a_desk_started_version_that_carries_their_byline(
    world, reporter_writer, section
):
    from articles.models import VersionWriter

    desk, reporter = world["users"]["desk"], world["users"]["reporter"]
    lead = world["live"].article.new_version(by=desk, kind="lead")
    client = login(reporter)
    assert client.get(version_url(lead)).status_code == 302
    VersionWriter.objects.create(version=lead, writer=reporter_writer)
    response = press(client, lead, "_save", headline="Reporter's update")
    assert response.status_code == 302
    assert Version.objects.get(pk=lead.pk).headline == "Reporter's update"


def test_reporter_cannot_edit_their_draft_once_submitted(world):
    version = world["draft"]
    reporter = world["users"]["reporter"]
    version.submit(by=reporter)
    client = login(reporter)
    form = read_form(client.get(version_url(version)).content.decode())
    assert "_save" not in form.buttons and "headline" not in form.fields
    response = press(client, version, "_save", desk_form(world, version), headline="Late change")
    assert response.status_code == 403
    assert Version.objects.get(pk=version.pk).headline == "The reporter's own draft"


def test_published_version_opens_read_only_for_everyone(world):
    live = world["live"]
    for role in ROLES:
        page = login(world["users"][role]).get(version_url(live))
        assert page.status_code == 200
        form = read_form(page.content.decode())
        assert "headline" not in form.fields and not form.buttons, role


def test_deleting_an_article_with_published_versions_is_refused_even_to_administrators(world):
    client = login(world["users"]["administrator"])
    article = world["live"].article
    delete = reverse("admin:articles_article_delete", args=[article.pk])
    assert client.get(delete).status_code == 403
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert Article.objects.filter(pk=article.pk).exists()
    changelist = client.get(reverse("admin:articles_article_changelist"))
    assert "delete_selected" not in changelist.content.decode()


def test_audit_log_is_read_only_even_for_administrators(world):
    client = login(world["users"]["administrator"])
    entry = AuditEntry.objects.filter(article=world["live"].article).first()
    page = client.get(reverse("admin:articles_auditentry_change", args=[entry.pk]))
    assert page.status_code == 200
    assert 'name="note"' not in page.content.decode()
    client.post(reverse("admin:articles_auditentry_change", args=[entry.pk]), {"note": "x"})
    assert AuditEntry.objects.get(pk=entry.pk).note == entry.note
