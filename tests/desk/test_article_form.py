"""The article form: its keyword slug is agency style only, and every change is audited."""

from __future__ import annotations

import pytest
from django.urls import reverse

from articles.models import Article, AuditEntry, Keyword, Section
from tests.conftest import draft, published
from tests.desk.conftest import login
from tests.desk.helpers import read_form


def article_url(article: Article) -> str:
    return reverse("admin:articles_article_change", args=[article.pk])


def post_article(client, article: Article, **changes):
    page = client.get(article_url(article)).content.decode()
    data = {k: list(v) for k, v in read_form(page, "article_form").fields.items()}
    for name, value in changes.items():
        data[name] = value if isinstance(value, list) else [value]
    data["_save"] = ["Save"]
    return client.post(article_url(article), data)


@pytest.mark.parametrize(
    "slug",
    [
        "Lee-China\nsummit",
        "Lee-China-summit\r\n(END)",
        "Lee China summit",
        "Lee-China-<b>summit</b>",
        "-Lee",
        "Lee--China",
    ],
)
def test_a_keyword_slug_outside_agency_style_is_a_form_error(db, section, desk, slug):
    version = published(section, by=desk, slug="Lee-China-summit")
    response = post_article(login(desk), version.article, slug=slug)
    assert response.status_code == 200
    assert response.context["adminform"].form.has_error("slug", code="slug")
    assert Article.objects.get(pk=version.article_id).slug == "Lee-China-summit"
    assert not AuditEntry.objects.filter(action="change article").exists()


def test_every_change_to_an_article_writes_an_audit_entry(db, section, desk):
    version = published(section, by=desk, slug="Lee-China-summit")
    economy = Section.objects.create(name="Economy", slug="economy", order=2)
    trade = Keyword.objects.create(name="Trade", slug="trade")
    response = post_article(
        login(desk),
        version.article,
        slug="Lee-Xi-summit",
        section=str(economy.pk),
        keywords=[str(trade.pk)],
        top_order="1",
    )
    assert response.status_code == 302
    entry = AuditEntry.objects.get(article=version.article, action="change article")
    assert entry.actor == desk
    assert "keyword slug: Lee-China-summit → Lee-Xi-summit" in entry.note
    assert "section: National → Economy" in entry.note
    assert "keywords: +Trade" in entry.note
    assert "front-page position: — → 1" in entry.note
    assert entry.affects_readers  # readers' cached pages follow the new slug and section


def test_saving_an_unchanged_article_writes_no_audit_entry(db, section, desk):
    version = published(section, by=desk, slug="Lee-China-summit")
    assert post_article(login(desk), version.article).status_code == 302
    assert not AuditEntry.objects.filter(action="change article").exists()


def test_a_reporter_renaming_their_draft_story_is_audited_too(db, section, reporter):
    version = draft(section, by=reporter, slug="Lee-China-summit")
    post_article(login(reporter), version.article, slug="Lee-China-talks")
    entry = AuditEntry.objects.get(article=version.article, action="change article")
    assert entry.actor == reporter and "Lee-China-talks" in entry.note
