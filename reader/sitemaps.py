"""sitemap.xml (live stories and sections) and the Google News sitemap (last 48 hours)."""

from __future__ import annotations

import datetime as dt

from django.contrib.sitemaps import Sitemap
from django.urls import reverse
from django.utils import timezone

from articles.models import Section, Version, VersionQuerySet

NEWS_WINDOW = dt.timedelta(hours=48)
NEWS_LIMIT = 1000  # Google News reads at most 1,000 URLs per news sitemap


class FrontSitemap(Sitemap):
    changefreq = "always"
    priority = 1.0

    def items(self) -> list[str]:
        return ["articles:front"]

    def location(self, item: str) -> str:
        return reverse(item)


class SectionSitemap(Sitemap):
    changefreq = "hourly"
    priority = 0.8

    def items(self):
        return Section.objects.all()


class StorySitemap(Sitemap):
    """Every live article once, at its story URL, modified when its newest version went out."""

    limit = 10_000

    def items(self) -> VersionQuerySet:
        return (
            Version.objects.live()
            .select_related("article")
            .only("publish_at", "article__code")
            .order_by("-publish_at", "-pk")
        )

    def location(self, item: Version) -> str:
        return item.article.get_absolute_url()

    def lastmod(self, item: Version) -> dt.datetime:
        return item.publish_at


class NewsSitemap(StorySitemap):
    """Articles first published in the last 48 hours, with the news:news details."""

    limit = NEWS_LIMIT

    def items(self) -> VersionQuerySet:
        now = timezone.now()
        return (
            Version.objects.live(at=now)
            .filter(article__first_published_at__gte=now - NEWS_WINDOW)
            .select_related("article")
            .order_by("-publish_at", "-pk")
        )


SITEMAPS = {"front": FrontSitemap, "sections": SectionSitemap, "stories": StorySitemap}
NEWS_SITEMAPS = {"news": NewsSitemap}
