"""A reader on a phone and on a desktop: front page, a story with its photos, search with
filters, the print view; screenshots of each go to var/test-output/screenshots/."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from articles.models import Keyword, Section
from tests.conftest import published

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
ROLES = ["Reporter", "Desk editor", "Photo editor", "Administrator"]

ALL_IMAGES_LOADED = "() => [...document.images].every(i => i.complete && i.naturalWidth > 0)"


def load_demo() -> None:
    # A transactional test may start from a flushed database, without the role groups the
    # migrations made; the demo files its accounts under them (no permissions needed here).
    for role in ROLES:
        Group.objects.get_or_create(name=role)
    call_command("load_demo", stdout=io.StringIO())


def collect_errors(page) -> list[str]:
    """Console errors (a CSP refusal, a failed script) and failed requests."""
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("requestfailed", lambda r: errors.append(f"failed: {r.url}"))
    return errors


def show_every_photo(page) -> None:
    """Scroll each lazy photo into view and wait until all images have loaded."""
    for figure in page.locator("img").all():
        figure.scroll_into_view_if_needed()
    page.wait_for_function(ALL_IMAGES_LOADED)


def test_readers_on_a_phone_and_a_desktop_go_from_the_front_page_to_stories(
    live_server, phone, desktop, screenshots
):
    load_demo()  # once for both: it makes real photos, which takes a while
    read_on_a_phone(live_server, phone, screenshots)
    read_on_a_desktop(live_server, desktop, screenshots)


def read_on_a_phone(live_server, phone, screenshots) -> None:
    """Front page, a story with its photos and (END), then its print view."""
    errors = collect_errors(phone)
    phone.goto(f"{live_server.url}/")
    expect(phone.get_by_role("heading", name="Top stories")).to_be_visible()
    show_every_photo(phone)
    phone.screenshot(path=screenshots / "phone-front.png", full_page=True)
    phone.keyboard.press("Tab")
    expect(phone.get_by_role("link", name="Skip to content")).to_be_focused()
    expect(phone.get_by_role("link", name="Skip to content")).to_be_in_viewport()

    lead = phone.locator(".lead-headline a")
    headline = lead.inner_text()
    lead.click()
    expect(phone.locator("h1")).to_have_text(headline)
    expect(phone.locator("h1")).to_have_count(1)
    captions = phone.locator("figure.photo figcaption")
    expect(captions.first).to_be_visible()
    expect(captions.first).to_contain_text("(Hanbit)")
    expect(phone.get_by_text("(END)", exact=True)).to_be_visible()
    expect(phone.get_by_role("link", name="KakaoTalk")).to_be_visible()
    show_every_photo(phone)
    phone.screenshot(path=screenshots / "phone-story.png", full_page=True)
    # Nothing overflows sideways on a narrow screen.
    assert phone.evaluate("() => document.documentElement.scrollWidth") <= 390

    phone.get_by_role("link", name="Print view").click()
    expect(phone.locator("h1")).to_have_text(headline)
    expect(phone.get_by_text("(END)", exact=True)).to_be_visible()
    expect(phone.get_by_role("button", name="Print")).to_be_visible()  # shown by site.js
    show_every_photo(phone)
    phone.screenshot(path=screenshots / "phone-print-view.png", full_page=True)
    phone.emulate_media(media="print")
    phone.screenshot(path=screenshots / "phone-print-as-printed.png", full_page=True)
    assert errors == []


def read_on_a_desktop(live_server, desktop, screenshots) -> None:
    """A story, then a keyword's page, a section's page, and its RSS feed."""
    errors = collect_errors(desktop)
    desktop.goto(f"{live_server.url}/")
    show_every_photo(desktop)
    desktop.screenshot(path=screenshots / "desktop-front.png", full_page=True)

    desktop.locator(".top-list .card-headline").first.click()
    expect(desktop.locator("h1")).to_have_count(1)
    expect(desktop.get_by_text("(END)", exact=True)).to_be_visible()
    show_every_photo(desktop)
    desktop.screenshot(path=screenshots / "desktop-story.png", full_page=True)

    keyword = desktop.locator(".keywords a").first
    name = keyword.inner_text().lstrip("#")
    keyword.click()
    expect(desktop.locator("h1")).to_have_text(name)
    assert desktop.locator(".card").count() >= 1

    desktop.get_by_role("navigation", name="Sections").get_by_role("link", name="National").click()
    expect(desktop.locator("h1")).to_have_text("National")
    desktop.screenshot(path=screenshots / "desktop-section.png", full_page=True)
    rss = desktop.get_by_role("link", name="RSS", exact=True).get_attribute("href")
    feed = desktop.request.get(f"{live_server.url}{rss}")
    assert feed.ok and b"<rss" in feed.body()
    assert errors == []


def test_a_reader_searches_and_narrows_by_section_and_date(
    live_server, browser, desktop, screenshots
):
    national = Section.objects.create(name="National", slug="national", order=1)
    sports = Section.objects.create(name="Sports", slug="sports", order=2)
    ferries = Keyword.objects.create(name="ferries", slug="ferries")
    old = timezone.now() - dt.timedelta(days=40)
    published(national, slug="Ferry-a", headline="Ferry service resumes after repairs")
    published(sports, slug="Ferry-b", headline="Rowers race the ferry across the bay")
    published(national, slug="Ferry-c", headline="Ferry fares frozen for a year", at=old)
    for i in range(3):
        published(national, slug=f"Other-{i}", headline=f"Library branch {i} opens")
    ferries.articles.add(*Section.objects.get(slug="national").articles.all())

    errors = collect_errors(desktop)
    desktop.goto(f"{live_server.url}/")
    desktop.get_by_role("searchbox", name="Search stories").fill("ferry")
    desktop.get_by_role("searchbox", name="Search stories").press("Enter")
    expect(desktop.locator("h1")).to_have_text("Search")
    expect(desktop.locator(".results h2")).to_have_text("3 stories found")

    desktop.locator(".filters summary").click()  # the filters fold away until used
    desktop.get_by_label("Section", exact=True).select_option("national")
    desktop.get_by_role("button", name="Apply filters").click()
    expect(desktop.locator(".results h2")).to_have_text("2 stories found")
    assert "section=national" in desktop.url and "q=ferry" in desktop.url

    since = timezone.localdate() - dt.timedelta(days=7)
    desktop.get_by_label("From", exact=True).fill(since.isoformat())  # open: a filter is on
    desktop.get_by_role("button", name="Apply filters").click()
    expect(desktop.locator(".results h2")).to_have_text("1 story found")
    expect(desktop.locator(".results .card-headline")).to_have_text(
        "Ferry service resumes after repairs"
    )
    desktop.screenshot(path=screenshots / "desktop-search.png", full_page=True)
    assert errors == []

    desktop.goto(f"{live_server.url}/search/?since=not-a-date")  # a 400 with the reason
    expect(desktop.get_by_role("alert")).to_be_visible()
    expect(desktop.locator(".field-error")).to_contain_text("Enter a valid date")

    context = browser.new_context(
        viewport={"width": 390, "height": 844}, device_scale_factor=2, java_script_enabled=False
    )
    phone = context.new_page()
    phone.goto(f"{live_server.url}/search/?q=ferry&section=national")
    expect(phone.locator(".results h2")).to_have_text("2 stories found")
    phone.screenshot(path=screenshots / "phone-search.png", full_page=True)
    phone.locator(".results .card-headline").first.click()  # works without JavaScript
    expect(phone.get_by_role("link", name="Copy link")).to_have_attribute(
        "href", f"{live_server.url}{phone.url.removeprefix(live_server.url)}"
    )
    context.close()
