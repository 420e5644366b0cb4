"""Playwright driving Debian's Chromium against pytest-django's live server.

The tests skip, saying why, only when /usr/bin/chromium is missing
(`apt-get install chromium`; CI installs it in .ci/run).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.cache import cache

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-gpu",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "test-output" / "screenshots"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}


@pytest.fixture
def browser(monkeypatch) -> Iterator:
    """A fresh Chromium for each test, started after the test's database is ready."""
    if not CHROMIUM.exists():
        pytest.skip(f"No Chromium at {CHROMIUM}: run `apt-get install -y chromium` to run these.")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop running in this thread while it is open;
    # the ORM calls the tests make between browser steps are plain synchronous code all
    # the same. Per test, so the loop never outlives the test (or reaches other tests).
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(autouse=True)
def _live_site(settings):
    settings.ROOT_URLCONF = "tests.browser.urls"
    cache.clear()  # no page cached by an earlier test
    yield
    cache.clear()


@pytest.fixture
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True)
    yield context.new_page()
    context.close()


@pytest.fixture
def desktop(browser):
    context = browser.new_context(viewport=DESKTOP)
    yield context.new_page()
    context.close()
