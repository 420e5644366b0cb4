"""New versions from a published article, by object tool and by admin action."""

from __future__ import annotations

from django.urls import reverse

from articles.models import Article, Caption, Status, Version, VersionKind, VersionWriter, Writer
from photos.models import Photo
from tests.conftest import draft, follow_up, published
from tests.desk.conftest import login
from tests.desk.helpers import press


def new_version_url(article: Article, verb: str) -> str:
    return reverse("admin:articles_article_new_version", args=[article.pk, verb])


def published_with_parts(section) -> Version:
    """A published story with a byline and a captioned photo."""
    version = draft(
        section, slug="Port-strike", headline="Port workers strike", body="Lead.\n\nTwo."
    )
    writer = Writer.objects.create(name="Lee Min-ho", slug="lee")
    photo = Photo.objects.create(description="Pickets at the gate", alt_text="Pickets")
    VersionWriter.objects.create(version=version, writer=writer)
    Caption.objects.create(version=version, photo=photo, text="Pickets at the gate on Monday.")
    version.publish(by=None)
    return version


def test_update_tool_starts_the_next_lead_as_a_copy(db, section, desk):
    original = published_with_parts(section)
    response = login(desk).post(new_version_url(original.article, "lead"))
    lead = Version.objects.get(article=original.article, number=1)
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:articles_version_change", args=[lead.pk])
    assert lead.label == "(LEAD)" and lead.status == Status.DRAFT
    assert (lead.headline, lead.body) == (original.headline, original.body)
    assert [w.name for w in lead.writers.all()] == ["Lee Min-ho"]
    assert [c.text for c in lead.captions.all()] == ["Pickets at the gate on Monday."]


def test_update_confirmation_page_names_the_label_to_come(db, section, desk):
    chain = [published(section)]
    for _ in range(2):
        chain.append(follow_up(chain[-1]))
    html = login(desk).get(new_version_url(chain[0].article, "lead")).content.decode()
    assert "(3rd LD)" in html


def test_lead_tool_counts_only_leads_past_a_roundup_and_a_correction(db, section, desk):
    # The long chain's numbering is tested on the model (tests/articles/test_labels.py);
    # here: the object tools reach the same numbering.
    client = login(desk)
    article = published(section).article
    labels = [""]
    for verb, extra in [
        ("lead", {}),
        ("roundup", {}),
        ("correction", {"correction_note": "Corrects the date in para 2."}),
        ("lead", {}),
    ]:
        client.post(new_version_url(article, verb), extra)
        newest = Version.objects.filter(article=article).latest()
        newest.publish(by=desk)
        labels.append(newest.label)
    assert labels == ["", "(LEAD)", "(ROUNDUP)", "(CORRECTED)", "(2nd LD)"]


def test_correction_requires_a_public_note(db, section, desk, client):
    original = published(section)
    desk_client = login(desk)
    response = desk_client.post(new_version_url(original.article, "correction"), {})
    assert response.status_code == 200
    assert response.context["form"].has_error("correction_note", code="required")
    assert original.article.versions.count() == 1
    desk_client.post(
        new_version_url(original.article, "correction"),
        {"correction_note": "Corrects the name of the minister."},
    )
    correction = original.article.versions.get(number=1)
    assert correction.label == "(CORRECTED)"
    correction.publish(by=desk)
    page = client.get(original.article.get_absolute_url()).content.decode()
    assert "Corrects the name of the minister." in page


def test_urgent_starts_a_one_paragraph_alert(db, section, desk):
    original = published(section, body="First paragraph.\n\nSecond.\n\nThird.")
    login(desk).post(new_version_url(original.article, "urgent"))
    urgent = original.article.versions.get(number=1)
    assert urgent.kind == VersionKind.URGENT and urgent.label == "(URGENT)"
    assert urgent.paragraphs == ["First paragraph."]


def test_roundup_folds_other_stories_in_when_it_is_published(db, section, desk, client):
    main = published(section, slug="Summit", headline="Leaders meet")
    side = published(section, slug="Summit-trade", headline="Trade deal signed")
    desk_client = login(desk)
    desk_client.post(new_version_url(main.article, "roundup"), {"fold_in": [side.article_id]})
    roundup = main.article.versions.get(number=1)
    assert roundup.label == "(ROUNDUP)"
    assert list(roundup.folds_in.all()) == [side.article]
    assert Article.objects.get(pk=side.article_id).folded_into is None  # not before publishing

    press(desk_client, roundup, "_publish")
    assert Article.objects.get(pk=side.article_id).folded_into == main.article
    assert side.article.audit_entries.filter(action="fold").exists()


def test_roundup_refuses_to_fold_in_a_story_that_is_not_live(db, section, desk):
    main = published(section, slug="Summit")
    unpublished = draft(section, slug="Summit-draft")
    response = login(desk).post(
        new_version_url(main.article, "roundup"), {"fold_in": [unpublished.article_id]}
    )
    assert response.status_code == 200
    assert response.context["form"].has_error("fold_in", code="invalid_choice")
    assert main.article.versions.count() == 1


def test_no_new_version_while_one_is_open_or_after_a_kill(db, section, desk):
    original = published(section)
    client = login(desk)
    client.post(new_version_url(original.article, "lead"))
    assert client.get(new_version_url(original.article, "lead")).status_code == 403
    other = published(section, slug="Killed")
    other.article.kill(by=desk, note="Withdrawn.")
    assert client.post(new_version_url(other.article, "lead")).status_code == 403
    assert other.article.versions.count() == 1


def test_article_page_offers_the_tools_only_when_they_apply(db, section, desk):
    original = published(section)
    client = login(desk)
    page = reverse("admin:articles_article_change", args=[original.article_id])
    html = client.get(page).content.decode()
    for title in ("Update (LEAD)", "Roundup", "Correction", "Urgent", ">Kill<", "Compare"):
        assert title in html
    follow_up(original, publish=False)
    html = client.get(page).content.decode()
    assert "Update (LEAD)" not in html and ">Kill<" in html


# --- the same verbs as bulk actions on the list ---------------------------------------------


def changelist_post(client, action: str, articles: list[Article], **extra):
    data = {"action": action, "_selected_action": [a.pk for a in articles], **extra}
    if "apply" not in extra:
        data["index"] = "0"
    return client.post(reverse("admin:articles_article_changelist"), data)


def test_update_action_starts_a_lead_on_each_selected_story(db, section, desk):
    stories = [published(section, slug=f"Story-{n}") for n in range(3)]
    follow_up(stories[2], publish=False)  # already has an open draft: skipped
    changelist_post(login(desk), "start_lead", [s.article for s in stories])
    assert [s.article.versions.count() for s in stories] == [2, 2, 2]
    assert [s.article.versions.latest().label for s in stories[:2]] == ["(LEAD)", "(LEAD)"]


def test_urgent_action_starts_urgents(db, section, desk):
    story = published(section)
    changelist_post(login(desk), "start_urgent", [story.article])
    assert story.article.versions.latest().label == "(URGENT)"


def test_correction_action_asks_for_the_note_first(db, section, desk):
    stories = [published(section, slug=f"Story-{n}") for n in range(2)]
    client = login(desk)
    asked = changelist_post(client, "start_correction", [s.article for s in stories])
    assert asked.status_code == 200 and 'name="correction_note"' in asked.content.decode()
    assert all(s.article.versions.count() == 1 for s in stories)
    refused = changelist_post(
        client, "start_correction", [s.article for s in stories], apply="1", correction_note=" "
    )
    assert refused.status_code == 200 and all(s.article.versions.count() == 1 for s in stories)
    changelist_post(
        client,
        "start_correction",
        [s.article for s in stories],
        apply="1",
        correction_note="Corrects the spelling of the minister's name.",
    )
    for s in stories:
        correction = s.article.versions.latest()
        assert correction.label == "(CORRECTED)"
        assert correction.correction_note == "Corrects the spelling of the minister's name."


def test_roundup_action_picks_the_carrier_and_folds_in_the_rest(db, section, desk):
    a, b, c = (published(section, slug=f"Strand-{n}") for n in range(3))
    client = login(desk)
    asked = changelist_post(client, "start_roundup", [a.article, b.article, c.article])
    assert 'name="roundup"' in asked.content.decode()
    response = changelist_post(
        client,
        "start_roundup",
        [a.article, b.article, c.article],
        apply="1",
        roundup=str(b.article_id),
    )
    roundup = b.article.versions.latest()
    assert response["Location"] == reverse("admin:articles_version_change", args=[roundup.pk])
    assert roundup.label == "(ROUNDUP)"
    assert {x.pk for x in roundup.folds_in.all()} == {a.article_id, c.article_id}
    roundup.publish(by=desk)
    assert Article.objects.get(pk=a.article_id).folded_into_id == b.article_id


def test_one_press_on_the_article_page_starts_a_lead(db, section, desk):
    original = published(section)
    client = login(desk)
    page = client.get(reverse("admin:articles_article_change", args=[original.article_id]))
    html = page.content.decode()
    lead_url = reverse("admin:articles_article_new_version", args=[original.article_id, "lead"])
    tool = html.split(f'action="{lead_url}"', 1)[1].split("</form>", 1)[0]
    assert 'title="Starts the next lead' in tool and "labelled (LEAD)" in tool
    assert "Update (LEAD)</button>" in tool
    response = client.post(lead_url, {"csrfmiddlewaretoken": "x"})
    lead = original.article.versions.latest()
    assert response.status_code == 302 and response["Location"] == reverse(
        "admin:articles_version_change", args=[lead.pk]
    )
    assert lead.label == "(LEAD)"
