"""A published version never changes or disappears, whichever door is tried."""

import pytest
from django.db import IntegrityError, connection, transaction

from articles.models import (
    Article,
    Caption,
    PublishedVersionError,
    RevisionTag,
    Version,
    VersionWriter,
)
from photos.models import Photo
from tests.conftest import draft, make_user, published


def test_instance_save_is_refused(db, section):
    version = published(section)
    version.headline = "Changed after publication"
    with pytest.raises(PublishedVersionError):
        version.save()
    version.refresh_from_db()
    assert version.headline == "City opens a new library branch"


def test_queryset_update_is_refused(db, section):
    version = published(section)
    with pytest.raises(PublishedVersionError):
        Version.objects.filter(pk=version.pk).update(headline="Sneaky")
    with pytest.raises(PublishedVersionError):
        Version.objects.all().update(body="")


def test_instance_and_queryset_delete_are_refused(db, section):
    version = published(section)
    with pytest.raises(PublishedVersionError):
        version.delete()
    with pytest.raises(PublishedVersionError):
        Version.objects.filter(pk=version.pk).delete()
    assert Version.objects.filter(pk=version.pk).exists()


def test_deleting_the_article_of_a_published_version_is_refused(db, section):
    version = published(section)
    with pytest.raises(PublishedVersionError):
        version.article.delete()
    with pytest.raises(PublishedVersionError):
        Article.objects.all().delete()
    assert Version.objects.filter(pk=version.pk).exists()


def test_a_draft_article_can_still_be_deleted(db, section):
    version = draft(section)
    version.article.delete()
    assert not Version.objects.exists()


def test_raw_sql_update_is_refused_by_the_database(db, section):
    version = published(section)
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE articles_version SET headline = %s WHERE id = %s", ["raw", version.pk]
        )
    version.refresh_from_db()
    assert version.headline != "raw"


def test_parts_of_a_published_version_are_frozen(db, section, writer):
    version = draft(section)
    VersionWriter.objects.create(version=version, writer=writer)
    RevisionTag.objects.create(version=version, verb="ADDS", object="byline")
    version.publish(by=None)
    with pytest.raises(PublishedVersionError):
        RevisionTag.objects.create(version=version, verb="UPDATES", object="throughout")
    with pytest.raises(PublishedVersionError):
        RevisionTag.objects.filter(version=version).update(object="headline")
    with pytest.raises(PublishedVersionError):
        VersionWriter.objects.filter(version=version).delete()
    with pytest.raises(PublishedVersionError):
        RevisionTag.objects.get(version=version).delete()
    with pytest.raises(PublishedVersionError):
        Caption(version=version, photo=Photo.objects.create(), text="late caption").save()
    assert version.advisory_tags() == [("ADDS", "byline")]


def test_admin_post_to_a_published_version_changes_nothing(db, section, client):
    admin = make_user("boss", is_superuser=True)
    version = published(section)
    client.force_login(admin)
    url = f"/admin/articles/version/{version.pk}/change/"
    page = client.get(url)
    assert page.status_code == 200  # opens read-only
    response = client.post(url, {"headline": "Forged", "body": "Forged", "kind": "original"})
    assert response.status_code == 403
    deleted = client.post(f"/admin/articles/version/{version.pk}/delete/", {"post": "yes"})
    assert deleted.status_code == 403
    version.refresh_from_db()
    assert version.headline == "City opens a new library branch"


def test_admin_has_no_delete_selected_for_articles_or_versions(db, client):
    client.force_login(make_user("boss", is_superuser=True))
    for model in ("article", "version"):
        page = client.get(f"/admin/articles/{model}/")
        assert page.status_code == 200
        assert b"delete_selected" not in page.content
