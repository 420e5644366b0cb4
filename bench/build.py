"""Build (or reuse) the synthetic newsroom the benchmark measures.

Called from bench/run.py after Django is set up against the bench database. Rows are made
through the model classes (so field defaults apply) and written with ``bulk_create`` in big
batches, one transaction per chunk of articles. Editorial invariants hold as if the desk had
done the work: published versions carry their publish time, numbers run 0, 1, 2 … per
article, lead ordinals and labels follow the chain, codes follow ``Article.next_code``
(prefix + newsroom-local creation date + daily serial + "00") and the daily serials are
recorded so new stories continue the sequence, every version has its audit entry.

A marker table records the scale, the builder's version and the migration state; a run
reuses the database when all three match and rebuilds it otherwise.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone
from django.utils.text import slugify
from PIL import Image, ImageChops

from articles.dbobjects import derive_bookkeeping, guards_suspended
from articles.models import (
    Article,
    AuditEntry,
    Caption,
    DailySerial,
    Genre,
    Keyword,
    OutboxEvent,
    OutboxSequence,
    RelatedStory,
    RevisionTag,
    Section,
    Status,
    Version,
    VersionKind,
    VersionQuerySet,
    VersionWriter,
    Writer,
)
from articles.models.related import choose_for_archive
from bench import synth
from demo.management.commands.load_demo import SECTIONS as DEMO_SECTIONS
from photos.imaging import make_renditions
from photos.models import Photo, private_renditions, store_renditions

# Bump when the generated data changes shape, so kept databases are rebuilt.
BUILDER_VERSION = 5
MARKER_TABLE = "bench_marker"
ADMIN_USERNAME = "bench-admin"
CHUNK = 5_000  # articles per transaction
RENDITION_SETS = 6  # real rendition files the photo rows share

# The demo newsroom's sections, so benchmark pages look like the real ones.
SECTIONS = DEMO_SECTIONS


def log(message: str) -> None:
    print(f"[bench] {message}", flush=True)


# --- marker ---------------------------------------------------------------------------------


def migration_state() -> str:
    """A digest of every migration file on disk (names and contents): a new or edited
    migration rebuilds the data."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    digest = hashlib.sha256()
    for (app, name), migration in sorted(loader.disk_migrations.items()):
        source = Path(sys.modules[migration.__module__].__file__).read_bytes()
        digest.update(f"{app}.{name}:{hashlib.sha256(source).hexdigest()}\n".encode())
    # Database objects the ORM cannot declare (search index, triggers) live beside the
    # models and are installed by migrations; a change there rebuilds too.
    for config in apps.get_app_configs():
        extra = Path(config.path) / "dbobjects.py"
        if extra.is_file():
            digest.update(
                f"{config.label}.dbobjects:{hashlib.sha256(extra.read_bytes()).hexdigest()}\n".encode()
            )
    return digest.hexdigest()[:16]


def wanted_marker(scale: int) -> dict[str, Any]:
    return {"scale": scale, "builder": BUILDER_VERSION, "migrations": migration_state()}


def read_marker() -> dict[str, Any] | None:
    if MARKER_TABLE not in connection.introspection.table_names():
        return None
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT value FROM {MARKER_TABLE} WHERE name = %s", ["build"])  # noqa: S608
        row = cursor.fetchone()
    return json.loads(row[0]) if row else None


def write_marker(marker: dict[str, Any]) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE IF NOT EXISTS {MARKER_TABLE} (name varchar(40) PRIMARY KEY, value text)"
        )
        cursor.execute(f"DELETE FROM {MARKER_TABLE}")  # noqa: S608
        cursor.execute(
            f"INSERT INTO {MARKER_TABLE} (name, value) VALUES (%s, %s)",  # noqa: S608
            ["build", json.dumps(marker)],
        )


def marker_matches(marker: dict[str, Any] | None, scale: int) -> bool:
    if not marker:
        return False
    wanted = wanted_marker(scale)
    if any(marker.get(k) != v for k, v in wanted.items()):
        return False
    # The renditions live on disk next to the database; a cleaned media folder rebuilds.
    # (Made privately; reader.renditions publishes them on first request.)
    storage = private_renditions()
    return all(storage.exists(p) for p in marker.get("rendition_files", []))


# --- helpers --------------------------------------------------------------------------------


def audit_entry(**fields: Any) -> AuditEntry:
    """An audit entry as ``AuditEntry.record`` would write it (the reader-facing flag
    drives the public page cache)."""
    fields["affects_readers"] = (
        fields.get("to_status") == Status.PUBLISHED or fields["action"] in AuditEntry.READER_ACTIONS
    )
    return AuditEntry(**fields)


@contextmanager
def keep_given_timestamps(*fields: models.DateTimeField) -> Iterator[None]:
    """auto_now/auto_now_add would stamp every row with the build time; a newsroom built
    as if over a year needs the times we give it."""
    saved = [(f, f.auto_now, f.auto_now_add) for f in fields]
    for f in fields:
        f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, auto_now, auto_now_add in saved:
            f.auto_now, f.auto_now_add = auto_now, auto_now_add


@contextmanager
def fast_sqlite() -> Iterator[None]:
    """Build-time PRAGMAs: no fsync, a big page cache. Reads are measured later with the
    settings' own PRAGMAs on fresh connections."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA synchronous=OFF")
        cursor.execute("PRAGMA cache_size=-262144")
        cursor.execute("PRAGMA temp_store=MEMORY")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            cursor.execute("PRAGMA synchronous=NORMAL")


def field(model: type[models.Model], name: str) -> Any:
    return model._meta.get_field(name)


def photo_like_jpeg(seed: int, width: int = 1280, height: int = 853) -> bytes:
    """A small camera-like JPEG (gradients plus noise) to make real rendition files from."""
    gradient = Image.linear_gradient("L").resize((width, height))
    radial = Image.radial_gradient("L").resize((width, height))
    channels = []
    for i, base in enumerate((gradient, radial, ImageChops.invert(gradient))):
        noise = Image.effect_noise((width, height), 16 + 6 * ((seed + i) % 5))
        channels.append(Image.blend(base, noise, 0.25 + 0.05 * (seed % 3)))
    buf = io.BytesIO()
    Image.merge("RGB", channels[seed % 3 :] + channels[: seed % 3]).save(buf, "JPEG", quality=85)
    return buf.getvalue()


# --- the build ------------------------------------------------------------------------------


class Builder:
    def __init__(self, *, scale: int, seed: int = 20260105) -> None:
        self.scale = scale
        self.copy = synth.Copy(seed)
        self.rng = self.copy.rng
        self.now = timezone.now().replace(microsecond=0)
        self.counts: dict[str, int] = {}
        self.batch = 2_000 if connection.vendor == "postgresql" else None

    def bulk(self, model: type[models.Model], rows: list[models.Model]) -> None:
        model.objects.bulk_create(rows, batch_size=self.batch)
        self.counts[model._meta.label] = self.counts.get(model._meta.label, 0) + len(rows)

    def run(self) -> dict[str, Any]:
        started = time.perf_counter()
        with fast_sqlite():
            self.reference_data()
            self.photos()
            # Rows are written whole, parts after their published versions: a bulk load
            # is what the published-copy guard is lifted for. Then the bookkeeping that
            # publish() and kill() would have written (live intervals, first publication).
            with (
                keep_given_timestamps(field(Version, "created_at"), field(Version, "updated_at")),
                guards_suspended(connection),
            ):
                self.articles()
            derive_bookkeeping(connection)
            self.outbox()
            with transaction.atomic():
                self.top_stories()
        self.after_bulk_load()
        seconds = round(time.perf_counter() - started, 1)
        return {
            **wanted_marker(self.scale),
            "built_at": self.now.isoformat(),
            "build_seconds": seconds,
            "rows": self.counts,
            "rendition_files": self.rendition_files,
        }

    # reference data: sections, writers, keywords, staff accounts
    def reference_data(self) -> None:
        with transaction.atomic():
            self.sections = {}
            for order, (name, slug) in enumerate(SECTIONS):
                self.sections[slug], _ = Section.objects.get_or_create(
                    slug=slug, defaults={"name": name, "order": order}
                )
            people = self.copy.writers(max(20, self.scale // 500))
            self.bulk(
                Writer,
                [
                    Writer(id=i, name=p.name, name_ko=p.name_ko, email=p.email, slug=p.slug)
                    for i, p in enumerate(people, start=1)
                ],
            )
            self.writer_ids = list(range(1, len(people) + 1))
            self.writer_emails = {i: p.email for i, p in enumerate(people, start=1)}
            names, slugs = [], set()
            for name in self.copy.keywords(max(100, self.scale // 50)):
                if slugify(name)[:80] not in slugs:  # "K-pop" and "K pop" share a slug
                    slugs.add(slugify(name)[:80])
                    names.append(name)
            self.bulk(
                Keyword,
                [
                    Keyword(id=i, name=name, slug=slugify(name)[:80])
                    for i, name in enumerate(names, start=1)
                ],
            )
            # Keywords by topic, so an article gets its topic's keywords plus a few others.
            self.keyword_ids = list(range(1, len(names) + 1))
            self.topic_keywords: dict[str, list[int]] = {}
            for i, name in enumerate(names, start=1):
                self.topic_keywords.setdefault(name.lower().split(" 20")[0], []).append(i)
            self.keyword_weights = synth.zipf_weights(len(names), 0.9)

            User = get_user_model()
            admin, _ = User.objects.get_or_create(
                username=ADMIN_USERNAME,
                defaults={"is_staff": True, "is_superuser": True, "email": "bench@hanbit.example"},
            )
            admin.set_unusable_password()
            admin.save()
            staff = []
            for n in range(8):
                user, _ = User.objects.get_or_create(
                    username=f"bench-reporter-{n}", defaults={"is_staff": True}
                )
                staff.append(user.pk)
            self.staff_ids = staff
            self.admin_id = admin.pk

    def photos(self) -> None:
        """Photo rows sharing a few real rendition sets (the files exist under MEDIA_ROOT)."""
        sets = []
        self.rendition_files = []
        for n in range(RENDITION_SETS):
            renditions = store_renditions(make_renditions(io.BytesIO(photo_like_jpeg(n))))
            sets.append(renditions)
            for entry in [*renditions["sizes"], renditions["thumb"]]:
                self.rendition_files += [entry["jpeg"], entry["webp"]]
        n_photos = max(50, self.scale // 5)
        rng = self.rng
        self.photo_ids = list(range(1, n_photos + 1))
        start = self.now - dt.timedelta(days=365)
        rows = []
        for i in self.photo_ids:
            taken = start + dt.timedelta(seconds=rng.randrange(365 * 86400))
            topic = self.copy.topic(self.copy.section())
            place = self.copy.place()
            pool = rng.random() < 0.1
            rows.append(
                Photo(
                    id=i,
                    image=f"bench/{i:06d}.jpg",  # no original on disk: readers never see one
                    sha256=hashlib.sha256(f"bench-photo-{i}".encode()).hexdigest(),
                    width=6000,
                    height=4000,
                    renditions=sets[i % RENDITION_SETS],
                    description=self.copy.caption(topic, place),
                    photographer=rng.choice(synth.FAMILY)[0] + " Photographer",
                    credit="Hanbit",
                    source="Pool photo" if pool else "",
                    restriction="PHOTO NOT FOR SALE" if rng.random() < 0.05 else "",
                    copyright="Hanbit News Agency",
                    alt_text=f"A scene of {topic} in {place.split(',')[0].title()}",
                    taken_at=taken,
                    uploaded_by_id=rng.choice(self.staff_ids),
                    created_at=taken + dt.timedelta(minutes=20),
                    updated_at=taken + dt.timedelta(minutes=20),
                )
            )
        with (
            keep_given_timestamps(field(Photo, "created_at"), field(Photo, "updated_at")),
            transaction.atomic(),
        ):
            for i in range(0, len(rows), 10_000):
                self.bulk(Photo, rows[i : i + 10_000])
        log(f"photos: {n_photos:,} rows sharing {RENDITION_SETS} rendition sets")

    def articles(self) -> None:
        rng = self.rng
        # A year of copy, oldest first, so ids grow with time as they do in a real newsroom.
        span = 365 * 86400
        offsets = sorted(rng.randrange(span) for _ in range(self.scale))
        start = self.now - dt.timedelta(seconds=span)
        created = [start + dt.timedelta(seconds=s) for s in offsets]
        serials: dict[dt.date, int] = {}
        codes = []
        prefix = settings.NEWSROOM_CODE_PREFIX
        for when in created:
            day = timezone.localdate(when)
            serials[day] = serials.get(day, 0) + 1
            codes.append(f"{prefix}{day:%Y%m%d}{serials[day]:04d}00")
        self.serials = serials
        version_id = 1
        t0 = time.perf_counter()
        for first in range(0, self.scale, CHUNK):
            with transaction.atomic():
                version_id = self.article_chunk(
                    range(first, min(first + CHUNK, self.scale)), created, codes, version_id
                )
            done = min(first + CHUNK, self.scale)
            if done % 25_000 == 0 or done == self.scale:
                log(f"articles: {done:,}/{self.scale:,} ({time.perf_counter() - t0:.0f} s)")
        with transaction.atomic():
            self.bulk(DailySerial, [DailySerial(day=d, last=n) for d, n in serials.items()])

    def article_chunk(
        self, indexes: range, created: list[dt.datetime], codes: list[str], version_id: int
    ) -> int:
        rng, copy, now = self.rng, self.copy, self.now
        articles, versions, bylines, captions, tags, audit, links = [], [], [], [], [], [], []
        through = Article.keywords.through
        for i in indexes:
            article_id = i + 1
            section = copy.section()
            topic = copy.topic(section)
            born = created[i]
            recent = (now - born) < dt.timedelta(days=2)
            killed = rng.random() < 0.002
            articles.append(
                Article(
                    id=article_id,
                    code=codes[i],
                    slug=synth.slug_words(
                        f"{topic} {rng.choice(synth.HEADLINE_VERBS)}", 2 + (i % 2)
                    ),
                    section_id=self.sections[section].pk,
                    created_at=born,
                    killed_at=born + dt.timedelta(hours=rng.randint(2, 48)) if killed else None,
                    kill_note=rng.choice(synth.KILL_NOTES) if killed else "",
                )
            )
            # Keywords: the topic's own, plus 1-4 drawn across the list (popular ones often).
            kw = set(self.topic_keywords.get(topic.lower(), [])[:1])
            kw.update(rng.choices(self.keyword_ids, self.keyword_weights, k=rng.randint(1, 4)))
            links += [through(article_id=article_id, keyword_id=k) for k in kw]
            versions_here = rng.choices([1, 2, 3, 4, 5], [55, 28, 12, 3, 2])[0]
            writers = rng.sample(self.writer_ids, rng.choices([0, 1, 2, 3], [15, 70, 12, 3])[0])
            photos = rng.sample(self.photo_ids, rng.choices([0, 1, 2, 3], [60, 28, 9, 3])[0])
            after = [
                rng.choice([0, 1, 2, 3]) if n == 0 else rng.randint(1, 4)
                for n in range(len(photos))
            ]
            # How the chain ends: mostly all published; sometimes an update in progress
            # (common on the newest stories), never published at all, or scheduled.
            roll = rng.random()
            if recent:
                ending = "open" if roll < 0.2 else "unpublished" if roll < 0.25 else "published"
            else:
                ending = (
                    "scheduled"
                    if roll < 0.003
                    else "unpublished"
                    if roll < 0.013
                    else "open"
                    if roll < 0.018
                    else "published"
                )
            if ending == "unpublished":
                versions_here = 1  # a follow-up is only ever started from a published version
            genre = rng.choices(
                [
                    Genre.NEWS,
                    Genre.NEWS_FOCUS,
                    Genre.INTERVIEW,
                    Genre.FEATURE,
                    Genre.EDITORIAL,
                    Genre.SUMMARY,
                    Genre.PHOTO,
                ],
                [85, 5, 3, 4, 1, 1, 1],
            )[0]
            place = copy.place()
            paragraphs = copy.paragraphs(topic)
            headline = copy.headline(topic)
            deck = copy.deck(topic) if rng.random() < 0.3 else ""
            signoff = self.writer_emails[writers[0]] if writers else "desk@hanbit.example"
            publish_at = born + dt.timedelta(minutes=rng.randint(2, 30))
            leads = 0
            for number in range(versions_here):
                if number == 0:
                    kind = VersionKind.URGENT if rng.random() < 0.03 else VersionKind.ORIGINAL
                else:
                    kind = rng.choices(
                        [VersionKind.LEAD, VersionKind.ROUNDUP, VersionKind.CORRECTION],
                        [80, 12, 8],
                    )[0]
                    publish_at += dt.timedelta(minutes=rng.randint(10, 480))
                    paragraphs = [*paragraphs[:-1], *copy.paragraphs(topic, rng.randint(1, 2))]
                    if rng.random() < 0.6:
                        headline = copy.headline(topic)
                leads += kind == VersionKind.LEAD
                last = number == versions_here - 1
                if ending == "unpublished" or (ending == "open" and last and number > 0):
                    status = rng.choice([Status.DRAFT, Status.SUBMITTED])
                elif ending == "open" and last:  # a single open version: not sent yet
                    status = Status.DRAFT
                else:
                    status = Status.PUBLISHED
                when: dt.datetime | None = publish_at
                if ending == "scheduled" and last:
                    when = now + dt.timedelta(hours=rng.randint(1, 24 * 30))
                elif status == Status.PUBLISHED and publish_at > now:
                    status = Status.SUBMITTED  # its time has not come in this timeline
                if status != Status.PUBLISHED:
                    when = None
                made = born if number == 0 else publish_at - dt.timedelta(minutes=8)
                made = min(made, now)
                author = rng.choice(self.staff_ids)
                versions.append(
                    Version(
                        id=version_id,
                        article_id=article_id,
                        number=number,
                        kind=kind,
                        lead_ordinal=leads if kind == VersionKind.LEAD else 0,
                        genre=genre,
                        genre_source=(
                            f"{rng.choice(synth.EDITORIAL_PAPERS)} on Jan. 6"
                            if genre == Genre.EDITORIAL
                            else ""
                        ),
                        headline=headline[:300],
                        deck=deck,
                        dateline_place=place,
                        dateline_date=timezone.localdate(when or made),
                        body="\n\n".join(paragraphs),
                        signoff=signoff,
                        correction_note=(
                            "This version corrects the figure in the third paragraph."
                            if kind == VersionKind.CORRECTION
                            else ""
                        ),
                        internal_note=rng.choice(synth.NOTES) if rng.random() < 0.05 else "",
                        status=status,
                        publish_at=when,
                        release_at=when,
                        created_by_id=author,
                        updated_by_id=author,
                        created_at=made,
                        updated_at=when or made,
                        revision={Status.DRAFT: 1, Status.SUBMITTED: 2}.get(status, 3),
                    )
                )
                bylines += [
                    VersionWriter(version_id=version_id, writer_id=w, position=p)
                    for p, w in enumerate(writers)
                ]
                captions += [
                    Caption(
                        version_id=version_id,
                        photo_id=photo,
                        order=n,
                        after_paragraph=after[n],
                        text=copy.caption(topic, place),
                        alt_text=f"A scene of {topic}",
                    )
                    for n, photo in enumerate(photos)
                ]
                if number:
                    tags.append(
                        RevisionTag(
                            version_id=version_id, position=0, verb="UPDATES", object="throughout"
                        )
                    )
                    if rng.random() < 0.5:
                        tags.append(
                            RevisionTag(
                                version_id=version_id, position=1, verb="CHANGES", object="headline"
                            )
                        )
                action, stamp = {
                    Status.DRAFT: ("create", made),
                    Status.SUBMITTED: ("submit", made),
                }.get(status, ("schedule" if when and when > now else "publish", when or made))
                audit.append(
                    audit_entry(
                        article_id=article_id,
                        version_id=version_id,
                        actor_id=rng.choice(self.staff_ids),
                        action=action,
                        from_status="" if action == "create" else Status.SUBMITTED,
                        to_status=status,
                        created_at=min(stamp, now) if action != "schedule" else made,
                    )
                )
                version_id += 1
                if status != Status.PUBLISHED:
                    break  # the open version is the newest: nothing follows it yet
            # The desk's denormalised pointer: the highest number.
            articles[-1].newest_version_id = version_id - 1
            if killed:
                audit.append(
                    audit_entry(
                        article_id=article_id,
                        actor_id=self.admin_id,
                        action="kill",
                        note=articles[-1].kill_note,
                        created_at=min(articles[-1].killed_at, now),
                    )
                )
        self.bulk(Article, articles)
        self.bulk(through, links)
        self.bulk(Version, versions)
        self.bulk(VersionWriter, bylines)
        self.bulk(Caption, captions)
        self.bulk(RevisionTag, tags)
        self.bulk(AuditEntry, audit)
        return version_id

    def outbox(self) -> None:
        """The subscribers' event stream as the transitions would have written it: an
        event per released version (publish, update, correction) and per kill, numbered
        in the order they fell due; scheduled versions' events pending."""
        t0 = time.perf_counter()
        rows = []
        versions = Version.objects.filter(status=Status.PUBLISHED).order_by("article_id", "number")
        last_out: dict[int, int] = {}
        for vid, aid, kind, release in versions.values_list(
            "pk", "article_id", "kind", "release_at"
        ).iterator(chunk_size=10_000):
            action = (
                OutboxEvent.Action.CORRECTION
                if kind == VersionKind.CORRECTION
                else OutboxEvent.Action.UPDATE
                if aid in last_out
                else OutboxEvent.Action.PUBLISH
            )
            rows.append((release, aid, vid, action))
            if release <= self.now:
                last_out[aid] = vid
        for aid, killed_at in Article.objects.filter(killed_at__isnull=False).values_list(
            "pk", "killed_at"
        ):
            if aid in last_out:
                rows.append((min(killed_at, self.now), aid, last_out[aid], OutboxEvent.Action.KILL))
        rows.sort(key=lambda row: (row[0], row[2]))
        events, seq = [], 0
        for due, aid, vid, action in rows:
            released = due <= self.now
            seq += released
            events.append(
                OutboxEvent(
                    article_id=aid,
                    version_id=vid,
                    action=action,
                    due_at=due,
                    seq=seq if released else None,
                    released_at=due if released else None,
                    created_at=due,
                )
            )
        with transaction.atomic():
            self.bulk(OutboxEvent, events)
            OutboxSequence.objects.update_or_create(pk=1, defaults={"last": seq})
            # What publish() records and ninjs reads (main derives it with the live intervals).
            with connection.cursor() as cursor:
                cursor.execute(
                    "UPDATE articles_article SET first_published_at = (SELECT MIN(v.publish_at)"
                    " FROM articles_version v WHERE v.article_id = articles_article.id"
                    " AND v.status = 'published')"
                )
        log(f"outbox: {len(events):,} events, {seq:,} released ({time.perf_counter() - t0:.0f} s)")

    def top_stories(self) -> None:
        """The desk's front-page picks: the six newest live stories."""
        picked = list(
            Article.objects.live().order_by("-created_at").values_list("pk", flat=True)[:6]
        )
        for position, pk in enumerate(picked, start=1):
            Article.objects.filter(pk=pk).update(top_order=position)

    def after_bulk_load(self) -> None:
        """Bulk rows skip publish(), which chooses each story's related stories: choose
        for the whole archive at once, as the migration that added them does. Explicit
        ids skip the sequences on PostgreSQL: move them past the data. Then give the
        planner statistics (autovacuum does so on PostgreSQL within a minute; SQLite only
        has them after ANALYZE, see the README's Benchmark section)."""
        started = time.perf_counter()
        chosen = choose_for_archive(
            Version.objects.live(),
            Article.keywords.through,
            RelatedStory,
            window=VersionQuerySet.RELATED_WINDOW,
        )
        log(f"related stories: {chosen:,} chosen in {time.perf_counter() - started:.1f} s")
        started = time.perf_counter()
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                models_with_ids = [Article, Version, Photo, Keyword, Writer]
                for sql in connection.ops.sequence_reset_sql(no_style(), models_with_ids):
                    cursor.execute(sql)
                cursor.execute("VACUUM ANALYZE")
            else:
                cursor.execute("ANALYZE")
        log(f"statistics (ANALYZE) in {time.perf_counter() - started:.1f} s")


def verify(scale: int) -> None:
    """What the desk's own transitions guarantee holds for the bulk-built rows too."""
    problems = []
    if Article.objects.count() != scale:
        problems.append("article count")
    if Version.objects.filter(status=Status.PUBLISHED, publish_at__isnull=True).exists():
        problems.append("published versions without a publish time")
    if sum(DailySerial.objects.values_list("last", flat=True)) != scale:
        problems.append("daily serials do not cover every code")
    newest = Version.objects.filter(article=models.OuterRef("pk")).order_by("-number")
    stale = Article.objects.exclude(newest_version=models.Subquery(newest.values("pk")[:1]))
    if stale.exists():
        problems.append("newest_version does not point at the highest number")
    if problems:
        raise RuntimeError("bench build is inconsistent: " + "; ".join(problems))
    log("checked: counts, publish times, daily serials, newest-version pointers")


def build(*, scale: int) -> dict[str, Any]:
    log(f"building the synthetic newsroom: {scale:,} articles ({connection.vendor})")
    marker = Builder(scale=scale).run()
    verify(scale)
    write_marker(marker)
    log(
        f"built in {marker['build_seconds']} s: "
        + ", ".join(f"{k.split('.')[-1]} {v:,}" for k, v in marker["rows"].items())
    )
    return marker
