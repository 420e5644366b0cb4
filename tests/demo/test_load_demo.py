"""The demo newsroom loads once, completely, and a second run changes nothing."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils.html import escape

from articles.models import Article, AuditEntry, Caption, Keyword, Section, Version, Writer
from photos.models import Photo

COUNTED = [Section, Writer, Keyword, Article, Version, Caption, Photo, AuditEntry]


def counts() -> dict[str, int]:
    return {m.__name__: m.objects.count() for m in COUNTED} | {
        "users": get_user_model().objects.count()
    }


@pytest.fixture
def demo(db):
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def test_demo_newsroom_has_what_the_issue_asks_for(demo):
    assert Section.objects.count() == 8
    assert Article.objects.count() >= 12
    labels = {v.label for v in Version.objects.published()}
    assert {"", "(LEAD)", "(2nd LD)", "(ROUNDUP)", "(CORRECTED)"} <= labels
    assert Version.objects.filter(genre="news_focus").exists()
    assert Article.objects.filter(folded_into__isnull=False).exists()
    assert Version.objects.filter(revision_tags__isnull=False).exists()
    assert Caption.objects.exists()
    photo = Photo.objects.with_image().first()
    assert photo.width >= 800 and photo.sizes, "real JPEGs with renditions"
    for role in ["Reporter", "Desk editor", "Photo editor", "Administrator"]:
        assert role in demo
    assert "reporter" in demo and "desk" in demo


def test_running_it_twice_creates_no_duplicates(demo, client, django_assert_max_num_queries):
    before = counts()
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    assert counts() == before
    assert "created nothing" in out.getvalue()

    # The seeded demo renders: every live story within the query ceiling, and neither
    # the draft nor the scheduled text shows anywhere. (Checked here to load it once.)
    for article in Article.objects.live():
        with django_assert_max_num_queries(8):
            page = client.get(article.get_absolute_url())
        assert page.status_code == 200
        assert escape(article.current_version().display_headline) in page.content.decode()
        assert b"(END)" in page.content
    for url in ["/"] + [a.get_absolute_url() for a in Article.objects.all()]:
        page = client.get(url)
        assert b"DRAFT-NOT-PUBLIC" not in page.content, url
        assert b"SCHEDULED-NOT-YET-PUBLIC" not in page.content, url


def test_dry_run_writes_nothing(db):
    out = io.StringIO()
    call_command("load_demo", "--dry-run", stdout=out)
    assert Article.objects.count() == 0
    assert Photo.objects.count() == 0
    assert "would create" in out.getvalue()
