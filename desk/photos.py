"""Photo library admin additions that need articles: where each photo is used.

The photos app knows nothing of articles, so its admin is re-registered here as a
subclass that adds a used/unused filter, a usage count in the list and, on each photo,
the list of story versions that caption it.

Uses are shown by the rule of the article list (articles.permissions.visible_versions):
a reporter learns of a photo's use in their own drafts and in published copy, never the
headline or caption of another reporter's draft, in the list, its filter or the form.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import (
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    QuerySet,
    Subquery,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from articles import permissions
from articles.models import Caption, Status, Version
from desk.changelist import SaneChangeList
from photos.admin import PhotoAdmin
from photos.models import Photo


def visible_uses(user: Any) -> QuerySet[Caption]:
    """The captions this user may know of: those of the versions they may open."""
    return Caption.objects.filter(
        version__in=permissions.visible_versions(user, Version.objects.all())
    )


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
        captions = visible_uses(request.user).filter(photo=OuterRef("pk"))
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
        # A subquery for the count, like the filters' EXISTS: rows are never multiplied.
        counted = (
            visible_uses(request.user)
            .filter(photo=OuterRef("pk"))
            .order_by()
            .values("photo")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return (
            super()
            .get_queryset(request)
            .annotate(use_count=Coalesce(Subquery(counted, output_field=IntegerField()), 0))
        )

    def get_object(self, request: HttpRequest, object_id: str, from_field: Any = None) -> Any:
        """The photo, with the uses this user may see (``visible_uses``) for "where used"."""
        photo = super().get_object(request, object_id, from_field)
        if photo is not None:
            uses = (
                visible_uses(request.user)
                .select_related("version__article")
                .order_by("-version__article__created_at", "-version__number")
            )
            prefetch_related_objects([photo], Prefetch("captions", uses, to_attr="visible_uses"))
        return photo

    @admin.display(description="uses", ordering="use_count")
    def use_count(self, obj: Photo) -> int:
        return getattr(obj, "use_count", 0)

    @admin.display(description="story versions")
    def where_used(self, obj: Photo) -> str:
        captions = getattr(obj, "visible_uses", None)
        if obj.pk is None or captions is None:
            return "—"
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
