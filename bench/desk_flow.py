"""Clicks and server time of two desk verbs, driven like a browser with the test client.

    .venv/bin/python -m bench.desk_flow [--runs 7]

"Start a LEAD, edit, publish" and "start a correction, publish", from the article list of a
desk editor. A click is one thing the editor presses (a link, a button, a confirmation);
typing is not a click. Server time is the sum over the requests a click causes (redirects
followed), timed around ``client.get``/``client.post`` in process (SQLite in memory, the
project's settings otherwise). Each flow runs on its own story; the median is printed.

The flows find links and buttons by their text in the rendered pages, so the same script
measures the desk before and after a change of its pages.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import time
from html import unescape
from typing import Any

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test.utils import setup_test_environment

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.DEBUG = False
    setup_test_environment()
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    results = {"lead": [], "correction": []}
    for run in range(args.runs):
        for flow in results:
            results[flow].append(run_flow(flow, run))
    print(f"{'flow':<34}{'clicks':>7}{'requests':>10}{'queries':>9}{'server ms (median)':>20}")
    for flow, runs in results.items():
        clicks = {r["clicks"] for r in runs}
        requests = {r["requests"] for r in runs}
        queries = statistics.median(r["queries"] for r in runs)
        ms = statistics.median(r["ms"] for r in runs)
        name = {"lead": "start a LEAD, edit, publish", "correction": "start a correction, publish"}
        print(
            f"{name[flow]:<34}{'/'.join(map(str, clicks)):>7}"
            f"{'/'.join(map(str, requests)):>10}{queries:>9.0f}{ms:>20.1f}"
        )
        for step in runs[-1]["steps"]:
            print(f"    {step}")


class Browser:
    """The test client, counting clicks and timing each request (redirects followed)."""

    def __init__(self, client: Any) -> None:
        self.client = client
        self.clicks = 0
        self.requests = 0
        self.seconds = 0.0
        self.queries = 0
        self.steps: list[str] = []
        self.html = ""
        self.url = ""

    def _request(self, method: str, url: str, data: Any = None) -> None:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        while True:
            with CaptureQueriesContext(connection) as queries:
                t0 = time.perf_counter()
                response = (
                    getattr(self.client, method)(url, data)
                    if data is not None
                    else getattr(self.client, method)(url)
                )
                self.seconds += time.perf_counter() - t0
            self.queries += len(queries)
            self.requests += 1
            if response.status_code in (301, 302, 303):
                url, method, data = response["Location"], "get", None
                continue
            assert response.status_code == 200, (url, response.status_code)
            self.html, self.url = response.content.decode(), url
            return

    def _click(self, step: str, method: str, url: str, data: Any = None) -> None:
        self.clicks += 1
        before, requests, queries = self.seconds, self.requests, self.queries
        self._request(method, url, data)
        ms = (self.seconds - before) * 1000
        self.steps.append(
            f"{step}: {self.requests - requests} request(s), "
            f"{self.queries - queries} queries, {ms:.0f} ms"
        )

    def click_link(self, text: str) -> None:
        for href, inner in re.findall(r'<a [^>]*href="([^"]+)"[^>]*>(.*?)</a>', self.html, re.S):
            if unescape(re.sub(r"<[^>]+>", "", inner)).strip().startswith(text):
                self._click(f"click link {text!r}", "get", unescape(href))
                return
        raise AssertionError(f"no link {text!r} on {self.url}")

    def press(self, label: str, changes: dict[str, str] | None = None) -> None:
        """Press the submit button whose label starts with ``label``, in the form holding it."""
        from tests.desk.helpers import FormReader

        for match in re.finditer(r"<form\b[^>]*>.*?</form>", self.html, re.S):
            form_html = match.group(0)
            buttons = re.findall(r'<input\b[^>]*type="submit"[^>]*>', form_html) + [
                f'{tag[:-1]} value="{text}">'
                for tag, text in re.findall(r"(<button\b[^>]*>)(.*?)</button>", form_html, re.S)
            ]
            for button in buttons:
                value = re.search(r'value="([^"]*)"', button)
                if not value or not unescape(value.group(1)).startswith(label):
                    continue
                reader = FormReader(form_id="_")
                reader.inside = True
                reader.feed(form_html.split(">", 1)[1])
                data = {k: list(v) for k, v in reader.fields.items()}
                for name, value_ in (changes or {}).items():
                    data[name] = [value_]
                name = re.search(r'name="([^"]*)"', button)
                if name:
                    data[name.group(1)] = [unescape(value.group(1))]
                action = re.search(r'action="([^"]*)"', match.group(0)[:300])
                url = unescape(action.group(1)) if action and action.group(1) else self.url
                self._click(f"press {label!r}", "post", url, data)
                return
        raise AssertionError(f"no button {label!r} on {self.url}")


def story(run: int, flow: str) -> Any:
    import datetime as dt

    from django.utils import timezone

    from articles.models import Article, Caption, Section, VersionWriter, Writer
    from photos.models import Photo

    section = Section.objects.get_or_create(slug="national", defaults={"name": "National"})[0]
    writer = Writer.objects.get_or_create(slug="kim", defaults={"name": "Kim Eun-jung"})[0]
    body = "\n\n".join(
        f"Paragraph {n} of the story says something the desk will update later." for n in range(8)
    )
    version = Article.start(
        by=None,
        slug=f"Bench-{flow}-{run}",
        section=section,
        headline="Lee, Xi share view on peninsula",
        body=body,
        dateline_place="BEIJING",
        dateline_date=dt.date(2026, 1, 5),
    )
    VersionWriter.objects.create(version=version, writer=writer, position=0)
    for n in range(2):
        photo = Photo.objects.create(description=f"Leaders meet {n}", alt_text=f"Two men {n}")
        Caption.objects.create(version=version, photo=photo, order=n, text=f"Leaders meet {n}")
    version.publish(by=None, at=timezone.now() - dt.timedelta(minutes=5))
    return version.article


def run_flow(flow: str, run: int) -> dict[str, Any]:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.test import Client
    from django.urls import reverse

    article = story(run, flow)
    User = get_user_model()
    user = User.objects.filter(username="bench-desk").first()
    if user is None:
        user = User.objects.create_user("bench-desk", password=None, is_staff=True)
        user.groups.add(Group.objects.get(name="Desk editor"))
    client = Client()
    client.force_login(user)
    browser = Browser(client)
    browser._request("get", reverse("admin:articles_article_changelist"))
    browser.requests, browser.seconds, browser.queries = 0, 0.0, 0  # the editor starts here
    browser.click_link(article.code)
    if flow == "lead":
        if re.search(r"<button[^>]*>Update \(LEAD\)</button>", browser.html):
            browser.press("Update (LEAD)")  # one press starts the draft
        else:
            browser.click_link("Update (LEAD)")
            browser.press("Start (LEAD)")
        body = article.newest_version.body + "\n\nA new paragraph the desk added for the lead."
        browser.press("Publish now", {"body": body, "headline": "Lee, Xi agree on peninsula"})
    else:
        browser.click_link("Correction")
        browser.press("Start (CORRECTED)", {"correction_note": "Corrects the year in para 2."})
        body = article.newest_version.body.replace("Paragraph 1", "Para 1")
        browser.press("Publish now", {"body": body})
    if "/publish/" in browser.url:  # "Publish now" is confirmed on its own page
        browser.press("Publish now")
    article.refresh_from_db()
    newest = article.newest_version
    assert newest.number == 1 and newest.status == "published", (flow, newest.status)
    return {
        "clicks": browser.clicks,
        "requests": browser.requests,
        "ms": browser.seconds * 1000,
        "queries": browser.queries,
        "steps": browser.steps,
    }


if __name__ == "__main__":
    sys.exit(main())
