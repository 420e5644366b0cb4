"""Every public page type at 1,280 and 390 px, as a new reader would see it: axe-core
finds no serious or critical accessibility violation on any of them, and each is
screenshotted to var/test-output/screenshots/<width>-<page>.png.

Then, on the same newsroom: the identity (logo, icons, share images), listings that
read like a news site, search for people and phrases, a tall lead photo that leaves the
first paragraph in view, and a version permalink whose Print and Copy link act on it.
"""

from __future__ import annotations

import io
from pathlib import Path
from urllib.parse import quote

import pytest
from PIL import Image
from playwright.sync_api import expect

from articles.models import Article, Version
from tests.browser.test_reader_site import collect_errors, load_demo, show_every_photo

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
VIEWPORTS = {"1280": {"width": 1280, "height": 800}, "390": {"width": 390, "height": 844}}
SEVERE = ("serious", "critical")
# axe's own findings, summarised: rule, impact, and the first few elements it names.
RUN_AXE = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 3).map(n => n.target.join(" ")),
  }));
}"""


@pytest.fixture
def axe_source() -> str:
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `npm ci` (make test does).")
    return AXE.read_text()


def new_page(browser, viewport: str, axe_source: str, **options):
    phone = viewport == "390"
    context = browser.new_context(
        viewport=VIEWPORTS[viewport],
        device_scale_factor=2 if phone else 1,
        is_mobile=phone,
        **options,
    )
    # Injected by the browser itself, before the page's scripts: no CSP exception needed.
    context.add_init_script(script=axe_source)
    return context, context.new_page()


def newsroom() -> dict:
    """The demo newsroom plus a killed story; the stories each page type is shown with."""
    load_demo()
    live = Version.objects.live().select_related("article").order_by("-publish_at")
    updated = next(v for v in live if v.number >= 1 and v.article.keywords.exists())
    writer = next(b.writer for v in live for b in v.bylines.all())
    victim = next(v for v in live if v.pk != updated.pk and v.article.top_order is None)
    victim.article.kill(by=None, note="Withdrawn at the source's request.")
    tall = next(
        v
        for v in Version.objects.live().prefetch_related("captions__photo")
        for c in v.captions.all()[:1]
        if c.after_paragraph == 0 and c.photo.height > c.photo.width
    )
    bare = next(v for v in Version.objects.live() if not v.captions.exists())
    code = updated.article.code
    return {
        "updated": updated,
        "writer": writer,
        "tall": tall,
        "bare": bare,
        "urls": {
            "front": "/",
            "section": "/section/national/",
            "keyword": updated.article.keywords.first().get_absolute_url(),
            "writer": writer.get_absolute_url(),
            "search": f"/search/?q={quote(writer.name)}",
            "story": updated.article.get_absolute_url(),
            "version": f"/article/{code}/v0/",
            "history": f"/article/{code}/history/",
            "print": f"/article/{code}/print/",
            "404": "/no-such-page/",
            "410": victim.article.get_absolute_url(),
        },
    }


def test_every_page_type_is_accessible_at_both_widths(
    live_server, browser, axe_source, screenshots
):
    site = newsroom()
    severe: dict[str, list] = {}
    for viewport in VIEWPORTS:
        context, page = new_page(browser, viewport, axe_source)
        errors = collect_errors(page)
        for name, url in site["urls"].items():
            response = page.goto(f"{live_server.url}{url}")
            expected = {"404": 404, "410": 410}.get(name, 200)
            assert response.status == expected, (name, response.status)
            expect(page.locator("h1")).to_have_count(1)
            show_every_photo(page)
            found = [v for v in page.evaluate(RUN_AXE) if v["impact"] in SEVERE]
            if found:
                severe[f"{viewport} {name}"] = found
            page.screenshot(path=screenshots / f"{viewport}-{name}.png", full_page=True)
            assert page.evaluate("() => document.documentElement.scrollWidth") <= int(viewport)
        context.close()
        # The 404 and 410 pages log their status; nothing else may fail or be refused.
        assert [e for e in errors if "404" not in e and "410" not in e] == []
    assert severe == {}, severe


def test_identity_logo_icons_and_share_images(live_server, browser, axe_source):
    site = newsroom()
    context, page = new_page(browser, "1280", axe_source)
    page.goto(f"{live_server.url}/")
    logo = page.get_by_role("link", name="Hanbit News Agency").locator("img")
    expect(logo).to_be_visible()
    assert logo.evaluate("img => img.naturalWidth") > 0
    for rel in ["icon", "apple-touch-icon"]:
        for href in page.locator(f'link[rel="{rel}"]').evaluate_all("ls => ls.map(l => l.href)"):
            assert page.request.get(href).ok, href
    assert page.request.get(f"{live_server.url}/favicon.ico").ok
    # A story without a photo shares a generated 1200 x 630 card.
    page.goto(f"{live_server.url}{site['bare'].article.get_absolute_url()}")
    card = page.locator('meta[property="og:image"]').get_attribute("content")
    assert card.endswith("/card.png")
    with Image.open(io.BytesIO(page.request.get(card).body())) as image:
        assert image.size == (1200, 630)
    ld = page.locator('script[type="application/ld+json"]').text_content()
    assert "publisher-logo.png" in ld and card in ld
    # A story with a photo shares the photo.
    page.goto(f"{live_server.url}{site['tall'].article.get_absolute_url()}")
    photo = page.locator('meta[property="og:image"]').get_attribute("content")
    assert "/media/photos/" in photo and page.request.get(photo).ok
    context.close()


def test_listings_read_like_a_news_site(live_server, browser, axe_source):
    newsroom()
    context, page = new_page(browser, "1280", axe_source)
    page.goto(f"{live_server.url}/section/national/")
    cards = page.locator(".listing .card")
    assert cards.count() >= 2
    expect(cards.locator(".card-thumb").first).to_be_visible()
    expect(cards.locator(".card-summary").first).to_be_visible()
    expect(cards.locator("time").first).to_contain_text("KST")
    assert page.request.get(f"{live_server.url}/section/national/?page=99").status == 404
    page.goto(f"{live_server.url}/search/?since=2026-02-01&until=2026-01-01")
    expect(page.get_by_role("alert")).to_be_visible()
    expect(page.locator(".field-until .field-error")).to_contain_text("before the “From” date")
    context.close()


def test_search_finds_people_and_phrases(live_server, browser, axe_source):
    site = newsroom()
    writer = site["writer"]
    context, page = new_page(browser, "390", axe_source)
    page.goto(f"{live_server.url}/search/")
    page.get_by_role("searchbox", name="Words").fill(writer.name_ko or writer.name)
    page.get_by_role("button", name="Search", exact=True).last.click()
    writers = page.get_by_role("region", name="Writers")
    expect(writers.get_by_role("link", name=writer.name)).to_be_visible()
    expect(page.locator(".results .card").first).to_be_visible()

    words = site["updated"].headline.split()[:2]
    page.get_by_role("searchbox", name="Words").fill(f'"{" ".join(words)}"')
    page.get_by_label("Sort by").select_option("newest")
    page.get_by_role("button", name="Search", exact=True).last.click()
    assert "sort=newest" in page.url
    expect(page.locator(".results .card").first).to_be_visible()
    expect(page.locator(".results mark").first).to_be_visible()
    context.close()


def test_a_tall_lead_photo_leaves_the_first_paragraph_in_view(live_server, browser, axe_source):
    site = newsroom()
    for viewport, size in VIEWPORTS.items():
        context, page = new_page(browser, viewport, axe_source)
        page.goto(f"{live_server.url}{site['tall'].article.get_absolute_url()}")
        show_every_photo(page)
        first = page.locator(".story-body > p").first
        assert first.bounding_box()["y"] + 24 <= size["height"], viewport  # a line shows
        lead = page.locator("figure.photo-lead")
        expect(lead).to_have_class("photo photo-lead photo-tall")
        full = lead.locator("a.photo-frame").get_attribute("href")
        assert page.request.get(f"{live_server.url}{full}").ok  # the full image, one tap
        context.close()


def test_a_version_permalink_prints_and_copies_that_version(live_server, browser, axe_source):
    site = newsroom()
    code = site["updated"].article.code
    first = Version.objects.get(article__code=code, number=0)
    permalink = f"{live_server.url}/article/{code}/v0/"
    context, page = new_page(browser, "1280", axe_source)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page.goto(permalink)
    expect(page.get_by_text("This is an earlier version of this story.")).to_be_visible()
    page.get_by_role("link", name="Copy link").click()
    expect(page.locator(".share-status")).to_have_text("Link copied")
    assert page.evaluate("() => navigator.clipboard.readText()") == permalink
    page.get_by_role("link", name="Print view").click()
    assert page.url == f"{permalink}print/"
    expect(page.locator("h1")).to_have_text(first.display_headline)
    expect(page.locator(".print-url")).to_have_text(permalink)
    expect(page.get_by_role("button", name="Print")).to_be_visible()
    assert Article.objects.filter(code=code).exists()
    context.close()
