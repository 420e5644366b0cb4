"""Refusals look like the admin: 403, 404 and 409 in the admin's pages, with a way back."""

from __future__ import annotations

from django.urls import reverse

from tests.conftest import draft, published
from tests.desk.conftest import login
from tests.desk.helpers import publish_url, version_url

ADMIN_CHROME = 'id="site-name"'


def test_a_refused_verb_is_a_403_page_in_the_admin_with_a_way_back(db, section, reporter):
    version = draft(section, by=reporter)
    response = login(reporter).get(
        publish_url(version), HTTP_REFERER=f"http://testserver{version_url(version)}"
    )
    html = response.content.decode()
    assert response.status_code == 403
    assert ADMIN_CHROME in html and "You may not do that" in html
    assert f'href="http://testserver{version_url(version)}"' in html  # back where they were
    assert reverse("admin:articles_article_changelist") in html


def test_someone_elses_draft_is_a_404_page_in_the_admin(db, section, reporter, other_reporter):
    theirs = draft(section, by=other_reporter)
    response = login(reporter).get(reverse("admin:articles_version_preview", args=[theirs.pk]))
    assert response.status_code == 404
    html = response.content.decode()
    assert ADMIN_CHROME in html and "Not found" in html
    assert reverse("admin:index") in html


def test_a_missing_comparison_is_a_404_page_in_the_admin(db, section, desk):
    version = published(section, by=desk)
    url = reverse("admin:articles_article_compare", args=[version.article_id]) + "?new=7"
    response = login(desk).get(url)
    assert response.status_code == 404
    assert ADMIN_CHROME in response.content.decode()
    assert "No such version." in response.content.decode()


def test_a_back_link_never_leads_off_site(db, section, reporter):
    version = draft(section, by=reporter)
    response = login(reporter).get(publish_url(version), HTTP_REFERER="https://evil.example/")
    assert response.status_code == 403
    assert "evil.example" not in response.content.decode()


def test_public_pages_keep_the_reader_sites_404(db, client):
    response = client.get("/article/NOPE/")
    assert response.status_code == 404
    assert ADMIN_CHROME not in response.content.decode()


def test_a_refused_save_is_a_409_page_in_the_admin_with_a_way_back(db, section, desk):
    from tests.desk.helpers import open_form, press

    version = draft(section, by=desk)
    client = login(desk)
    form = open_form(client, version)
    press(client, version, "_publish")  # published meanwhile, from another tab
    response = press(client, version, "_save", form, headline="Typed meanwhile")
    html = response.content.decode()
    assert response.status_code == 409
    assert ADMIN_CHROME in html and "Typed meanwhile" in html
    assert reverse("admin:articles_article_change", args=[version.article_id]) in html
