"""Captions start right: a chosen photo's description and alt text start the caption's words
(the browser fills them as the photo is chosen; the server does it for a form without JS);
the captions are stacked so the alt text is in view."""

from __future__ import annotations

from django.urls import reverse

from articles.models import Caption
from photos.models import Photo
from tests.conftest import draft
from tests.desk.conftest import login
from tests.desk.helpers import open_form, press, version_url


def harbour() -> Photo:
    return Photo.objects.create(
        description="Boats return to Busan harbour on Jan. 5, 2026. (Hanbit)",
        alt_text="Fishing boats moored in a harbour",
        credit="Hanbit",
    )


def new_caption_row(version, photo, **fields) -> dict:
    return {
        "captions-TOTAL_FORMS": "1",
        "captions-INITIAL_FORMS": "0",
        "captions-0-id": "",
        "captions-0-version": str(version.pk),
        "captions-0-photo": str(photo.pk),
        "captions-0-order": "0",
        "captions-0-after_paragraph": "0",
        "captions-0-text": fields.get("text", ""),
        "captions-0-alt_text": fields.get("alt_text", ""),
    }


def test_a_photo_chosen_without_words_starts_from_its_description_and_alt_text(db, section, desk):
    version = draft(section, by=desk)
    photo = harbour()
    press(login(desk), version, "_continue", **new_caption_row(version, photo))
    caption = Caption.objects.get(version=version)
    assert (
        caption.text == "Boats return to Busan harbour on Jan. 5, 2026."
    )  # credit added on display
    assert caption.alt_text == "Fishing boats moored in a harbour"
    assert Photo.objects.get(pk=photo.pk).description.endswith("(Hanbit)")  # untouched


def test_words_typed_for_a_caption_are_kept(db, section, desk):
    version = draft(section, by=desk)
    photo = harbour()
    rows = new_caption_row(version, photo, text="Boats in Busan.", alt_text="Boats")
    press(login(desk), version, "_continue", **rows)
    caption = Caption.objects.get(version=version)
    assert (caption.text, caption.alt_text) == ("Boats in Busan.", "Boats")


def test_the_form_asks_the_server_for_a_photos_words(db, section, desk):
    photo = harbour()
    client = login(desk)
    version = draft(section, by=desk)
    html = client.get(version_url(version)).content.decode()
    assert 'src="/static/js/desk-captions.js"' in html
    url = reverse("admin:articles_version_photo_words", args=[photo.pk])
    assert url.replace(f"/{photo.pk}/", "/0/") in html  # the template the script fills in
    answer = client.get(url).json()
    assert answer == {
        "text": "Boats return to Busan harbour on Jan. 5, 2026.",
        "alt_text": "Fishing boats moored in a harbour",
    }
    missing = reverse("admin:articles_version_photo_words", args=[photo.pk + 100])
    assert client.get(missing).status_code == 404


def test_captions_are_stacked_with_the_alt_text_on_its_own_line(db, section, desk):
    version = draft(section, by=desk)
    Caption.objects.create(version=version, photo=harbour(), text="Boats", alt_text="Boats")
    html = login(desk).get(version_url(version)).content.decode()
    group = html.split('id="captions-group"', 1)[1][:400]
    assert 'data-inline-type="stacked"' in group
    fields = open_form(login(desk), version).fields
    assert "captions-0-alt_text" in fields and "captions-0-text" in fields
