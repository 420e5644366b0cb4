"""The desk's day in a real browser (Chromium through Playwright), as each role.

A reporter drafts and submits; the desk publishes (confirming what subscribers will get),
starts a LEAD and sees the advisory follow the edit, publishes; the photo editor uploads a
JPEG with IPTC fields and captions it; two editors conflict and nothing is lost; a working
copy survives a closed tab. Screenshots go to var/test-output/screenshots/.
"""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from playwright.sync_api import Page, expect

from articles.models import AuditEntry, Caption, Section, Status, Version, VersionKind
from photos.models import Photo
from tests.conftest import draft, make_user, published
from tests.photos import images

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
WIDE = {"width": 1440, "height": 900}


@pytest.fixture
def section(db) -> Section:
    return Section.objects.get_or_create(slug="national", defaults={"name": "National"})[0]


@pytest.fixture
def people(db) -> dict:
    assert Group.objects.get(name="Desk editor").permissions.exists()  # roles from migrations
    return {
        "reporter": make_user("kim", "Reporter", first_name="Kim", last_name="Reporter"),
        "desk": make_user("lee", "Desk editor", first_name="Lee", last_name="Desk"),
        "desk2": make_user("park", "Desk editor", first_name="Park", last_name="Desk"),
        "photo": make_user("choi", "Photo editor", first_name="Choi", last_name="Photo"),
    }


def as_user(browser, live_server, user) -> Page:
    """A new browser window logged in as ``user`` (the session cookie of a test client)."""
    client = Client()
    client.force_login(user)
    context = browser.new_context(viewport=WIDE)
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page = context.new_page()
    errors: list[str] = []
    # Script errors (a CSP refusal, an exception) and any server error; a refusal the
    # desk answers on purpose (the 409 of a conflict) is a page, not an error.
    page.on(
        "console",
        lambda m: (
            errors.append(m.text)
            if m.type == "error" and not m.text.startswith("Failed to load resource")
            else None
        ),
    )
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("response", lambda r: errors.append(f"{r.status} {r.url}") if r.status >= 500 else None)
    page.errors = errors  # type: ignore[attr-defined]
    return page


def no_script_errors(page: Page) -> None:
    assert page.errors == [], page.errors  # type: ignore[attr-defined]


def body_field(page: Page):
    return page.locator("textarea#id_body")


# --- reporter drafts and submits; the desk publishes, starts a LEAD, publishes ------------


def test_reporter_drafts_and_submits_then_the_desk_publishes_and_leads(
    live_server, browser, people, section, screenshots
):
    reporter = as_user(browser, live_server, people["reporter"])
    reporter.goto(f"{live_server.url}/admin/articles/article/add/")
    reporter.fill("#id_slug", "Harbour-reopens")
    reporter.select_option("#id_section", label="National")
    reporter.fill("#id_headline", "Busan harbour reopens after storm")
    reporter.get_by_role("button", name="Save", exact=True).click()
    expect(reporter.locator("#id_headline")).to_have_value("Busan harbour reopens after storm")
    body_field(reporter).fill(
        "Busan harbour reopened on Monday after the storm.\n\nFerries resumed at noon."
    )
    reporter.fill("#id_dateline_place", "BUSAN")
    reporter.get_by_role("button", name="Submit to desk").click()
    expect(reporter.locator(".messagelist")).to_contain_text("Submitted to the desk")
    no_script_errors(reporter)

    desk = as_user(browser, live_server, people["desk"])
    desk.goto(f"{live_server.url}/admin/articles/article/?state=submitted")
    desk.get_by_role("link", name="Busan harbour reopens after storm").click()
    desk.get_by_role("button", name="Publish now").click()
    expect(desk.locator(".desk-wire-head")).to_contain_text("Harbour-reopens")
    expect(desk.locator(".desk-wire-head")).to_contain_text("Busan harbour reopens after storm")
    desk.screenshot(path=screenshots / "desk-publish-confirm.png", full_page=True)
    desk.get_by_role("button", name="Publish now").click()
    expect(desk.locator(".messagelist")).to_contain_text("Published")

    # A LEAD: the advisory follows the edit as it is typed, before any save.
    desk.get_by_role("button", name="Update (LEAD)").click()  # one press starts the draft
    suggestion = desk.locator(".field-suggested_advisory .readonly")
    expect(suggestion).to_have_text("no changes yet")
    body_field(desk).press("Control+End")
    body_field(desk).press_sequentially("\n\nThe port authority expects full traffic by Friday.")
    expect(suggestion).to_have_text("(ATTN: ADDS more info in para 3)")
    desk.fill("#id_headline", "Busan harbour back to full traffic by Friday")
    expect(suggestion).to_have_text("(ATTN: ADDS more info in para 3; CHANGES headline)")
    desk.screenshot(path=screenshots / "desk-lead-advisory.png", full_page=True)
    desk.get_by_role("button", name="Publish now").click()
    head = desk.locator(".desk-wire-head")
    expect(head).to_contain_text("(LEAD) Harbour-reopens")
    expect(head).to_contain_text("(ATTN: ADDS more info in para 3; CHANGES headline)")
    desk.get_by_role("button", name="Publish now").click()
    expect(desk.locator(".messagelist")).to_contain_text("Published")
    no_script_errors(desk)

    lead = Version.objects.get(article__slug="Harbour-reopens", number=1)
    assert lead.status == Status.PUBLISHED and lead.kind == VersionKind.LEAD
    assert lead.advisory == "(ATTN: ADDS more info in para 3; CHANGES headline)"


# --- the photo editor uploads a JPEG with IPTC fields and captions it -----------------------


def test_photo_editor_uploads_a_jpeg_with_iptc_fields_and_captions_it(
    live_server, browser, people, section, screenshots, tmp_path
):
    story = draft(section, by=people["desk"], slug="Harbour", headline="Harbour reopens")
    jpeg = tmp_path / "harbour.jpg"
    jpeg.write_bytes(
        images.make_jpeg(
            640,
            400,
            iptc={
                "caption": "Ferries return to Busan harbour on Jan. 5, 2026.",
                "byline": "Choi Photo",
                "credit": "Hanbit",
            },
        )
    )
    photo_page = as_user(browser, live_server, people["photo"])
    photo_page.goto(f"{live_server.url}/admin/photos/photo/add/")
    photo_page.set_input_files("input[type=file]", str(jpeg))
    photo_page.get_by_role("button", name="Upload").click()
    expect(photo_page.locator("#id_description")).to_have_value(
        "Ferries return to Busan harbour on Jan. 5, 2026."
    )
    photo_page.fill("#id_alt_text", "Two white ferries at a quay")
    photo_page.get_by_role("button", name="Save", exact=True).click()
    photo = Photo.objects.get()
    assert photo.photographer == "Choi Photo" and photo.alt_text == "Two white ferries at a quay"

    photo_page.goto(f"{live_server.url}/admin/articles/version/{story.pk}/change/")
    photo_page.locator("#captions-group .add-row a").click()
    photo_page.locator("#captions-group .select2-selection").last.click()
    photo_page.locator(".select2-search__field").fill("Ferries")
    photo_page.locator(".select2-results__option", has_text="Ferries return").click()
    text = photo_page.locator("textarea[name='captions-0-text']")
    alt = photo_page.locator("input[name='captions-0-alt_text']")
    expect(text).to_have_value("Ferries return to Busan harbour on Jan. 5, 2026.")
    expect(alt).to_have_value("Two white ferries at a quay")
    # The captions fit a 1,440 px screen: alt text in view, no sideways scrolling.
    alt.scroll_into_view_if_needed()
    box = alt.bounding_box()
    assert box is not None and box["x"] + box["width"] <= WIDE["width"]
    assert photo_page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    photo_page.screenshot(path=screenshots / "desk-caption-filled.png", full_page=True)
    text.fill("Ferries return to Busan harbour on Monday.")
    photo_page.get_by_role("button", name="Save and keep editing").click()
    expect(photo_page.locator(".messagelist")).to_contain_text("was changed successfully")
    caption = Caption.objects.get(version=story)
    assert caption.text == "Ferries return to Busan harbour on Monday."
    assert caption.alt_text == "Two white ferries at a quay"

    # Replacing the photo of a caption asks before keeping the old words.
    Photo.objects.create(description="Cranes load containers in Busan.", alt_text="Cranes")
    photo_page.locator("#captions-group .select2-selection").first.click()
    photo_page.locator(".select2-search__field").fill("Cranes")
    photo_page.locator(".select2-results__option", has_text="Cranes load").click()
    prompt = photo_page.locator(".desk-caption-prompt")
    expect(prompt).to_contain_text("You chose another photo")
    prompt.get_by_role("button", name="Keep the words below").click()
    expect(prompt).to_have_count(0)
    expect(text).to_have_value("Ferries return to Busan harbour on Monday.")
    no_script_errors(photo_page)


# --- two editors at once: the second is refused, sees both, and loses nothing --------------


def test_two_editors_conflict_and_nothing_is_lost(
    live_server, browser, people, section, screenshots
):
    story = draft(
        section, by=people["desk"], slug="Vote", headline="Polls open", body="Polls opened at 6."
    )
    url = f"{live_server.url}/admin/articles/version/{story.pk}/change/"
    first, second = (
        as_user(browser, live_server, people["desk"]),
        as_user(browser, live_server, people["desk2"]),
    )
    first.goto(url)
    second.goto(url)
    body_field(first).fill("Polls opened at 6.\n\nTurnout was 12 percent by 9.")
    first.get_by_role("button", name="Save and keep editing").click()
    expect(first.locator(".messagelist")).to_contain_text("was changed successfully")

    body_field(second).fill("Polls opened at 6 a.m. across the country.")
    second.get_by_role("button", name="Save and keep editing").click()
    conflict = second.locator("#desk-conflict")
    expect(conflict).to_contain_text("Your save was refused")
    expect(conflict).to_contain_text("Theirs: saved by Lee Desk")
    expect(conflict).to_contain_text("Turnout was 12 percent")
    expect(body_field(second)).to_have_value("Polls opened at 6 a.m. across the country.")
    second.screenshot(path=screenshots / "desk-conflict.png", full_page=True)

    # Merge by hand: their paragraph joins mine, then save.
    body_field(second).fill(
        "Polls opened at 6 a.m. across the country.\n\nTurnout was 12 percent by 9."
    )
    second.get_by_role("button", name="Save and keep editing").first.click()
    expect(second.locator(".messagelist")).to_contain_text("was changed successfully")
    saved = Version.objects.get(pk=story.pk)
    assert saved.paragraphs == [
        "Polls opened at 6 a.m. across the country.",
        "Turnout was 12 percent by 9.",
    ]
    refused = AuditEntry.objects.get(version=story, action="edit refused")
    assert "Polls opened at 6 a.m. across the country." in refused.note
    no_script_errors(first)


# --- a working copy survives a closed tab ----------------------------------------------------


def test_a_working_copy_survives_a_closed_tab(live_server, browser, people, section):
    lead = published(section, by=people["desk"], slug="Quake", headline="Quake hits")
    lead = lead.article.new_version(by=people["desk"], kind=VersionKind.LEAD)
    url = f"{live_server.url}/admin/articles/version/{lead.pk}/change/"
    editor = as_user(browser, live_server, people["desk"])
    editor.goto(url)
    typed = "A magnitude 5.1 quake hit the southeast on Monday, officials said."
    body_field(editor).click()
    body_field(editor).fill(typed)
    expect(editor.locator("#desk-working-copy-status")).to_contain_text("kept as you type")

    # Leaving with unsaved changes asks first; then the tab is closed all the same.
    with editor.expect_event("dialog") as asked:
        editor.close(run_before_unload=True)
    assert asked.value.type == "beforeunload"
    asked.value.dismiss()  # "stay on the page"
    editor.close()
    assert Version.objects.get(pk=lead.pk).body != typed  # never saved as the version

    again = as_user(browser, live_server, people["desk"])
    again.goto(url)
    notice = again.locator("#desk-working-copy")
    expect(notice).to_contain_text("never saved")
    notice.get_by_role("button", name="Restore them").click()
    expect(body_field(again)).to_have_value(typed)
    again.get_by_role("button", name="Save and keep editing").click()
    expect(again.locator(".messagelist")).to_contain_text("was changed successfully")
    assert Version.objects.get(pk=lead.pk).paragraphs == [typed]
    expect(again.locator("#desk-working-copy")).to_have_count(0)
    assert re.search(r"desk-working-copy\.js", again.content())
    no_script_errors(again)
