"""The photo library in the admin: list with thumbnails and filters, the metadata form,
placeholders awaiting their image, where each photo is used, permissions."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Caption
from photos.models import Photo
from tests.conftest import draft, make_user
from tests.photos import images
from tests.photos.helpers import ingest, jpeg, stored_files, upload

CHANGELIST = "/admin/photos/photo/"


def change_url(photo: Photo) -> str:
    return reverse("admin:photos_photo_change", args=[photo.pk])


# --------------------------------------------------------------------------- metadata


def test_embedded_iptc_and_xmp_fill_the_photo_form(photo_client):
    data = images.make_jpeg(
        320,
        200,
        iptc={
            "caption": "President Lee speaks at the summit in Seoul on Jan. 5, 2026.",
            "byline": "Kim Min-ji",
            "credit": "Hanbit",
            "source": "Pool photo",
            "special_instructions": "PHOTO NOT FOR SALE",
            "date_created": "20260105",
        },
        xmp=images.xmp_packet(
            rights="(c) Hanbit News Agency 2026",
            description="XMP description loses to IPTC",
        ),
    )
    response = upload(photo_client, ("summit.jpg", data))
    page = photo_client.get(response.url)
    form = page.context["adminform"].form
    assert form.initial["description"] == (
        "President Lee speaks at the summit in Seoul on Jan. 5, 2026."
    )
    assert form.initial["photographer"] == "Kim Min-ji"
    assert form.initial["credit"] == "Hanbit"
    assert form.initial["source"] == "Pool photo"
    assert form.initial["restriction"] == "PHOTO NOT FOR SALE"
    assert form.initial["copyright"] == "(c) Hanbit News Agency 2026"
    assert form.initial["alt_text"].startswith("President Lee speaks at the summit")
    # A date without a time: midnight in the newsroom's time zone.
    assert timezone.localtime(form.initial["taken_at"]).isoformat() == "2026-01-05T00:00:00+09:00"
    html = page.content.decode()
    assert 'value="Kim Min-ji"' in html
    assert "Check the description, credit and alt text" in html


def test_xmp_alone_fills_the_form(photo_client):
    data = images.make_jpeg(
        xmp=images.xmp_packet(
            description="Fireworks over the Han River.",
            creator=["Park Ji-hoon"],
            credit="Hanbit",
            rights="Hanbit",
        )
    )
    upload(photo_client, ("fireworks.jpg", data))
    photo = Photo.objects.get()
    assert (photo.description, photo.photographer, photo.credit, photo.copyright) == (
        "Fireworks over the Han River.",
        "Park Ji-hoon",
        "Hanbit",
        "Hanbit",
    )


def test_script_in_an_embedded_caption_is_shown_escaped_in_the_admin(photo_client):
    hostile = 'Protest in Seoul <script>alert("x")</script> & more'
    data = images.make_jpeg(iptc={"caption": hostile, "byline": "<b>Kim</b>"})
    upload(photo_client, ("hostile.jpg", data))
    photo = Photo.objects.get()
    assert photo.description == hostile  # stored as text, as written

    for url in (change_url(photo), CHANGELIST):
        html = photo_client.get(url).content.decode()
        assert '<script>alert("x")' not in html and "<b>Kim</b>" not in html, url
        assert "&lt;script&gt;alert(" in html, url


# --------------------------------------------------------------------------- list


def test_changelist_shows_thumbnails_and_stays_within_its_query_ceiling(
    photo_client, django_assert_max_num_queries
):
    photos = [ingest(seed, credit="Hanbit", photographer=f"P{seed}") for seed in range(25)]
    with django_assert_max_num_queries(14):
        response = photo_client.get(CHANGELIST)
    html = response.content.decode()
    assert response.status_code == 200
    for photo in photos:
        assert f'src="/media/{photo.thumbnail["jpeg"]}"' in html
    assert "Upload photos" in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("credit=KCNA-Hanbit", ["north"]),
        ("photographer=Kim+Min-ji", ["south"]),
        ("image=awaiting", ["wire placeholder"]),
        ("image=yes", ["north", "south"]),
        ("q=missile", ["north"]),
        ("q=kim+min", ["south"]),
    ],
)
def test_changelist_filters_and_search(photo_client, query, expected):
    ingest(1, description="north: missile launch", credit="KCNA-Hanbit")
    ingest(2, description="south", credit="Hanbit", photographer="Kim Min-ji")
    Photo.objects.create(description="wire placeholder", credit="Hanbit")
    response = photo_client.get(f"{CHANGELIST}?{query}")
    shown = sorted(str(p) for p in response.context["cl"].result_list)
    assert [s.split(":")[0] for s in shown] == expected


def test_used_and_unused_filters_follow_captions(photo_client, section):
    in_draft, in_published, unused = ingest(1), ingest(2), ingest(3)
    version = draft(section)
    Caption.for_photo(in_draft, version=version).save()
    live = draft(section, slug="Live-story")
    caption = Caption.for_photo(in_published, version=live)
    caption.alt_text = "A ferry at the quay"  # publish() refuses a photo without alt text
    caption.save()
    live.publish(by=None)

    def shown(query: str) -> set[int]:
        response = photo_client.get(f"{CHANGELIST}?{query}")
        return {p.pk for p in response.context["cl"].result_list}

    assert shown("used=yes") == {in_draft.pk, in_published.pk}
    assert shown("used=published") == {in_published.pk}
    assert shown("used=drafts") == {in_draft.pk}
    assert shown("used=no") == {unused.pk}


# --------------------------------------------------------------------------- change form


def test_change_form_shows_a_rendition_and_never_links_the_original(photo_client):
    photo = ingest(1)
    html = photo_client.get(change_url(photo)).content.decode()
    assert f'src="/media/{photo.default_rendition["jpeg"]}"' in html
    assert photo.image.name not in html
    assert 'name="image"' not in html
    with pytest.raises(ValueError):
        photo.image.url  # noqa: B018


def test_change_form_lists_where_the_photo_is_used(photo_client, section):
    photo = ingest(1, description="Lee at the summit")
    version = draft(section, headline="Summit opens in Seoul")
    Caption.for_photo(photo, version=version).save()
    html = photo_client.get(change_url(photo)).content.decode()
    assert f"{version.article.code} v0" in html
    assert reverse("admin:articles_version_change", args=[version.pk]) in html
    assert "Summit opens in Seoul" in html

    unused = ingest(2)
    assert "Not used in any story." in photo_client.get(change_url(unused)).content.decode()


def test_editing_metadata_in_the_form_saves_it(photo_client):
    photo = ingest(1)
    response = photo_client.post(
        change_url(photo),
        {"description": "New words", "alt_text": "A crowd", "credit": "Hanbit", "source": ""},
    )
    assert response.status_code == 302
    photo.refresh_from_db()
    assert (photo.description, photo.alt_text, photo.credit) == ("New words", "A crowd", "Hanbit")
    assert photo.has_image  # the metadata form never touches the image


# --------------------------------------------------------------------------- placeholders


@pytest.fixture
def placeholder(db) -> Photo:
    """A wire caption that arrived without its picture."""
    return Photo.objects.create(
        description="Lee Jae-myung waves in Beijing on Jan. 5, 2026.",
        source="Pool photo",
        credit="Hanbit",
    )


def placeholder_form(photo: Photo, **extra):
    fields = {name: getattr(photo, name) for name in Photo.LIBRARY_FIELDS}
    return fields | extra


def test_placeholder_appears_as_awaiting_image_with_an_upload_field(photo_client, placeholder):
    listing = photo_client.get(f"{CHANGELIST}?image=awaiting").content.decode()
    assert "Awaiting image" in listing
    form = photo_client.get(change_url(placeholder)).content.decode()
    assert 'name="new_image"' in form and 'enctype="multipart/form-data"' in form


def test_uploading_to_a_placeholder_keeps_its_caption(photo_client, placeholder):
    data = images.make_jpeg(
        400, 300, iptc={"caption": "Embedded caption loses", "byline": "Choi Photo"}
    )
    new_image = io.BytesIO(data)
    new_image.name = "beijing.jpg"
    response = photo_client.post(
        change_url(placeholder),
        placeholder_form(placeholder, new_image=new_image) | {"_continue": "1"},
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    placeholder.refresh_from_db()
    assert placeholder.has_image and placeholder.thumbnail
    assert placeholder.description == "Lee Jae-myung waves in Beijing on Jan. 5, 2026."
    assert placeholder.photographer == "Choi Photo"  # was empty: filled from the file
    assert placeholder.credit_line == "(Pool photo) (Hanbit)"
    assert Photo.objects.count() == 1


def test_upload_to_a_placeholder_of_a_picture_already_in_the_library_is_refused(
    photo_client, placeholder
):
    existing = ingest(9)
    files_before = stored_files()
    upload_file = io.BytesIO(jpeg(9))
    upload_file.name = "again.jpg"
    response = photo_client.post(
        change_url(placeholder), placeholder_form(placeholder, new_image=upload_file)
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors.as_data()["new_image"]
    assert errors[0].code == "duplicate"
    assert f'href="{change_url(existing)}"' in response.content.decode()
    placeholder.refresh_from_db()
    assert not placeholder.has_image
    assert stored_files() == files_before


def test_refused_file_for_a_placeholder_is_a_form_error(photo_client, placeholder):
    bad = io.BytesIO(images.SVG_WITH_SCRIPT)
    bad.name = "logo.svg"
    response = photo_client.post(
        change_url(placeholder), placeholder_form(placeholder, new_image=bad)
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors.as_data()["new_image"]
    assert errors[0].code == "format"
    assert stored_files() == []


# --------------------------------------------------------------------------- permissions, deletion


def test_reporter_cannot_upload_photos(client, db):
    client.force_login(make_user("reporter", "Reporter"))
    response = upload(client, ("a.jpg", jpeg(1)))
    assert response.status_code == 403
    assert Photo.objects.count() == 0 and stored_files() == []


def test_anonymous_visitor_is_sent_to_the_login_page(client, db):
    response = upload(client, ("a.jpg", jpeg(1)))
    assert response.status_code == 302 and "/login/" in response.url
    assert Photo.objects.count() == 0


def test_upload_in_a_popup_hands_the_new_photo_back(photo_client):
    response = upload(photo_client, ("a.jpg", jpeg(1)), _popup="1")
    photo = Photo.objects.get()
    assert response.status_code == 200
    assert "admin/popup_response.html" in [t.name for t in response.templates]
    assert str(photo.pk) in response.content.decode()


def test_deleting_an_unused_photo_removes_its_files(client, db, django_capture_on_commit_callbacks):
    client.force_login(make_user("admin", "Administrator"))
    photo = ingest(1)
    assert stored_files()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:photos_photo_delete", args=[photo.pk]), {"post": "yes"}
        )
    assert response.status_code == 302
    assert not Photo.objects.exists()
    assert stored_files() == []


# --------------------------------------------------------------------------- uses, by rule


@pytest.fixture
def other_reporter(db):
    return make_user("other", "Reporter")


@pytest.fixture
def shared_photo(section, reporter, other_reporter):
    """One photo in another reporter's draft, the reporter's own draft and a live story."""
    photo = ingest(7, description="Harbour at dawn", alt_text="Boats in a harbour")
    theirs = draft(section, by=other_reporter, slug="Theirs", headline="Secret scoop headline")
    Caption.objects.create(version=theirs, photo=photo, text="Caption of the secret scoop")
    mine = draft(section, by=reporter, slug="Mine", headline="My own harbour story")
    Caption.objects.create(version=mine, photo=photo, text="Caption of my own draft")
    live = draft(section, slug="Live", headline="Harbour reopens")
    Caption.objects.create(version=live, photo=photo, text="Caption of the live story")
    live.publish(by=None)
    return photo


def test_a_reporter_never_sees_other_reporters_drafts_under_where_used(client, shared_photo):
    reporter = make_user("reporter-b", "Reporter")
    client.force_login(reporter)
    html = client.get(change_url(shared_photo)).content.decode()
    assert "Secret scoop headline" not in html
    assert "Caption of the secret scoop" not in html
    assert "Harbour reopens" in html  # published copy is anyone's to see


def test_a_reporter_sees_their_own_draft_and_live_stories_under_where_used(
    client, shared_photo, reporter
):
    client.force_login(reporter)
    html = client.get(change_url(shared_photo)).content.decode()
    assert "My own harbour story" in html and "Caption of my own draft" in html
    assert "Harbour reopens" in html
    assert "Secret scoop headline" not in html


def test_photo_staff_see_every_use(photo_client, shared_photo):
    html = photo_client.get(change_url(shared_photo)).content.decode()
    for headline in ("Secret scoop headline", "My own harbour story", "Harbour reopens"):
        assert headline in html


def test_usage_filter_and_count_follow_the_same_rule_as_the_article_list(
    client, section, other_reporter
):
    only_theirs = ingest(8, description="Only in someone else's draft")
    theirs = draft(section, by=other_reporter, slug="Theirs", headline="Secret scoop")
    Caption.objects.create(version=theirs, photo=only_theirs, text="Secret caption")
    client.force_login(make_user("reporter-c", "Reporter"))
    used = client.get(f"{CHANGELIST}?used=yes").context["cl"].result_list
    unused = client.get(f"{CHANGELIST}?used=no").context["cl"].result_list
    assert only_theirs.pk not in {p.pk for p in used}
    assert only_theirs.pk in {p.pk for p in unused}
    listed = client.get(CHANGELIST).context["cl"].result_list
    assert {p.pk: p.use_count for p in listed}[only_theirs.pk] == 0


def test_where_used_stays_within_its_query_ceiling(
    photo_client, section, django_assert_max_num_queries
):
    photo = ingest(9, description="Used often", alt_text="A crowd")
    for n in range(12):
        version = draft(section, slug=f"Story-{n}", headline=f"Story {n}")
        Caption.objects.create(version=version, photo=photo, text=f"Caption {n}")
    with django_assert_max_num_queries(16):
        response = photo_client.get(change_url(photo))
    assert response.status_code == 200
