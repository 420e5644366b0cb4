"""The desk's admin: declarative lists and forms over the editorial models.

Published versions open read-only and can never be deleted; "delete selected" is gone
from articles and versions.
"""

from __future__ import annotations

from django.contrib import admin

from articles.models import (
    Article,
    AuditEntry,
    Caption,
    Keyword,
    RevisionTag,
    Section,
    Status,
    Version,
    VersionWriter,
    Writer,
)


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order"]
    list_editable = ["order"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Writer)
class WriterAdmin(admin.ModelAdmin):
    list_display = ["name", "name_ko", "email", "user"]
    search_fields = ["name", "name_ko", "email"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["user"]


@admin.register(Keyword)
class KeywordAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class PublishedReadOnlyInline(admin.TabularInline):
    """Parts of a published version are frozen with it."""

    extra = 0

    def _editable(self, obj: Version | None) -> bool:
        return obj is None or obj.status != Status.PUBLISHED

    def has_add_permission(self, request, obj=None) -> bool:
        return self._editable(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None) -> bool:
        return self._editable(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return self._editable(obj) and super().has_delete_permission(request, obj)


class BylineInline(PublishedReadOnlyInline):
    model = VersionWriter
    autocomplete_fields = ["writer"]
    verbose_name = "writer"
    verbose_name_plural = "byline"


class RevisionTagInline(PublishedReadOnlyInline):
    model = RevisionTag
    fields = ["position", "verb", "object"]
    verbose_name_plural = "advisory (ATTN)"


class CaptionInline(PublishedReadOnlyInline):
    model = Caption
    fields = ["order", "photo", "after_paragraph", "text", "alt_text"]
    autocomplete_fields = ["photo"]


class VersionInline(admin.TabularInline):
    model = Version
    fields = ["number", "label", "headline", "status", "publish_at"]
    readonly_fields = fields
    extra = 0
    show_change_link = True
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["code", "slug", "section", "created_at", "killed_at"]
    list_filter = ["section", ("killed_at", admin.EmptyFieldListFilter)]
    list_select_related = ["section"]
    search_fields = ["code", "slug"]
    date_hierarchy = "created_at"
    readonly_fields = ["code", "created_at", "killed_at", "kill_note", "folded_into"]
    autocomplete_fields = ["keywords"]
    inlines = [VersionInline]

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def has_delete_permission(self, request, obj=None) -> bool:
        if obj is not None and obj.versions.filter(status=Status.PUBLISHED).exists():
            return False
        return super().has_delete_permission(request, obj)


@admin.register(Version)
class VersionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "number", "kind", "status", "publish_at", "updated_at"]
    list_filter = ["status", "kind", "genre", "article__section"]
    list_select_related = ["article"]
    search_fields = ["article__code", "article__slug", "headline", "body"]
    date_hierarchy = "publish_at"
    readonly_fields = ["article", "number", "label", "status", "publish_at", "revision"]
    fieldsets = [
        (None, {"fields": ["article", "number", "label", "status", "publish_at"]}),
        ("Story", {"fields": ["kind", "genre", "genre_source", "headline", "deck"]}),
        ("Dateline and text", {"fields": ["dateline_place", "dateline_date", "body", "signoff"]}),
        ("Notes", {"fields": ["correction_note", "internal_note"]}),
    ]
    inlines = [BylineInline, RevisionTagInline, CaptionInline]

    @admin.display(description="label")
    def label(self, obj: Version) -> str:
        return obj.label or "—"

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def has_add_permission(self, request) -> bool:
        # New versions are started from an article (the desk's editorial verbs).
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        if obj is not None and obj.status == Status.PUBLISHED:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        if obj is not None and obj.status == Status.PUBLISHED:
            return False
        return super().has_delete_permission(request, obj)


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = [
        "created_at",
        "article",
        "version",
        "actor",
        "action",
        "from_status",
        "to_status",
    ]
    list_filter = ["action"]
    list_select_related = ["article", "version__article", "actor"]
    search_fields = ["article__code", "note"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


# The photo library's admin is extended from here (usage of photos in stories), so that
# the photos app itself never needs to know about articles.
from articles import admin_photos  # noqa: E402, F401
