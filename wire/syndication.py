"""Versions as subscribers take them: agency wire text and IPTC ninjs.

Maps models onto the plain data of ``articles.wire`` (which knows no database), so the
same writer and ninjs builder serve commands, tests and any future feed endpoint.
"""

from __future__ import annotations

from urllib.parse import urljoin

from django.conf import settings
from django.core.files.storage import default_storage
from django.utils import timezone

from articles import vocab
from articles.models import Version
from wire.ninjs import ORIGINAL_PROVIDER, NinjsItem, NinjsPhoto, NinjsRendition, to_ninjs
from wire.text.story import Advisory, Dateline, WireCaption, WireStory
from wire.text.writer import write_kill_notice, write_wire


def _absolute(path_or_url: str) -> str:
    return urljoin(settings.NEWSROOM_SITE_URL, path_or_url)


def item_uri(article) -> str:
    """The story's ninjs uri: its public address."""
    return _absolute(article.get_absolute_url())


def wire_story(version: Version) -> WireStory:
    """The version as agency copy: what ``write_wire`` renders."""
    dateline = None
    if version.dateline_place and version.dateline_date:
        dateline = Dateline(
            place=version.dateline_place,
            month=vocab.ap_month(version.dateline_date.month),
            day=version.dateline_date.day,
            agency=version.article.agency,
        )
    genre = version.genre_tag
    return WireStory(
        slug=version.article.slug,
        kind=vocab.Kind(version.kind),
        lead_ordinal=version.lead_ordinal,
        genres=[genre[1:-1]] if genre else [],
        headline=version.headline,
        deck=version.deck,
        advisory=Advisory.from_tags(version.advisory_tags()),
        byline=[b.writer.name for b in version.bylines.all()],
        dateline=dateline,
        paragraphs=version.paragraphs,
        captions=[
            WireCaption(
                text=c.text,
                credits=[p for p in (c.photo.restriction, c.photo.source, c.photo.credit) if p],
            )
            for c in version.captions.all()
        ],
        signoff=version.signoff,
        # Copy that arrived cut off goes out as it came: no (END) it never had.
        end=version.complete,
        copyright=version.article.copyright,
        source=version.article.agency,
    )


def wire_text(version: Version) -> str:
    """The version as agency wire text; a killed story's is a kill notice instead (its
    text never leaves the newsroom again, whichever version is asked for)."""
    article = version.article
    if article.is_killed:
        return write_kill_notice(wire_story(version), note=article.kill_note)
    return write_wire(wire_story(version))


def ninjs_photo(caption) -> NinjsPhoto:
    photo = caption.photo
    renditions = []
    for size in photo.sizes:
        for fmt, contenttype in (("jpeg", "image/jpeg"), ("webp", "image/webp")):
            if size.get(fmt):
                renditions.append(
                    NinjsRendition(
                        name=size["name"] if fmt == "jpeg" else f"{size['name']}-webp",
                        href=_absolute(default_storage.url(size[fmt])),
                        width=size["width"],
                        height=size["height"],
                        contenttype=contenttype,
                    )
                )
    return NinjsPhoto(
        uri=f"urn:{settings.NEWSROOM_CODE_PREFIX.lower()}:photo:{photo.pk}",
        caption=" ".join(p for p in (caption.text, photo.credit_line) if p),
        photographer=photo.photographer,
        credit=photo.credit,
        source=photo.source,
        restriction=photo.restriction,
        copyright=photo.copyright,
        alt=caption.alt,
        renditions=renditions,
    )


def ninjs(version: Version) -> dict:
    """The version as an IPTC ninjs 2.x document (pubstatus canceled once killed).

    An embargoed version carries ``embargoed``: it was sent at its release time, readers
    see it from its publish time."""
    article = version.article
    first = article.first_published_at
    sent = version.release_at or version.publish_at
    embargoed = version.publish_at if sent and version.publish_at > sent else None
    if sent and first:
        first = min(first, sent)  # an embargoed first version reached subscribers earlier
    genre = version.genre_tag
    item = NinjsItem(
        uri=item_uri(article),
        version=version.number,
        # Subscribers get the newsroom's own offset (+09:00), as the pages show it.
        versioncreated=timezone.localtime(sent or version.updated_at),
        firstcreated=timezone.localtime(first or article.created_at),
        headline=version.headline,
        paragraphs=version.paragraphs or _photo_item_text(version),
        label=version.label,
        genre_tags=[genre[1:-1]] if genre else [],
        deck=version.deck,
        byline=[b.writer.name for b in version.bylines.all()],
        slugline=version.slug_line,
        dateline=version.dateline,
        located=version.dateline_place,
        advisory=version.advisory,
        section=article.section.name,
        keywords=[k.name for k in article.keywords.all()],
        photos=[ninjs_photo(c) for c in version.captions.all() if c.photo.has_image],
        killed=article.is_killed,
        kill_note=article.kill_note,
        embargoed=timezone.localtime(embargoed) if embargoed else None,
        correction_note=version.correction_note,
        copyrightholder=article.source or settings.NEWSROOM_NAME,
        copyrightnotice=article.copyright,
        infosources=[(article.source, ORIGINAL_PROVIDER)] if article.source else [],
    )
    return to_ninjs(item)


def _photo_item_text(version: Version) -> list[str]:
    """A photo item's text is its captions, credits and all: what subscribers print while
    (or until) the picture itself reaches them."""
    return [" ".join(p for p in (c.text, c.photo.credit_line) if p) for c in version.captions.all()]
