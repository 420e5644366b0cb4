"""Captions per story version: they start from the photo, never write back to it, carry the
photo's credit on display, and render as a responsive <figure> on the story page."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.template.loader import render_to_string
from django.utils import timezone

from articles.models import Caption
from photos.models import Photo
from tests.conftest import draft
from tests.photos.helpers import ingest

STORY_QUERY_CEILING = 8


# --------------------------------------------------------------------------- the caption


def test_caption_starts_from_the_photo_description_without_its_credit(section):
    photo = ingest(1, description="Lee waves in Beijing. (Pool photo) (Hanbit)")
    photo.source, photo.credit = "Pool photo", "Hanbit"
    version = draft(section)
    caption = Caption.for_photo(photo, version=version, after_paragraph=2)
    assert caption.pk is None  # built, not saved: the inline form may still change it
    assert caption.text == "Lee waves in Beijing."
    assert caption.alt_text == "Lee waves in Beijing. (Pool photo) (Hanbit)"
    assert (caption.order, caption.after_paragraph) == (0, 2)


def test_caption_alt_text_prefers_the_photo_alt_text(section):
    photo = ingest(1, description="Long caption with names and a date.", alt_text="A crowd")
    assert Caption.for_photo(photo, version=draft(section)).alt_text == "A crowd"


def test_next_caption_goes_after_the_last_one(section):
    version = draft(section)
    Caption.for_photo(ingest(1), version=version).save()
    Caption.for_photo(ingest(2), version=version, order=5).save()
    assert Caption.for_photo(ingest(3), version=version).order == 6


def test_editing_a_caption_leaves_the_photo_description_unchanged(section):
    photo = ingest(1, description="The photo library's own description.")
    caption = Caption.for_photo(photo, version=draft(section))
    caption.save()
    caption.text = "Words written for this story only."
    caption.alt_text = "Different alt text for this story."
    caption.save()

    photo.refresh_from_db()
    assert photo.description == "The photo library's own description."
    assert photo.alt_text == ""
    caption.refresh_from_db()
    assert caption.text == "Words written for this story only."


@pytest.mark.parametrize(
    ("fields", "credit_line"),
    [
        ({"source": "Pool photo", "credit": "Hanbit"}, "(Pool photo) (Hanbit)"),
        (
            {"restriction": "PHOTO NOT FOR SALE", "credit": "Hanbit"},
            "(PHOTO NOT FOR SALE) (Hanbit)",
        ),
        ({"credit": "KCNA-Hanbit"}, "(KCNA-Hanbit)"),
        ({"credit": "Hanbit"}, "(Hanbit)"),
        ({}, ""),
    ],
)
def test_credit_line_is_composed_from_the_photo(fields, credit_line):
    photo = Photo(**fields)
    assert photo.credit_line == credit_line
    assert photo.credited("Crowds gather.") == " ".join(
        p for p in ("Crowds gather.", credit_line) if p
    )


def test_credit_already_in_the_caption_is_not_shown_twice():
    photo = Photo(source="Pool photo", credit="Hanbit")
    assert (
        photo.credited("Lee speaks. (Pool photo)  (Hanbit) ") == "Lee speaks. (Pool photo) (Hanbit)"
    )
    # Position markers and other trailing groups are the caption's own words.
    assert photo.credited("Lee (L) speaks (R)") == "Lee (L) speaks (R) (Pool photo) (Hanbit)"


# --------------------------------------------------------------------------- publishing


def test_photo_without_alt_text_blocks_publishing(section):
    version = draft(section)
    photo = ingest(1, description="")
    Caption.objects.create(version=version, photo=photo, text="Caption", alt_text="  ")
    assert version.publish_problems() == [
        "Photo 1 has no alt text: describe what it shows for readers who cannot see it."
    ]


def test_alt_text_defaults_to_the_description_so_a_described_photo_may_publish(section):
    version = draft(section)
    Caption.objects.create(version=version, photo=ingest(1, description="Crowds in Seoul."))
    Caption.for_photo(ingest(2, description="Snow in Busan."), version=version).save()
    assert version.publish_problems() == []


def test_caption_awaiting_its_image_does_not_block_publishing(section):
    version = draft(section)
    Caption.objects.create(version=version, photo=Photo.objects.create(), text="From the wire")
    assert version.publish_problems() == []


# --------------------------------------------------------------------------- the figure


def render_figure(caption: Caption, **context) -> str:
    return render_to_string("articles/_figure.html", {"caption": caption, **context})


def test_figure_renders_picture_with_webp_and_jpeg_srcsets(section):
    photo = ingest(1, description="Crowds.", source="Pool photo", credit="Hanbit")
    photo.renditions = {
        "sizes": [
            {
                "name": f"w{w}",
                "width": w,
                "height": w * 2 // 3,
                "webp": f"photos/r/t/w{w}.webp",
                "jpeg": f"photos/r/t/w{w}.jpg",
            }
            for w in (320, 640, 960, 1280)
        ],
        "thumb": None,
    }
    caption = Caption(version=draft(section), photo=photo, text="Crowds gather.", alt_text="")
    html = render_figure(caption)
    assert '<figure class="photo' in html and "<picture>" in html
    assert (
        'srcset="/media/photos/r/t/w320.webp 320w, /media/photos/r/t/w640.webp 640w, '
        '/media/photos/r/t/w960.webp 960w, /media/photos/r/t/w1280.webp 1280w"' in html
    )
    assert 'type="image/webp"' in html
    assert 'src="/media/photos/r/t/w960.jpg"' in html
    assert "/media/photos/r/t/w1280.jpg 1280w" in html
    assert 'width="960" height="640"' in html
    assert 'loading="lazy"' in html and 'decoding="async"' in html and "sizes=" in html
    assert 'alt="Crowds."' in html  # caption's alt empty: the photo's description
    figcaption = re.search(r"<figcaption>(.*)</figcaption>", html, re.S).group(1)
    assert figcaption == 'Crowds gather. <span class="credit">(Pool photo) (Hanbit)</span>'


def test_figure_escapes_caption_alt_and_credit(section):
    photo = ingest(1, credit='Han"bit<')
    caption = Caption(
        version=draft(section),
        photo=photo,
        text="<script>alert(1)</script> & friends",
        alt_text='"><img src=x onerror=alert(2)>',
    )
    html = render_figure(caption)
    assert "<script>" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; friends" in html
    assert 'alt="&quot;&gt;&lt;img src=x onerror=alert(2)&gt;"' in html
    assert "(Han&quot;bit&lt;)" in html


def test_caption_awaiting_its_image_renders_nothing(section):
    placeholder = Photo.objects.create(description="From the wire")
    caption = Caption(version=draft(section), photo=placeholder, text="From the wire")
    assert render_figure(caption).strip() == ""


# --------------------------------------------------------------------------- the story page


def test_story_page_with_ten_photos_stays_within_its_query_ceiling(
    client, section, django_assert_max_num_queries
):
    body = "\n\n".join(f"Paragraph {n}." for n in range(1, 6))
    version = draft(section, body=body)
    photos = [
        ingest(seed, description=f"Photo number {seed}.", credit="Hanbit") for seed in range(10)
    ]
    for n, photo in enumerate(photos):
        Caption.for_photo(photo, version=version, order=n, after_paragraph=n % 6).save()
    Caption.for_photo(Photo.objects.create(description="awaiting"), version=version).save()
    version.publish(by=None, at=timezone.now() - dt.timedelta(minutes=1))

    with django_assert_max_num_queries(STORY_QUERY_CEILING):
        response = client.get(f"/article/{version.article.code}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<figure") == 10 and html.count("<picture>") == 10
    for photo in photos:
        assert photo.default_rendition["jpeg"] in html
        assert f"Photo number {photo.description.split()[-1]}" in html
    assert "awaiting" not in html


def test_photos_of_an_unpublished_version_are_not_on_public_pages(client, section):
    version = draft(section, headline="Still a draft")
    photo = ingest(1)
    Caption.for_photo(photo, version=version).save()
    folder = photo.default_rendition["jpeg"].rsplit("/", 1)[0]
    for url in ("/", f"/section/{section.slug}/", f"/article/{version.article.code}/"):
        response = client.get(url)
        assert folder not in response.content.decode(), url
    assert re.fullmatch(r"photos/r/[0-9a-f]{32}", folder)  # 128 random bits: not guessable
