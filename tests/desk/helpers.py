"""Drive the admin the way a browser does: read the rendered form, press a button."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

from django.test import Client
from django.urls import reverse


class FormReader(HTMLParser):
    """The fields (with their current values) and submit buttons of one <form>."""

    def __init__(self, form_id: str) -> None:
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.fields: dict[str, list[str]] = {}
        self.buttons: dict[str, str] = {}
        self._textarea: str | None = None
        self._select: str | None = None
        self._option: dict[str, Any] | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and a.get("id") == self.form_id:
            self.inside = True
            return
        if not self.inside:
            return
        if tag == "option":
            if self._select is not None and "selected" in a:
                self.fields[self._select].append(a.get("value", ""))
            return
        if not a.get("name"):
            return
        if tag == "input":
            kind = a.get("type", "text")
            if kind == "submit":
                self.buttons[a["name"]] = a.get("value", "")
            elif kind in ("checkbox", "radio"):
                if "checked" in a:
                    self.fields.setdefault(a["name"], []).append(a.get("value", "on"))
            else:
                self.fields.setdefault(a["name"], []).append(a.get("value", ""))
        elif tag == "textarea":
            self._textarea = a["name"]
            self._text = []
        elif tag == "select":
            self._select = a["name"]
            self.fields.setdefault(a["name"], [])

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form" and self.inside:
            self.inside = False
        elif tag == "textarea" and self._textarea is not None:
            text = "".join(self._text)
            # A browser drops the one newline right after <textarea>.
            self.fields.setdefault(self._textarea, []).append(text.removeprefix("\n"))
            self._textarea = None
        elif tag == "select":
            self._select = None


def read_form(html: str, form_id: str = "version_form") -> FormReader:
    reader = FormReader(form_id)
    reader.feed(html)
    return reader


def version_url(version: Any) -> str:
    return reverse("admin:articles_version_change", args=[version.pk])


def open_form(client: Client, version: Any) -> FormReader:
    response = client.get(version_url(version))
    assert response.status_code == 200, response.status_code
    return read_form(response.content.decode())


def publish_url(version: Any) -> str:
    return reverse("admin:articles_version_publish", args=[version.pk])


def confirm_publish(client: Client, version: Any) -> Any:
    """Press "Publish now" on the confirmation page, as it was shown."""
    page = client.get(publish_url(version))
    if page.status_code != 200:
        return page
    form = read_form(page.content.decode(), "publish_form")
    if "_confirm" not in form.buttons:  # refused (a photo without alt text …): shown why
        return page
    data = {k: list(v) for k, v in form.fields.items()} | {"_confirm": ["Publish now"]}
    return client.post(publish_url(version), data)


def press(
    client: Client,
    version: Any,
    button: str,
    form: FormReader | None = None,
    *,
    confirm: bool = True,
    **changes: Any,
) -> Any:
    """Open (or reuse) the version form, change some fields, press ``button``; "Publish
    now" is then confirmed on its page unless ``confirm`` is False."""
    form = form or open_form(client, version)
    data: dict[str, Any] = {k: list(v) for k, v in form.fields.items()}
    for name, value in changes.items():
        data[name] = value if isinstance(value, list) else [value]
    data[button] = ["x"]
    response = client.post(version_url(version), data)
    if (
        button == "_publish"
        and confirm
        and response.status_code == 302
        and response["Location"] == publish_url(version)
    ):
        return confirm_publish(client, version)
    return response
