"""The desk's admin: the article list, the version form and the editorial verbs.

Who may do what lives in ``desk.views.DeskRules``; every queryset, permission
hook, button, view and bulk action here asks it, so a forged POST is refused like the
hidden button. Published versions open read-only and can never be deleted; "delete
selected" is gone from articles and versions.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from operator import attrgetter
from typing import Any

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Exists, F, OuterRef, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from articles import vocab
from articles.models import (
    Article,
    AuditEntry,
    Caption,
    DeskState,
    EditConflict,
    EditingPresence,
    Keyword,
    RevisionTag,
    Section,
    Status,
    TransitionError,
    Version,
    VersionKind,
    VersionWriter,
    Writer,
)
from desk import views as desk_views
from desk.changelist import EstimatingPaginator, SaneChangeList
from desk.forms import (
    ArticleChangeForm,
    ArticleStartForm,
    CaptionForm,
    LoadedAutocompleteSelect,
    LoadedChoicesForm,
    VersionForm,
    scheduled_for,
    verb_of,
)
from desk.models import WorkingCopy
from desk.views import DeskRules


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


class DeskAdmin(admin.ModelAdmin):
    """What the article and version admins share: the desk's stylesheet, no "delete
    selected", and ``desk_urls``: routes to desk.views functions, each called as
    ``function(request, model_admin, **url_kwargs)`` behind the admin's login."""

    desk_urls: list[tuple[str, Callable[..., HttpResponse], str]] = []

    class Media:
        css = {"all": ["css/desk.css"]}

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def action_checkbox(self, obj):
        """A row's checkbox for the actions, written out: the admin renders a form
        widget through the template engine for each of the 50 rows."""
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
            helpers.ACTION_CHECKBOX_NAME,
            obj.pk,
            _("Select this object for an action - {}").format(obj),
        )

    def get_changelist(self, request, **kwargs):
        return SaneChangeList

    def get_urls(self):
        def view(function):
            def wrapper(request, *args, **kwargs):
                return function(request, self, *args, **kwargs)

            return self.admin_site.admin_view(wrapper)

        own = [path(route, view(function), name=name) for route, function, name in self.desk_urls]
        return [*own, *super().get_urls()]


def _when(value: Any) -> str:
    return f"{timezone.localtime(value):%Y-%m-%d %H:%M}" if value else "—"


def _who(user: Any) -> str:
    return (user.get_full_name() or user.get_username()) if user is not None else "—"


# --- a version's parts --------------------------------------------------------------------


class VersionPartInline(admin.TabularInline):
    """A version's parts follow the version's rules: frozen once published, and editable
    only by who may edit that version (``may`` names the DeskRules check)."""

    extra = 0
    view_on_site = False
    may = "may_edit_text"

    def _may(self, request: HttpRequest, obj: Version | None) -> bool:
        return obj is not None and getattr(DeskRules(request.user), self.may)(obj)

    def has_add_permission(self, request, obj=None) -> bool:
        return self._may(request, obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None) -> bool:
        return self._may(request, obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return self._may(request, obj) and super().has_delete_permission(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.autocomplete_fields:
            kwargs["widget"] = LoadedAutocompleteSelect(db_field, self.admin_site)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class BylineInline(VersionPartInline):
    model = VersionWriter
    form = LoadedChoicesForm
    fields = ["position", "writer"]
    autocomplete_fields = ["writer"]
    verbose_name = "writer"
    verbose_name_plural = "byline"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("writer")


class RevisionTagInline(VersionPartInline):
    model = RevisionTag
    fields = ["position", "verb", "object"]
    verbose_name = "revision tag"
    verbose_name_plural = "advisory (ATTN)"


class CaptionInline(VersionPartInline):
    """Captions stacked (picture, photo and place on one line, then the words), so the
    alt text is in view on a 1,440 px screen without scrolling sideways."""

    model = Caption
    form = CaptionForm
    template = "admin/edit_inline/stacked.html"
    may = "may_caption"
    fields = ["thumbnail", ("photo", "order", "after_paragraph"), "text", "alt_text"]
    readonly_fields = ["thumbnail"]
    autocomplete_fields = ["photo"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("photo")

    @admin.display(description="image")
    def thumbnail(self, caption: Caption) -> str:
        if caption.pk is None:
            return "—"
        thumb = caption.photo.thumbnail
        if not thumb:
            return "awaiting image"
        return format_html(
            '<img class="desk-thumb" src="{}" width="{}" height="{}" alt="{}">',
            caption.photo.thumbnail_url,
            thumb.get("width", ""),
            thumb.get("height", ""),
            caption.alt,
        )


# --- versions -----------------------------------------------------------------------------

# Where each of the form's verbs leaves a version it succeeded on.
VERB_LEADS_TO = {
    "submit": Status.SUBMITTED,
    "send back": Status.DRAFT,
    "schedule": Status.PUBLISHED,
}
# Reading order of the version form: fieldsets by name, inlines by class name.
LAYOUT = [
    ("fieldset", None),
    ("fieldset", "Story"),
    ("inline", "BylineInline"),
    ("fieldset", "Dateline and text"),
    ("inline", "RevisionTagInline"),
    ("fieldset", "Suggested advisory"),
    ("inline", "CaptionInline"),
    ("fieldset", "Roundup"),
    ("fieldset", "Notes"),
    ("fieldset", "Desk"),
]
_PART_FIELD = re.compile(r"^(captions|revision_tags)-(\d+)-(text|alt_text|verb|object)$")


def refused_text(post: Any) -> str:
    """Everything an editor typed in a refused save, as plain text for the audit log."""
    lines = [
        f"{name}: {post[name]}"
        for name in Version.EDITABLE_FIELDS
        if name != "body" and post.get(name, "").strip()
    ]
    for key in sorted(post, key=lambda k: (len(k), k)):
        match = _PART_FIELD.match(key)
        if match and post[key].strip():
            part, n, field = match.groups()
            lines.append(f"{part} {int(n) + 1} {field}: {post[key]}")
    return "\n".join([*lines, "", post.get("body", "")]).strip()


@admin.register(Version)
class VersionAdmin(DeskAdmin):
    form = VersionForm
    change_form_template = "admin/articles/version/change_form.html"
    view_on_site = False  # the form's own tools link the public page once published
    list_display = ["__str__", "number", "kind", "status", "publish_at", "updated_at"]
    list_filter = ["status", "kind", "genre", "article__section"]
    list_select_related = ["article"]
    search_fields = ["article__code", "article__slug", "headline", "body"]
    date_hierarchy = "publish_at"
    autocomplete_fields = ["folds_in"]
    inlines = [BylineInline, RevisionTagInline, CaptionInline]

    class Media:
        js = ["js/desk-advisory.js", "js/desk-captions.js", "js/desk-working-copy.js"]

    desk_urls = [
        ("<path:object_id>/preview/", desk_views.preview, "articles_version_preview"),
        ("<path:object_id>/share/", desk_views.share_preview, "articles_version_share"),
        ("<path:object_id>/publish/", desk_views.publish_version, "articles_version_publish"),
        ("<path:object_id>/advisory/", desk_views.suggest_advisory, "articles_version_advisory"),
        ("photo-words/<int:photo_id>/", desk_views.photo_words, "articles_version_photo_words"),
        (
            "<path:object_id>/working-copy/",
            desk_views.working_copy,
            "articles_version_working_copy",
        ),
    ]

    # --- who sees and changes what ---

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        queryset = super().get_queryset(request).select_related("article", "updated_by")
        return DeskRules(request.user).versions(queryset)

    def has_add_permission(self, request) -> bool:
        # New versions are started from an article (the desk's editorial verbs).
        return False

    def has_view_permission(self, request, obj=None) -> bool:
        allowed = super().has_view_permission(request, obj)
        return allowed and (obj is None or DeskRules(request.user).may_view(obj))

    def has_change_permission(self, request, obj=None) -> bool:
        rules = DeskRules(request.user)
        if obj is None:
            return rules.has("change_version") or rules.has("caption_any_version")
        return rules.may_change(obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        if obj is not None and obj.status == Status.PUBLISHED:
            return False
        return super().has_delete_permission(request, obj)

    # --- the form ---

    def get_readonly_fields(self, request, obj=None) -> list[str]:
        fields = ["article_link", "label", "state", "suggested_advisory"]
        rules = DeskRules(request.user)
        if obj is not None and not rules.may_edit_text(obj):
            fields += [*Version.EDITABLE_FIELDS, "folds_in"]
        elif not rules.is_desk:
            fields.append("folds_in")
        return fields

    def get_fieldsets(self, request, obj=None) -> list[tuple[str | None, dict[str, Any]]]:
        if obj is None:
            return [(None, {"fields": ["headline"]})]
        rules = DeskRules(request.user)
        may_change = rules.may_change(obj)
        text = ["dateline_place", "dateline_date", "body", "signoff"]
        if obj.kind == VersionKind.CORRECTION or obj.correction_note:
            text.append("correction_note")
        fieldsets: list[tuple[str | None, dict[str, Any]]] = [
            (
                None,
                {
                    "fields": ["article_link", "label", "state"]
                    + (["opened_revision"] if may_change else [])
                },
            ),
            ("Story", {"fields": ["genre", "genre_source", "headline", "deck"]}),
            ("Dateline and text", {"fields": text}),
        ]
        if obj.number > 0 and not obj.is_published:
            suggestion = ["suggested_advisory"]
            if rules.may_edit_text(obj):  # may_edit_text implies may_change
                suggestion.append("use_suggestion")
            fieldsets.append(("Suggested advisory", {"fields": suggestion}))
        if obj.kind == VersionKind.ROUNDUP:
            fieldsets.append(("Roundup", {"fields": ["folds_in"]}))
        fieldsets.append(("Notes", {"fields": ["internal_note"]}))
        desk = []
        if rules.may_publish(obj):
            desk.append("schedule_at")
        if rules.may_send_back(obj):
            desk.append("send_back_note")
        if desk:
            fieldsets.append(("Desk", {"fields": desk}))
        return fieldsets

    @admin.display(description="article")
    def article_link(self, obj: Version) -> str:
        url = reverse("admin:articles_article_change", args=[obj.article_id])
        return format_html('<a href="{}">{}</a> {}', url, obj.article.code, obj.slug_line)

    @admin.display(description="label")
    def label(self, obj: Version) -> str:
        return obj.label or "— (first version)"

    @admin.display(description="state")
    def state(self, obj: Version) -> str:
        if obj.is_scheduled:
            return scheduled_for(obj.publish_at)
        if obj.is_published:
            return f"published {_when(obj.publish_at)}"
        changed = f"last saved {_when(obj.updated_at)} by {_who(obj.updated_by)}"
        return f"{obj.get_status_display().lower()}, {changed} (revision {obj.revision})"

    @admin.display(description="suggested from the changes")
    def suggested_advisory(self, obj: Version) -> str:
        return vocab.advisory(obj.suggested_advisory()) or "no changes yet"

    # --- saving: compare-and-set, then the button's verb ---

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method == "POST" and object_id:
            version = self.get_object(request, unquote(object_id))
            if version is not None:
                refused = self._check_post(request, version)
                if refused is not None:
                    return refused
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except EditConflict:
            # Lost the race in the UPDATE itself; nothing was written. The form's own
            # revision check now names who saved first and files the refused text.
            return super().changeform_view(request, object_id, form_url, extra_context)

    def _check_post(self, request: HttpRequest, version: Version) -> HttpResponse | None:
        """Refuse a button this user may not use on this version, before anything runs."""
        rules = DeskRules(request.user)
        if rules.may_change(version):
            if not rules.may_verb(verb_of(request.POST), version):
                raise PermissionDenied
            return None
        opened = request.POST.get("opened_revision", "")
        could_edit = request.user.has_perm("articles.change_version")
        if could_edit and opened.isdigit() and int(opened) < version.revision:
            # It was editable when opened, and moved on (published, submitted) since:
            # the text typed meanwhile is kept and shown, never dropped.
            conflict = version.conflict()
            text = refused_text(request.POST)
            version.keep_refused_edit(by=request.user, text=text, reason=str(conflict))
            return TemplateResponse(
                request,
                "admin/articles/version/refused_edit.html",
                desk_views.admin_context(
                    request,
                    self,
                    title="Your save was refused",
                    version=version,
                    conflict=conflict,
                    text=text,
                    comparison=desk_views.conflict_comparison(version, request.POST),
                ),
                status=409,
            )
        raise PermissionDenied

    def save_model(self, request, obj, form, change):
        fields = [name for name in form.cleaned_data if name in Version.EDITABLE_FIELDS]
        obj.save_edit(by=request.user, revision=form.cleaned_data["opened_revision"], fields=fields)
        # Saved: the words kept while typing are the version's now.
        WorkingCopy.discard(version=obj, user=request.user)

    def save_related(self, request, form, formsets, change):
        """The parts, the advisory they settle, then the button's verb (all saved first,
        so a publish checks the captions just written)."""
        super().save_related(request, form, formsets, change)
        tags = [fs for fs in formsets if fs.model is RevisionTag]
        form.instance.settle_advisory(
            edited_by_hand=any(fs.has_changed() for fs in tags),
            use_suggestion=form.cleaned_data.get("use_suggestion", False),
        )
        try:
            done = form.apply_verb(by=request.user)
        except TransitionError as error:
            messages.error(request, f"Saved, but: {error}")
        else:
            if done:
                messages.success(request, f"{done}: {form.instance}")

    def response_change(self, request, obj):
        verb = verb_of(request.POST)
        if verb == "publish":
            # Saved; now the confirmation shows it as subscribers will get it.
            return redirect("admin:articles_version_publish", obj.pk)
        if verb == "save":
            if "_continue" in request.POST:
                return super().response_change(request, obj)
            EditingPresence.left(version=obj, user=request.user)
            messages.success(request, f"Saved {obj}.")
            return redirect("admin:articles_article_change", obj.article_id)
        if obj.status != VERB_LEADS_TO[verb]:  # refused: apply_verb said why
            return HttpResponseRedirect(reverse("admin:articles_version_change", args=[obj.pk]))
        EditingPresence.left(version=obj, user=request.user)
        return redirect("admin:articles_article_change", obj.article_id)

    # --- rendering ---

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            rules = DeskRules(request.user)
            form = context["adminform"].form
            conflict = getattr(form, "conflict", None)
            if conflict is not None:
                obj.keep_refused_edit(
                    by=request.user, text=refused_text(request.POST), reason=str(conflict)
                )
                # Theirs beside yours; the form below keeps your words (merge by hand).
                context["conflict"] = conflict
                context["comparison"] = desk_views.conflict_comparison(obj, request.POST)
            may_change = rules.may_change(obj)
            note = desk_views.send_back_note(obj)
            context.update(
                desk_layout=self._layout(context),
                sent_back=(
                    f"Sent back by {_who(note.actor)} at {_when(note.created_at)}" if note else ""
                ),
                sent_back_note=note.note if note else "",
                others_editing=(
                    EditingPresence.opened(version=obj, user=request.user) if may_change else []
                ),
                desk_buttons=self._buttons(rules, obj),
                preview_url=reverse("admin:articles_version_preview", args=[obj.pk]),
                share_url=(
                    reverse("admin:articles_version_share", args=[obj.pk])
                    if rules.may_share(obj)
                    else ""
                ),
                compare_url=(
                    reverse("admin:articles_article_compare", args=[obj.article_id])
                    + f"?new={obj.number}"
                ),
                public_url=obj.get_absolute_url() if obj.is_published else "",
                photo_words_url=reverse("admin:articles_version_photo_words", args=[0]),
                working_copy_url=(
                    reverse("admin:articles_version_working_copy", args=[obj.pk])
                    if may_change
                    else ""
                ),
                working_copy=(
                    WorkingCopy.of(version=obj, user=request.user)
                    if may_change and request.method == "GET"
                    else None
                ),
                advisory_url=(
                    reverse("admin:articles_version_advisory", args=[obj.pk])
                    if may_change and obj.number > 0
                    else ""
                ),
            )
        response = super().render_change_form(request, context, add, change, form_url, obj)
        if context.get("conflict") is not None:
            response.status_code = 409  # refused: someone else saved first
        return response

    def _layout(self, context: dict[str, Any]) -> list[dict[str, Any]]:
        fieldsets = list(context["adminform"])
        by_name = {fs.name: fs for fs in fieldsets}
        inlines = {type(i.opts).__name__: i for i in context["inline_admin_formsets"]}
        parts, used = [], set()
        for kind, key in LAYOUT:
            source = by_name if kind == "fieldset" else inlines
            if key in source:
                parts.append({kind: source[key]})
                used.add((kind, key))
        parts += [{"fieldset": fs} for fs in fieldsets if ("fieldset", fs.name) not in used]
        parts += [{"inline": i} for name, i in inlines.items() if ("inline", name) not in used]
        return parts

    def _buttons(self, rules: DeskRules, obj: Version) -> list[tuple[str, str, str]]:
        if not rules.may_change(obj):
            return []
        buttons = [("_save", "Save", "default"), ("_continue", "Save and keep editing", "")]
        if rules.may_submit(obj):
            buttons.append(("_submit", "Submit to desk", ""))
        if rules.may_publish(obj):
            buttons += [("_publish", "Publish now", "publish"), ("_schedule", "Schedule", "")]
        if rules.may_send_back(obj):
            buttons.append(("_sendback", "Send back", ""))
        return buttons


# --- articles -----------------------------------------------------------------------------


class VersionInline(admin.TabularInline):
    """The article's versions, as this user may see them, with their verbs."""

    model = Version
    fields = ["number", "label", "headline", "state", "publish_at", "updated_by", "links"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    ordering = ["-number"]
    view_on_site = False

    def get_queryset(self, request):
        queryset = super().get_queryset(request).select_related("updated_by", "article")
        return (
            DeskRules(request.user)
            .versions(queryset)
            .annotate(was_sent_back=desk_views.sent_back())
        )

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description="label")
    def label(self, obj: Version) -> str:
        return obj.label or "—"

    @admin.display(description="state")
    def state(self, obj: Version) -> str:
        return desk_views.version_state(obj, was_sent_back=getattr(obj, "was_sent_back", False))

    @admin.display(description="")
    def links(self, obj: Version) -> str:
        return format_html(
            '<a href="{}">open</a> · <a href="{}">preview</a> · <a href="{}">compare</a>',
            reverse("admin:articles_version_change", args=[obj.pk]),
            reverse("admin:articles_version_preview", args=[obj.pk]),
            reverse("admin:articles_article_compare", args=[obj.article_id]) + f"?new={obj.number}",
        )


class AuditEntryInline(admin.TabularInline):
    """Who did what, when, from which state to which: read-only, desk and admins only."""

    model = AuditEntry
    fields = ["created_at", "actor", "action", "version_number", "states", "note_excerpt"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    view_on_site = False
    verbose_name_plural = "audit log"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("actor", "version")

    def has_view_permission(self, request, obj=None) -> bool:
        return DeskRules(request.user).may_read_audit()

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description="version")
    def version_number(self, entry: AuditEntry) -> str:
        if entry.version is None:
            return "article"
        return f"v{entry.version.number} {entry.version.label}".strip()

    @admin.display(description="from → to")
    def states(self, entry: AuditEntry) -> str:
        if not (entry.from_status or entry.to_status):
            return ""
        return f"{entry.from_status or '—'} → {entry.to_status or '—'}"

    @admin.display(description="note")
    def note_excerpt(self, entry: AuditEntry) -> str:
        url = reverse("admin:articles_auditentry_change", args=[entry.pk])
        note = entry.note if len(entry.note) <= 160 else entry.note[:160] + "…"
        return format_html('{} <a href="{}">full entry</a>', note, url) if entry.note else ""


class DeskStateFilter(admin.SimpleListFilter):
    title = "state"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return DeskState.choices

    def queryset(self, request, queryset):
        if self.value() in DeskState.values:
            return queryset.in_desk_state(self.value())
        return queryset


class WriterFilter(admin.SimpleListFilter):
    """Stories whose newest version carries the writer's byline (EXISTS: no duplicates)."""

    title = "writer"
    parameter_name = "writer"

    def lookups(self, request, model_admin):
        return [(str(pk), name) for pk, name in Writer.objects.values_list("pk", "name")]

    def queryset(self, request, queryset):
        if not (self.value() or "").isdigit():
            return queryset
        bylined = VersionWriter.objects.filter(
            version=OuterRef("newest_version"), writer_id=int(self.value())
        )
        return queryset.filter(Exists(bylined))


class LastChangeFilter(admin.DateFieldListFilter):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.title = "last change"


class SectionFilter(admin.RelatedFieldListFilter):
    """The section filter, compared as an expression: SQLite then walks the list in its
    newest-first order and stops at a page, where the section's index made it gather
    and sort the section's whole archive (380 ms at 100,000 articles)."""

    def queryset(self, request, queryset):
        chosen = self.used_parameters.pop(self.lookup_kwarg, None)
        try:
            queryset = super().queryset(request, queryset)  # "None", if asked for
        finally:
            if chosen is not None:
                self.used_parameters[self.lookup_kwarg] = chosen
        if chosen is None:
            return queryset
        return queryset.alias(_section=F("section_id") + 0).filter(_section__in=chosen)


class DeskChangeList(SaneChangeList):
    """The article list: joins and prefetches what the columns show, and decides once per
    row whether this user may see the newest version (a reporter never sees another's
    draft, not even its headline)."""

    def apply_select_related(self, qs):
        return super().apply_select_related(qs).for_desk()

    def get_results(self, request):
        super().get_results(request)
        rules = DeskRules(request.user)
        self.result_list = list(self.result_list)
        for article in self.result_list:
            newest = article.newest_version
            if newest is not None:
                newest.article = article  # its own article: no query per row for the labels
            article.desk_shown = newest if newest and rules.may_view(newest) else None

    def rows(self) -> Iterator[list[SafeString]]:
        """Each row's cells exactly as the admin writes them (admin_list's
        items_for_result), for the kinds of column this list has: the checkbox, admin
        methods and model fields, the linked one in a <th>. How to show each column is
        decided once for the list, not again for each of its 400 cells."""
        model_admin = self.model_admin
        empty = model_admin.get_empty_value_display()
        columns = []
        for name in self.list_display:
            if name == "action_checkbox":
                columns.append((name, model_admin.action_checkbox, "action-checkbox"))
            elif callable(getattr(model_admin, name, None)):
                columns.append((name, getattr(model_admin, name), f"field-{name}"))
            else:
                field = self.opts.get_field(name)
                nowrap = isinstance(field, models.DateField | models.TimeField | models.ForeignKey)
                columns.append((name, attrgetter(name), f"field-{name}" + " nowrap" * nowrap))
        links = self.list_display_links or ()
        preserved = None  # the same query string follows every row's link
        for article in self.result_list:
            cells = []
            for name, value_of, classes in columns:
                value = value_of(article)
                if value is None or (isinstance(value, str) and not value.strip()):
                    value = empty
                if name not in links:
                    cells.append(format_html('<td class="{}">{}</td>', classes, value))
                    continue
                url = self.url_for_result(article)
                if preserved is None:
                    context = {"preserved_filters": self.preserved_filters, "opts": self.opts}
                    preserved = add_preserved_filters(context, url)[len(url) :]
                link = format_html('<a href="{}">{}</a>', url + preserved, value)
                cells.append(format_html('<th class="{}">{}</th>', classes, link))
            yield cells


@admin.register(Article)
class ArticleAdmin(DeskAdmin):
    list_display = [
        "code",
        "headline_column",
        "section",
        "state_column",
        "writers_column",
        "last_change",
        "editing_column",
    ]
    list_filter = [
        DeskStateFilter,
        ("section", SectionFilter),
        WriterFilter,
        ("newest_version__genre", admin.ChoicesFieldListFilter),
        ("newest_version__updated_at", LastChangeFilter),
    ]
    search_fields = ["code", "slug", "newest_version__headline", "newest_version__body"]
    date_hierarchy = "created_at"
    list_per_page = 50
    # An exact total needs a full COUNT on every page view; the filtered count suffices,
    # and the whole list's is estimated.
    show_full_result_count = False
    paginator = EstimatingPaginator
    autocomplete_fields = ["keywords"]
    form = ArticleChangeForm
    inlines = [VersionInline, AuditEntryInline]
    actions = ["start_lead", "start_roundup", "start_correction", "start_urgent", "kill_selected"]
    change_form_template = "admin/articles/article/change_form.html"
    desk_urls = [
        (
            "<path:object_id>/change/new/<str:verb>/",
            desk_views.start_version,
            "articles_article_new_version",
        ),
        ("<path:object_id>/change/kill/", desk_views.kill_article, "articles_article_kill"),
        (
            "<path:object_id>/change/compare/",
            desk_views.compare_versions,
            "articles_article_compare",
        ),
    ]

    def view_on_site(self, article: Article) -> str | None:
        # Only a story readers can open; a draft's public address is a 404.
        return article.get_absolute_url() if article.current_version() else None

    # --- who sees and changes what ---

    def get_queryset(self, request):
        articles = (
            super()
            .get_queryset(request)
            .annotate(newest_sent_back=desk_views.sent_back(OuterRef("newest_version")))
        )
        return DeskRules(request.user).articles(articles)

    def get_changelist(self, request, **kwargs):
        return DeskChangeList

    def has_change_permission(self, request, obj=None) -> bool:
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or DeskRules(request.user).may_change_article(obj))

    def has_delete_permission(self, request, obj=None) -> bool:
        if obj is not None and obj.versions.filter(status=Status.PUBLISHED).exists():
            return False
        return super().has_delete_permission(request, obj)

    def has_start_update_permission(self, request) -> bool:
        return DeskRules(request.user).has("start_update")

    def has_kill_permission(self, request) -> bool:
        return DeskRules(request.user).has("kill_article")

    # --- the list ---

    @admin.display(description="label and headline", ordering="newest_version__headline")
    def headline_column(self, article: Article) -> str:
        shown = getattr(article, "desk_shown", article.newest_version)
        if shown is None:
            return "— (someone else's draft)" if article.newest_version_id else "—"
        url = reverse("admin:articles_version_change", args=[shown.pk])
        return format_html('<a href="{}">{}</a>', url, shown.display_headline)

    @admin.display(description="state", ordering="newest_version__status")
    def state_column(self, article: Article) -> str:
        state = article.desk_state()
        label = DeskState(state).label if state else "—"
        if state == DeskState.SCHEDULED:
            label = scheduled_for(article.newest_version.publish_at)
        elif state == DeskState.DRAFT and getattr(article, "newest_sent_back", False):
            state, label = "sent-back", "Sent back"
        return format_html('<span class="desk-state desk-state-{}">{}</span>', state, label)

    @admin.display(description="writers")
    def writers_column(self, article: Article) -> str:
        shown = getattr(article, "desk_shown", None)
        return ", ".join(b.writer.name for b in shown.bylines.all()) if shown else ""

    @admin.display(description="last change", ordering="newest_version__updated_at")
    def last_change(self, article: Article) -> str:
        newest = article.newest_version
        return _when(newest.updated_at) if newest else "—"

    @admin.display(description="editing")
    def editing_column(self, article: Article) -> str:
        newest = article.newest_version
        present = getattr(newest, "recent_presences", []) if newest else []
        return ", ".join(_who(p.user) for p in present)

    # --- adding: a story starts as an article with its first draft ---

    def get_inlines(self, request, obj):
        return self.inlines if obj is not None else []

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = ArticleStartForm
        return super().get_form(request, obj, **kwargs)

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return [(None, {"fields": ["slug", "section", "keywords", "kind", "headline"]})]
        return [
            (None, {"fields": ["code", "slug", "section", "keywords", "top_order"]}),
            (
                "Record",
                {"fields": ["created_at", "state", "killed_at", "kill_note", "folded_into"]},
            ),
        ]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        fields = ["code", "created_at", "state", "killed_at", "kill_note", "folded_into"]
        if not DeskRules(request.user).is_desk:
            fields.append("top_order")
        return fields

    @admin.display(description="state")
    def state(self, article: Article) -> str:
        state = article.desk_state()
        return DeskState(state).label if state else "—"

    def save_model(self, request, obj, form, change):
        if change:
            obj.save()  # the audit entry follows in save_related, keywords included
            return
        version = Article.start(
            by=request.user,
            slug=obj.slug,
            section=obj.section,
            headline=form.cleaned_data["headline"],
            kind=form.cleaned_data["kind"],
        )
        writer = Writer.objects.filter(user=request.user).first()
        if writer is not None:  # a reporter's own story carries their byline from the start
            VersionWriter.objects.create(version=version, writer=writer, position=0)
        obj.pk = version.article_id
        obj.refresh_from_db()
        obj._state.adding = False

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if change and (changes := form.changes()):
            AuditEntry.record(
                article=form.instance, by=request.user, action="change article", note=changes
            )

    def response_add(self, request, obj, post_url_continue=None):
        messages.success(request, f"Started {obj.code}: write the first version.")
        return redirect("admin:articles_version_change", obj.newest_version_id)

    # --- the article page: versions, audit log, object tools ---

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context["desk_tools"] = self._tools(request, obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _tools(self, request: HttpRequest, article: Article) -> list[dict[str, Any]]:
        """The article's verbs this user may use now (the views check again on POST).

        A verb that asks nothing (LEAD, URGENT) is a button that starts the draft at once,
        naming the label it gets; the others open their page (a note, stories to fold in).
        """
        rules = DeskRules(request.user)
        tools = [
            {
                "url": reverse("admin:articles_article_compare", args=[article.pk]),
                "label": "Compare",
            }
        ]
        if article.newest_version_id and rules.may_view(article.newest_version):
            preview = reverse("admin:articles_version_preview", args=[article.newest_version_id])
            tools.append({"url": preview, "label": "Preview newest"})
        if rules.may_start(article):
            for verb, spec in desk_views.NEW_VERSION_VERBS.items():
                url = reverse("admin:articles_article_new_version", args=[article.pk, verb])
                asks_nothing = spec.form is desk_views.ConfirmForm
                tools.append(
                    {
                        "url": url,
                        "label": spec.title,
                        "post": asks_nothing,
                        "explain": f"{spec.explain} It will be labelled "
                        f"{desk_views.next_label(article, spec.kind)}."
                        if asks_nothing
                        else "",
                    }
                )
        if rules.may_kill(article):
            kill = reverse("admin:articles_article_kill", args=[article.pk])
            tools.append({"url": kill, "label": "Kill", "css": "danger"})
        if rules.may_read_audit():
            audit = reverse("admin:articles_auditentry_changelist")
            tools.append({"url": f"{audit}?article__id__exact={article.pk}", "label": "Audit log"})
        return tools

    # --- bulk actions: the same verbs, each article checked on its own ---

    @admin.action(description="Update (LEAD) the selected stories", permissions=["start_update"])
    def start_lead(self, request, queryset):
        desk_views.start_each(request, queryset, kind=VersionKind.LEAD)

    @admin.action(description="Roundup of the selected stories", permissions=["start_update"])
    def start_roundup(self, request, queryset):
        return desk_views.roundup_action(request, self, queryset)

    @admin.action(description="Correction of the selected stories", permissions=["start_update"])
    def start_correction(self, request, queryset):
        return desk_views.correction_action(request, self, queryset)

    @admin.action(description="Urgent on the selected stories", permissions=["start_update"])
    def start_urgent(self, request, queryset):
        desk_views.start_each(request, queryset, kind=VersionKind.URGENT)

    @admin.action(description="Kill the selected stories", permissions=["kill"])
    def kill_selected(self, request, queryset):
        return desk_views.kill_action(request, self, queryset)


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """The audit trail: read-only, for the desk and administrators."""

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
    fields = [
        "created_at",
        "article",
        "version",
        "actor",
        "action",
        "from_status",
        "to_status",
        "note",
    ]

    def has_view_permission(self, request, obj=None) -> bool:
        return DeskRules(request.user).may_read_audit() and super().has_view_permission(
            request, obj
        )

    def has_module_permission(self, request) -> bool:
        return DeskRules(request.user).may_read_audit()

    def get_changelist(self, request, **kwargs):
        return SaneChangeList

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


# The photo library's admin is extended from here (usage of photos in stories), so that
# the photos app itself never needs to know about articles.
from desk import photos as admin_photos  # noqa: E402, F401
