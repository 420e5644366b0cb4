"""Photo library admin additions that need articles: where each photo is used.

The photos app knows nothing of articles, so its admin is re-registered here as a
subclass that adds a used/unused filter, a usage count in the list and, on each photo,
the list of story versions that caption it.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Count, Exists, OuterRef, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from articles.models import Caption, Status
from desk.changelist import SaneChangeList
from photos.admin import PhotoAdmin
from photos.models import Photo


class UsageFilter(admin.SimpleListFilter):
    title = "use in stories"
    parameter_name = "used"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [
            ("yes", "Used"),
            ("published", "Used in a published version"),
            ("drafts", "Used only in unpublished versions"),
            ("no", "Unused"),
        ]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        captions = Caption.objects.filter(photo=OuterRef("pk"))
        published = captions.filter(version__status=Status.PUBLISHED)
        match self.value():
            case "yes":
                return queryset.filter(Exists(captions))
            case "published":
                return queryset.filter(Exists(published))
            case "drafts":
                return queryset.filter(Exists(captions)).exclude(Exists(published))
            case "no":
                return queryset.exclude(Exists(captions))
        return queryset


admin.site.unregister(Photo)


@admin.register(Photo)
class PhotoUsageAdmin(PhotoAdmin):
    list_display = [*PhotoAdmin.list_display, "use_count"]
    list_filter = [UsageFilter, *PhotoAdmin.list_filter]
    readonly_fields = [*PhotoAdmin.readonly_fields, "where_used"]
    fieldsets = [
        *PhotoAdmin.fieldsets[:-1],
        ("Where used", {"fields": ["where_used"]}),
        PhotoAdmin.fieldsets[-1],
    ]

    def get_changelist(self, request: HttpRequest, **kwargs: Any) -> type:
        return SaneChangeList

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        # One join for the count; the filters use EXISTS, so they never multiply rows.
        return super().get_queryset(request).annotate(use_count=Count("captions"))

    @admin.display(description="uses", ordering="use_count")
    def use_count(self, obj: Photo) -> int:
        return getattr(obj, "use_count", 0)

    @admin.display(description="story versions")
    def where_used(self, obj: Photo) -> str:
        if obj.pk is None:
            return "—"
        captions = (
            Caption.objects.filter(photo=obj)
            .select_related("version__article")
            .order_by("-version__article__created_at", "-version__number")
        )
        rows = [
            (
                reverse("admin:articles_version_change", args=[c.version_id]),
                c.version.article.code,
                c.version.number,
                c.version.display_headline,
                c.version.get_status_display(),
                c.text or "(no caption text)",
            )
            for c in captions
        ]
        if not rows:
            return "Not used in any story."
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                '<li><a href="{}">{} v{}</a> {} ({})<br><small>{}</small></li>',
                rows,
            ),
        )
