"""One entry point per editorial verb: the model refuses what the desk refuses, so the
admin, the wire importer and a script behave the same."""

from __future__ import annotations

import pytest

from articles.models import Caption, TransitionError, VersionKind
from photos.models import Photo
from tests.conftest import draft, published
from tests.photos.helpers import ingest


def test_publish_refuses_a_photo_without_alt_text(db, section):
    version = draft(section)
    caption = Caption.for_photo(ingest(1), version=version)
    caption.alt_text = ""
    caption.save()
    assert not caption.alt.strip()
    with pytest.raises(TransitionError, match="Photo 1 has no alt text"):
        version.publish(by=None)
    version.refresh_from_db()
    assert not version.is_published


def test_a_caption_awaiting_its_image_does_not_block_publishing(db, section):
    version = draft(section)
    Caption.objects.create(version=version, photo=Photo.objects.create(), text="Coming")
    version.publish(by=None)
    assert version.is_published


def test_an_urgent_keeps_only_the_lead_paragraph(db, section):
    first = published(section, body="Lead paragraph.\n\nSecond.\n\nThird.")
    urgent = first.article.new_version(by=None, kind=VersionKind.URGENT)
    assert urgent.body == "Lead paragraph."


def test_a_correction_needs_its_note(db, section):
    first = published(section)
    with pytest.raises(TransitionError, match="correction needs a note"):
        first.article.new_version(by=None, kind=VersionKind.CORRECTION, correction_note=" ")
    correction = first.article.new_version(
        by=None, kind=VersionKind.CORRECTION, correction_note="Fixes the number of books."
    )
    assert correction.correction_note == "Fixes the number of books."
    assert correction.label == "(CORRECTED)"


def test_a_roundup_folds_in_other_stories_never_itself(db, section):
    first = published(section)
    other = published(section, slug="Other")
    roundup = first.article.new_version(
        by=None, kind=VersionKind.ROUNDUP, fold_in=[other.article, first.article]
    )
    assert list(roundup.folds_in.all()) == [other.article]
    roundup.publish(by=None)
    other.article.refresh_from_db()
    assert other.article.folded_into_id == first.article_id
