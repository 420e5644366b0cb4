"""Load the demo newsroom: sections, writers, photos, stories with version chains, accounts.

Idempotent: everything is found by a natural key (section slug, writer slug, photo bytes,
keyword slug of the story, username) and only what is missing is created.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import io
import random
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify
from PIL import Image, ImageDraw, ImageFilter

from articles.dbobjects import refresh_statistics
from articles.models import (
    Article,
    Caption,
    Keyword,
    RevisionTag,
    Section,
    Version,
    VersionWriter,
    Writer,
)
from demo import content as demo_content
from photos.models import Photo

SECTIONS = [
    ("National", "national"),
    ("North Korea", "north-korea"),
    ("Politics", "politics"),
    ("Economy", "economy"),
    ("Culture", "culture"),
    ("Sports", "sports"),
    ("World", "world"),
    ("Photos", "photos"),
]

TOP_STORIES = [s["slug"] for s in demo_content.STORIES if s.get("top")]

# username -> (role group, index of the writer the account belongs to, superuser)
ACCOUNTS = {
    "reporter": ("Reporter", 0, False),
    "desk": ("Desk editor", None, False),
    "photo": ("Photo editor", None, False),
    "admin": ("Administrator", None, True),
}


def demo_password(username: str) -> str:
    """A per-installation password derived from the secret key: printable on every run,
    never written in the repository."""
    digest = hmac.new(settings.SECRET_KEY.encode(), f"demo:{username}".encode(), hashlib.sha256)
    return base64.urlsafe_b64encode(digest.digest()).decode()[:16]


def paint_photo(key: str, spec: dict[str, Any]) -> bytes:
    """A believable-sized JPEG: a soft scene in the photo's palette, the same bytes every run."""
    rng = random.Random(key)  # noqa: S311 - decoration, not security
    width, height = spec["width"], spec["height"]
    colours = [tuple(int(c[i : i + 2], 16) for i in (1, 3, 5)) for c in spec["palette"]]
    image = Image.new("RGB", (width, height), colours[0])
    draw = ImageDraw.Draw(image)
    horizon = int(height * rng.uniform(0.45, 0.7))
    draw.rectangle([0, horizon, width, height], fill=colours[-1])
    for _ in range(14):
        w, h = rng.randint(width // 20, width // 5), rng.randint(height // 10, height // 2)
        x, y = rng.randint(0, width - w), horizon - h + rng.randint(0, height // 8)
        draw.rectangle([x, y, x + w, y + h], fill=colours[rng.randrange(len(colours))])
    for _ in range(6):
        r = rng.randint(width // 40, width // 12)
        x, y = rng.randint(0, width), rng.randint(0, horizon)
        draw.ellipse([x - r, y - r, x + r, y + r], fill=colours[rng.randrange(len(colours))])
    image = image.filter(ImageFilter.GaussianBlur(radius=max(2, width // 400)))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


class Command(BaseCommand):
    help = "Create the demo newsroom (sections, writers, photos, stories, role accounts)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would be created, write nothing."
        )

    def handle(self, *args: Any, dry_run: bool = False, **options: Any) -> None:
        self.created: dict[str, int] = {}
        if dry_run:
            self.stdout.write(f"Dry run: would create {self.summary(self.missing())}.")
            return
        with transaction.atomic():
            self.load()
        refresh_statistics(connection)
        self.stdout.write(
            self.style.SUCCESS(f"Demo newsroom ready; created {self.summary(self.created)}.")
        )
        self.print_accounts()

    @staticmethod
    def summary(counts: dict[str, int]) -> str:
        return ", ".join(f"{n} {what}" for what, n in counts.items() if n) or "nothing"

    def missing(self) -> dict[str, int]:
        """What a real run would add (nothing is written, not even photo files)."""
        painted = {
            hashlib.sha256(paint_photo(k, s)).hexdigest() for k, s in demo_content.PHOTOS.items()
        }
        return {
            "sections": len(
                {s for _, s in SECTIONS} - set(Section.objects.values_list("slug", flat=True))
            ),
            "writers": len(
                {w["slug"] for w in demo_content.WRITERS}
                - set(Writer.objects.values_list("slug", flat=True))
            ),
            "accounts": len(
                set(ACCOUNTS) - set(get_user_model().objects.values_list("username", flat=True))
            ),
            "photos": len(painted - set(Photo.objects.values_list("sha256", flat=True))),
            "stories": len(
                {s["slug"] for s in demo_content.STORIES}
                - set(Article.objects.values_list("slug", flat=True))
            ),
        }

    def count(self, what: str, created: bool) -> None:
        self.created[what] = self.created.get(what, 0) + int(created)

    def load(self) -> None:
        self.sections = {}
        for order, (name, slug) in enumerate(SECTIONS):
            section, created = Section.objects.get_or_create(
                slug=slug, defaults={"name": name, "order": order}
            )
            self.sections[slug] = section
            self.count("sections", created)
        self.writers = {}
        for spec in demo_content.WRITERS:
            writer, created = Writer.objects.get_or_create(
                slug=spec["slug"],
                defaults={k: spec[k] for k in ("name", "name_ko", "email")},
            )
            self.writers[spec["name"]] = writer
            self.count("writers", created)
        self.keywords = {}
        for name in demo_content.KEYWORDS:
            keyword, created = Keyword.objects.get_or_create(
                slug=slugify(name), defaults={"name": name}
            )
            self.keywords[name] = keyword
            self.count("keywords", created)
        self.users = {}
        for username, (role, writer_index, superuser) in ACCOUNTS.items():
            self.users[username] = self.account(username, role, writer_index, superuser)
        self.photos = {}
        for key, spec in demo_content.PHOTOS.items():
            photo, created = Photo.objects.ingest(
                io.BytesIO(paint_photo(key, spec)),
                filename=f"{key}.jpg",
                by=self.users["photo"],
                **{k: spec.get(k, "") for k in Photo.LIBRARY_FIELDS},
            )
            self.photos[key] = photo
            self.count("photos", created)
        articles = {}
        for story in demo_content.STORIES:
            article, created = self.story(story)
            articles[story["slug"]] = article
            self.count("stories", created)
        for story in demo_content.STORIES:
            for folded in story.get("folds", []):
                roundup, article = articles[story["slug"]], articles[folded]
                if article.folded_into_id != roundup.pk:
                    article.fold_into(roundup=roundup, by=self.users["desk"])

    def account(self, username: str, role: str, writer_index: int | None, superuser: bool):
        User = get_user_model()
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "is_staff": True,
                "is_superuser": superuser,
                "email": f"{username}@hanbit.example",
            },
        )
        if created:
            user.set_password(demo_password(username))
            user.save()
            user.groups.add(Group.objects.get(name=role))
            if writer_index is not None:
                writer = self.writers[demo_content.WRITERS[writer_index]["name"]]
                writer.user = user
                writer.save(update_fields=["user"])
        self.count("accounts", created)
        return user

    def story(self, story: dict[str, Any]) -> tuple[Article, bool]:
        existing = Article.objects.filter(slug=story["slug"]).first()
        if existing is not None:
            return existing, False
        now = timezone.now()
        desk = self.users["desk"]
        version = None
        for spec in story["versions"]:
            publish_at = now - dt.timedelta(hours=spec.get("hours_ago", 0))
            fields = {
                "genre": spec.get("genre", "news"),
                "headline": spec["headline"],
                "deck": spec.get("deck", ""),
                "dateline_place": spec.get("place", "SEOUL"),
                "dateline_date": timezone.localdate(publish_at),
                "body": "\n\n".join(spec["body"]),
                "signoff": spec.get("signoff", ""),
                "correction_note": spec.get("correction_note", ""),
                "internal_note": spec.get("internal_note", ""),
            }
            if version is None:
                version = Article.start(
                    by=self.users["reporter"],
                    slug=story["slug"],
                    section=self.sections[story["section"]],
                    kind=spec["kind"],
                    at=publish_at,
                    **fields,
                )
                article = version.article
                article.keywords.set([self.keywords[k] for k in story.get("keywords", [])])
                if story["slug"] in TOP_STORIES:
                    article.top_order = TOP_STORIES.index(story["slug"]) + 1
                    article.save(update_fields=["top_order"])
            else:
                version = article.new_version(by=desk, kind=spec["kind"], **fields)
            self.fill(version, spec)
            status = spec.get("status", "published")
            if status == "draft":
                continue
            version.submit(by=self.users["reporter"])
            version.publish(by=desk, at=publish_at)
        return article, True

    def fill(self, version: Version, spec: dict[str, Any]) -> None:
        """Replace the copied byline, captions and advisory with the spec's own."""
        VersionWriter.objects.filter(version=version).delete()
        VersionWriter.objects.bulk_create(
            VersionWriter(version=version, writer=self.writers[name], position=i)
            for i, name in enumerate(spec.get("writers", []))
        )
        Caption.objects.filter(version=version).delete()
        Caption.objects.bulk_create(
            Caption(
                version=version,
                photo=self.photos[c["photo"]],
                order=i,
                after_paragraph=c.get("after", 0),
                text=c["text"],
            )
            for i, c in enumerate(spec.get("captions", []))
        )
        RevisionTag.objects.bulk_create(
            RevisionTag(version=version, position=i, verb=verb, object=obj)
            for i, (verb, obj) in enumerate(spec.get("advisory", []))
        )

    def print_accounts(self) -> None:
        self.stdout.write("Demo accounts (admin at /admin/):")
        for username, (role, _, _) in ACCOUNTS.items():
            user = get_user_model().objects.get(username=username)
            password = demo_password(username)
            shown = password if user.check_password(password) else "(changed since the demo load)"
            self.stdout.write(f"  {role:<14} {username:<9} {shown}")
