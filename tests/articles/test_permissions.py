"""Object permissions answer the same wherever they are asked (admin, views, an API)."""

from __future__ import annotations

import pytest

from articles import permissions
from articles.models import Version, VersionWriter
from tests.conftest import draft, make_user, published


@pytest.fixture
def people(db):
    return {
        "reporter": make_user("reporter", "Reporter"),
        "other": make_user("other", "Reporter"),
        "desk": make_user("desk", "Desk editor"),
        "photo": make_user("photo", "Photo editor"),
        "admin": make_user("admin", "Administrator"),
        "nobody": make_user("nobody"),
    }


def allowed(people, perm: str, obj) -> set[str]:
    return {name for name, user in people.items() if user.has_perm(perm, obj)}


def test_a_reporter_edits_and_submits_only_their_own_draft(people, section):
    theirs = draft(section, by=people["reporter"])
    assert allowed(people, "articles.change_version", theirs) == {"reporter", "desk", "admin"}
    assert allowed(people, "articles.submit_version", theirs) == {"reporter", "desk", "admin"}
    assert allowed(people, "articles.view_version", theirs) == {
        "reporter",
        "desk",
        "photo",
        "admin",
    }


def test_a_byline_makes_a_draft_the_writers_own(people, section, writer):
    writer.user = people["other"]
    writer.save()
    version = draft(section, by=people["reporter"])
    VersionWriter.objects.create(version=version, writer=writer)
    assert people["other"].has_perm("articles.change_version", version)


def test_a_submitted_version_is_the_desks(people, section):
    version = draft(section, by=people["reporter"])
    version.submit(by=people["reporter"])
    assert allowed(people, "articles.change_version", version) == {"desk", "admin"}


def test_only_the_desk_publishes_sends_back_and_kills(people, section):
    version = draft(section, by=people["reporter"])
    for perm in ("publish_version", "send_back_version", "share_version"):
        assert allowed(people, f"articles.{perm}", version) == {"desk", "admin"}
    assert allowed(people, "articles.kill_article", version.article) == {"desk", "admin"}
    assert allowed(people, "articles.start_update", version.article) == {"desk", "admin"}


def test_a_photo_editor_captions_any_draft_but_edits_no_text(people, section):
    version = draft(section, by=people["reporter"])
    assert people["photo"].has_perm("articles.caption_version", version)
    assert not people["photo"].has_perm("articles.change_version", version)


def test_a_reporter_sets_slug_and_section_only_before_first_publication(people, section):
    version = draft(section, by=people["reporter"])
    assert people["reporter"].has_perm("articles.change_article", version.article)
    version.publish(by=people["desk"])
    version.article.refresh_from_db()
    assert not people["reporter"].has_perm("articles.change_article", version.article)
    assert people["desk"].has_perm("articles.change_article", version.article)


def test_collections_follow_the_same_rule(people, section):
    mine = draft(section, by=people["reporter"], slug="Mine")
    theirs = draft(section, by=people["other"], slug="Theirs")
    live = published(section, slug="Live")
    seen = permissions.visible_versions(people["reporter"], Version.objects.all())
    assert set(seen) == {mine, live}
    assert all(people["reporter"].has_perm("articles.view_version", v) for v in seen)
    assert not people["reporter"].has_perm("articles.view_version", theirs)
    assert set(permissions.visible_versions(people["desk"], Version.objects.all())) == {
        mine,
        theirs,
        live,
    }
