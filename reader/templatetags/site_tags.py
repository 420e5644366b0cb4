"""Template helpers for the public site: navigation, photos in listings, the story body,
share links and machine-readable metadata.

Nothing here reads the session or the user: public pages are the same for everyone.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any
from urllib.parse import quote, urlencode

from django import template
from django.conf import settings
from django.core.files.storage import default_storage
from django.core.serializers.json import DjangoJSONEncoder
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from articles.models import Caption, Version
from reader import fragments, freshness, public

register = template.Library()

# The same escapes Django's json_script uses, so no text can close the <script> element.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}
DESCRIPTION_CHARS = 300
# Where a search result's snippet goes in its kept card.
SNIPPET_SLOT = mark_safe("<!--snippet-->")


@register.simple_tag(takes_context=True)
def section_nav(context: template.Context) -> SafeString:
    """The header's list of sections, the page's own marked current: written once for
    each section marked (and again only when a section is edited: REFERENCE)."""
    current = context.get("current_section")
    vary = (freshness.generation(freshness.REFERENCE), current and current.pk)
    return fragments.kept(
        "nav",
        vary,
        lambda: render_to_string(
            "articles/_section_nav.html", {"sections": public.sections(), "current": current}
        ),
    )


@register.simple_tag
def card(
    version: Version,
    *,
    show_section: bool = False,
    no_photo: bool = False,
    no_summary: bool = False,
    lead: bool = False,
) -> SafeString:
    """One story's card in a listing (articles/_card.html; ``lead``: the front page's
    lead story, articles/_lead.html), rendered once per version.

    A published version never changes, so its card is kept in the "fragments" cache under
    what else it shows: the section's name and its photos as last edited. A page that
    misses the page cache (every new generation) is then mostly cards already written.
    A search result's card is the same card kept with a slot where its snippet goes.
    """
    snippet = getattr(version, "snippet", None)
    context = {
        "version": version,
        "show_section": show_section,
        "no_photo": no_photo,
        "no_summary": no_summary,
        "snippet": SNIPPET_SLOT if snippet else None,
    }
    template_name = "articles/_lead.html" if lead else "articles/_card.html"
    if not version.is_published:
        return render_to_string(template_name, context | {"snippet": snippet})
    # What else it shows: the section's name, and its photos as last edited (listings
    # read when; elsewhere the lead photo itself is looked at).
    if no_photo:
        photos = None
    elif hasattr(version, "photos_changed_at"):
        photos = version.photos_changed_at
    else:
        caption = lead_caption(version)
        photos = caption and (caption.photo_id, caption.photo.updated_at)
    vary = (
        version.pk,
        version.article.section.name,
        show_section,
        no_photo,
        no_summary,
        bool(snippet),
        photos,
    )

    def render() -> str:
        shown = fragments.whole(version)
        if not no_photo:
            # And the rest of its listing's, in one query (the lead story: its own).
            fragments.with_captions(shown, listing=not lead)
        return render_to_string(template_name, context | {"version": shown})

    html = fragments.kept("lead" if lead else "card", vary, render)
    # The snippet was escaped when it was cut (reader.search.snippet).
    return mark_safe(html.replace(SNIPPET_SLOT, snippet)) if snippet else html  # noqa: S308


@register.simple_tag(takes_context=True)
def story_part(context: template.Context, part: str) -> SafeString:
    """One part of the story page, kept once per version on the live story's page."""
    return fragments.story_part(context, part)


@register.simple_tag(takes_context=True)
def absolute_url(context: template.Context, path: str) -> str:
    """The full URL of ``path`` (as given when rendered without a request)."""
    request = context.get("request")
    return request.build_absolute_uri(path) if request is not None else path


@register.filter
def lead_caption(version: Version) -> Caption | None:
    """The first caption whose photo has web renditions (its captions read if need be;
    a card being rendered has read its whole listing's)."""
    captions = fragments.with_captions(version, listing=False).captions.all()
    return next((c for c in captions if c.photo.has_image and c.photo.sizes), None)


@register.filter
def media_url(path: str) -> str:
    return default_storage.url(path) if path else ""


@register.filter
def srcset(sizes: list[dict[str, Any]], fmt: str = "jpeg") -> str:
    """'…/w320.jpg 320w, …/w640.jpg 640w' from a photo's renditions."""
    return ", ".join(f"{default_storage.url(s[fmt])} {s['width']}w" for s in sizes if s.get(fmt))


@register.filter
def middle_size(sizes: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The rendition an old browser gets: the 640 width, or the widest below it."""
    fitting = [s for s in sizes if s["width"] <= 640]
    return (fitting or sizes)[-1] if sizes else None


@register.filter
def body_blocks(version: Version) -> list[dict[str, Any]]:
    """Paragraphs with the photos placed after them; photos placed past the end go last.

    The dateline leads the first paragraph, the way the wire prints it.
    """
    paragraphs = version.paragraphs
    captions = list(version.captions.all())
    blocks: list[dict[str, Any]] = [{"caption": c} for c in captions if c.after_paragraph == 0]
    for number, text in enumerate(paragraphs, start=1):
        if number == 1 and version.dateline:
            text = f"{version.dateline} {text}"
        blocks.append({"paragraph": text})
        last = number == len(paragraphs)
        blocks.extend(
            {"caption": c}
            for c in captions
            if c.after_paragraph == number or (last and c.after_paragraph > number)
        )
    if not paragraphs:
        blocks.extend({"caption": c} for c in captions if c.after_paragraph > 0)
    return blocks


NEWS_TIME = "H:i T, F j, Y"  # 13:44 KST, January 5, 2026: the time says its zone


@register.simple_tag
def newstime(value: dt.datetime | None) -> str:
    """A machine-readable <time> showing the newsroom's local time and its zone."""
    if value is None:
        return ""
    local = timezone.localtime(value)
    return format_html(
        '<time datetime="{}">{}</time>', local.isoformat(), date_format(local, NEWS_TIME)
    )


# Words ending in a full stop that do not end a sentence in wire copy.
ABBREVIATIONS = frozenset(
    [
        "jan",
        "feb",
        "aug",
        "sept",
        "oct",
        "nov",
        "dec",
        "mr",
        "mrs",
        "ms",
        "dr",
        "gen",
        "lt",
        "col",
        "sgt",
        "capt",
        "rep",
        "sen",
        "gov",
        "st",
        "no",
        "vs",
        "inc",
        "corp",
        "co",
        "ltd",
        "jr",
        "sr",
        "prof",
        "adm",
        "maj",
        "pvt",
        "u.s",
        "u.n",
        "u.k",
    ]
)
SUMMARY_CHARS = 220


def first_sentence(text: str) -> str:
    """The first sentence of ``text``, cut at SUMMARY_CHARS: a full stop, question or
    exclamation mark followed by a space ends it, unless it closes an abbreviation
    ("N. Korea", "Jan. 5", "U.S.")."""
    for match in re.finditer(r"[.?!][\"'’”)]*\s+", text):
        before = text[: match.start()].rsplit(None, 1)[-1].lower() if text[: match.start()] else ""
        word = before.lstrip("(\"'‘“")
        if match.group()[0] == "." and (
            (len(word) == 1 and word.isalpha()) or word in ABBREVIATIONS
        ):
            continue
        text = text[: match.end()].strip()
        break
    return Truncator(text).chars(SUMMARY_CHARS)


@register.filter
def summary(version: Version) -> str:
    """What a listing shows under the headline: the deck, or the first sentence."""
    if version.deck:
        return version.deck
    paragraphs = version.paragraphs
    return first_sentence(paragraphs[0]) if paragraphs else ""


def _iso(value: dt.datetime | None) -> str | None:
    return timezone.localtime(value).isoformat() if value else None


def description(version: Version) -> str:
    """The deck, or the start of the first paragraph: for search results and link cards."""
    if version.deck:
        return version.deck
    paragraphs = version.paragraphs
    return Truncator(paragraphs[0]).chars(DESCRIPTION_CHARS) if paragraphs else ""


register.filter("description", description)


def _photo_urls(context: template.Context, version: Version) -> list[str]:
    urls = []
    for caption in version.captions.all():
        sizes = caption.photo.sizes
        if caption.photo.has_image and sizes and sizes[-1].get("jpeg"):
            urls.append(absolute_url(context, default_storage.url(sizes[-1]["jpeg"])))
    return urls


CARD_SIZE = (1200, 630)


@register.simple_tag(takes_context=True)
def share_image(context: template.Context, version: Version) -> dict[str, Any]:
    """The picture link previews show: the lead photo's widest rendition, else the
    version's generated card (reader.cards), so og:image is never empty."""
    lead = lead_caption(version)
    if lead is not None:
        image = lead.photo.sizes[-1]
        url = default_storage.url(image["jpeg"])
        return {
            "url": absolute_url(context, url),
            "width": image["width"],
            "height": image["height"],
            "alt": lead.alt,
        }
    card = reverse("articles:story_card", args=[version.article.code, version.number])
    return {
        "url": absolute_url(context, card),
        "width": CARD_SIZE[0],
        "height": CARD_SIZE[1],
        "alt": version.display_headline,
    }


def publisher(context: template.Context) -> dict[str, Any]:
    """The agency as schema.org's publisher, with the logo Google asks for (≤ 600 x 60)."""
    return {
        "@type": "NewsMediaOrganization",
        "name": settings.NEWSROOM_NAME,
        "url": absolute_url(context, reverse("articles:front")),
        "logo": {
            "@type": "ImageObject",
            "url": absolute_url(context, static("img/publisher-logo.png")),
            "width": PUBLISHER_LOGO[0],
            "height": PUBLISHER_LOGO[1],
        },
    }


PUBLISHER_LOGO = (284, 60)  # static/img/publisher-logo.png (scripts/make-brand-images)


@register.simple_tag(takes_context=True)
def news_article_ld(context: template.Context, version: Version) -> SafeString:
    """schema.org NewsArticle as a JSON-LD data block, escaped like json_script."""
    article = version.article
    url = absolute_url(context, article.get_absolute_url())
    writers = [b.writer for b in version.bylines.all()]
    agency = publisher(context)
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": version.display_headline,
        "description": description(version),
        "url": url,
        "mainEntityOfPage": url,
        "datePublished": _iso(context.get("first_published_at") or version.publish_at),
        "dateModified": _iso(version.publish_at),
        "author": [
            {
                "@type": "Person",
                "name": w.name,
                "url": absolute_url(context, w.get_absolute_url()),
            }
            for w in writers
        ]
        or [{k: agency[k] for k in ("@type", "name", "url")}],
        "image": _photo_urls(context, version) or [share_image(context, version)["url"]],
        "publisher": agency,
        "articleSection": article.section.name,
        "keywords": [k.name for k in article.keywords.all()],
        "inLanguage": "en",
        "isAccessibleForFree": True,
    }
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(text.translate(JSON_SCRIPT_ESCAPES)),  # noqa: S308 - escaped above
    )


SHARE_TARGETS = [
    ("facebook", "Facebook", "https://www.facebook.com/sharer/sharer.php?{}", ["u"]),
    ("x", "X", "https://x.com/intent/post?{}", ["url", "text"]),
    # Kakao's web sharer; the JavaScript SDK (which needs an app key) is not required.
    ("kakaotalk", "KakaoTalk", "https://sharer.kakao.com/talk/friends/picker/link?{}", ["url"]),
    ("naver", "Naver", "https://share.naver.com/web/shareView?{}", ["url", "title"]),
    ("line", "LINE", "https://social-plugins.line.me/lineit/share?{}", ["url", "text"]),
]


@register.inclusion_tag("articles/_share.html", takes_context=True)
def share_links(context: template.Context, version: Version) -> dict[str, Any]:
    """Plain links to each service's share page; e-mail; and the link itself to copy.

    On a version's permanent page (``permalink`` in the context) they share that version.
    """
    path = context.get("permalink") or version.article.get_absolute_url()
    url = absolute_url(context, path)
    title = version.display_headline
    links = []
    for key, name, pattern, params in SHARE_TARGETS:
        values = {"u": url, "url": url, "text": title, "title": title}
        links.append(
            {
                "key": key,
                "name": name,
                "href": pattern.format(urlencode({p: values[p] for p in params})),
            }
        )
    # mailto wants %20 for spaces, not '+'.
    mail = "mailto:?" + urlencode({"subject": title, "body": url}, quote_via=quote)
    links.append({"key": "email", "name": "E-mail", "href": mail})
    return {"links": links, "url": url}
