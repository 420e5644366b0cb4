"""The advisory while you type: a small endpoint suggests it for the form's current text,
saving nothing; a correction's changes are CORRECTS."""

from __future__ import annotations

from django.urls import reverse

from articles import advisories
from articles.models import AuditEntry, Caption, Version, VersionKind
from photos.models import Photo
from tests.conftest import draft, follow_up, published
from tests.desk.conftest import login
from tests.desk.helpers import open_form, press

BODY = "The city opened a library.\n\nIt has 20,000 books."


def advisory_url(version: Version) -> str:
    return reverse("admin:articles_version_advisory", args=[version.pk])


def form_data(client, version: Version, **changes) -> dict:
    """The version form as it stands, with some fields changed."""
    data = {k: list(v) for k, v in open_form(client, version).fields.items()}
    for name, value in changes.items():
        data[name] = value if isinstance(value, list) else [value]
    return data


def typed(client, version: Version, **changes) -> dict:
    """Post the form, with some fields changed, to the endpoint."""
    response = client.post(advisory_url(version), form_data(client, version, **changes))
    assert response.status_code == 200, response.status_code
    return response.json()


def test_the_suggestion_follows_the_typed_text_without_saving(
    db, section, desk, django_assert_max_num_queries
):
    lead = follow_up(published(section, by=desk, body=BODY), publish=False, by=desk)
    client = login(desk)
    revision = lead.revision
    audit = AuditEntry.objects.count()
    body = BODY + "\n\nThe mayor spoke at the opening."
    data = form_data(client, lead, body=body, headline="Library opens with 20,000 books")
    with django_assert_max_num_queries(12):
        answer = client.post(advisory_url(lead), data).json()
    assert answer["advisory"] == "(ATTN: ADDS more info in para 3; CHANGES headline)"
    assert answer["tags"] == [["ADDS", "more info in para 3"], ["CHANGES", "headline"]]
    lead.refresh_from_db()
    assert lead.revision == revision and lead.body == BODY  # nothing saved
    assert AuditEntry.objects.count() == audit  # and nothing audited


def test_photos_chosen_in_the_form_count_before_they_are_saved(db, section, desk):
    lead = follow_up(published(section, by=desk, body=BODY), publish=False, by=desk)
    photo = Photo.objects.create(description="Readers", alt_text="Readers")
    rows = {
        "captions-TOTAL_FORMS": "1",
        "captions-INITIAL_FORMS": "0",
        "captions-0-photo": str(photo.pk),
        "captions-0-text": "",
    }
    answer = typed(login(desk), lead, **rows)
    assert answer["advisory"] == "(ATTN: ADDS photo)"


def test_a_correction_suggests_corrects(db, section, desk):
    original = published(section, by=desk, body=BODY)
    correction = follow_up(
        original, kind=VersionKind.CORRECTION, correction_note="Fixes the count.", publish=False
    )
    answer = typed(
        login(desk), correction, body="The city opened a library.\n\nIt has 12,000 books."
    )
    assert answer["advisory"] == "(ATTN: CORRECTS para 2)"


def test_a_saved_correction_carries_corrects_in_its_advisory(db, section, desk):
    original = published(section, by=desk, body=BODY)
    correction = follow_up(
        original, kind=VersionKind.CORRECTION, correction_note="Fixes the name.", publish=False
    )
    press(login(desk), correction, "_save", headline="Library opens in Mapo")
    assert Version.objects.get(pk=correction.pk).advisory == "(ATTN: CORRECTS headline)"


def test_corrections_put_corrects_first_and_keep_added_paragraphs():
    paragraphs = tuple(f"Paragraph {n} says what happened on the day." for n in range(1, 6))
    fixed = (*paragraphs[:1], "Paragraph 2 says what happened on Monday.", *paragraphs[2:])
    before = advisories.Snapshot(headline="A", paragraphs=paragraphs, photo_ids=(1,))
    after = advisories.Snapshot(
        headline="B", paragraphs=(*fixed, "A new sixth paragraph."), photo_ids=(1, 2)
    )
    assert advisories.suggest(before, after, correction=True) == [
        ("CORRECTS", "para 2, headline"),
        ("ADDS", "more info in para 6"),
        ("ADDS", "photo"),
    ]


def test_first_versions_have_no_suggestion_endpoint_in_the_form(db, section, desk):
    version = draft(section, by=desk)
    html = login(desk).get(reverse("admin:articles_version_change", args=[version.pk]))
    assert 'data-advisory-url=""' in html.content.decode()
    assert login(desk).post(advisory_url(version), {}).json()["advisory"] == ""


def test_only_who_may_edit_the_version_gets_a_suggestion(db, section, desk, reporter):
    lead = follow_up(published(section, by=desk, body=BODY), publish=False, by=desk)
    client = login(reporter)
    assert client.post(advisory_url(lead), {"body": "x"}).status_code in (403, 404)
    assert login(desk).get(advisory_url(lead)).status_code == 405


def test_the_form_loads_the_advisory_script_from_a_static_file(db, section, desk):
    lead = follow_up(published(section, by=desk, body=BODY), publish=False, by=desk)
    Caption.objects.filter(version=lead).delete()
    html = login(desk).get(reverse("admin:articles_version_change", args=[lead.pk])).content
    assert b'src="/static/js/desk-advisory.js"' in html
    assert b"<script>" not in html  # CSP: no inline scripts
