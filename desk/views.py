"""The desk's editorial verbs beyond plain editing: new versions, kill, compare, preview.

``DeskRules`` says who may do what (DESIGN.md section 4). The admin (desk.admin) asks
it in ``get_queryset`` and ``has_*_permission``, and every view and bulk action here asks
it again on the server, so a forged POST is refused exactly like a hidden button. The
verbs themselves are model methods, shared with commands and tests.

The admin wires these views through its ``get_urls``; the shareable preview link is the
one public route (``urlpatterns`` below, included from newsroom/urls.py).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from functools import cached_property
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_POST

from articles import advisories, permissions, vocab
from articles import compare as comparing
from articles.models import (
    Article,
    AuditEntry,
    Caption,
    EditingPresence,
    Status,
    TransitionError,
    Version,
    VersionKind,
    VersionWriter,
    Writer,
    split_paragraphs,
)
from desk.forms import (
    ConfirmForm,
    CorrectionForm,
    KillForm,
    PublishForm,
    RoundupActionForm,
    RoundupForm,
    scheduled_for,
)
from desk.models import WorkingCopy
from photos.models import Photo

# A shared preview link works this long (seconds); NEWSROOM_PREVIEW_MAX_AGE overrides it.
PREVIEW_MAX_AGE = 2 * 24 * 3600
PREVIEW_SALT = "articles.preview"
VERB_TEMPLATE = "admin/articles/article/desk_verb.html"


# --- who may do what ----------------------------------------------------------------------


class DeskRules:
    """What one user may do on the desk, object by object: the object permissions of
    articles.permissions (who) joined with the version's or article's state (what the
    verb allows now). The admin asks it for its buttons and querysets, and every view
    and bulk action asks it again on the server, so a forged POST meets a 403.
    """

    def __init__(self, user: Any) -> None:
        self.user = user

    def has(self, codename: str, obj: Any = None) -> bool:
        return self.user.has_perm(f"articles.{codename}", obj)

    @cached_property
    def is_desk(self) -> bool:
        return self.has("publish_version")

    # visibility

    def versions(self, queryset: models.QuerySet) -> models.QuerySet:
        return permissions.visible_versions(self.user, queryset)

    def articles(self, queryset: models.QuerySet) -> models.QuerySet:
        return permissions.visible_articles(self.user, queryset)

    def may_view(self, version: Version) -> bool:
        return self.has("view_version", version)

    # versions: nothing published is ever edited, whoever asks

    def may_edit_text(self, version: Version) -> bool:
        return not version.is_published and self.has("change_version", version)

    def may_caption(self, version: Version) -> bool:
        return not version.is_published and self.has("caption_version", version)

    def may_change(self, version: Version) -> bool:
        return self.may_edit_text(version) or self.may_caption(version)

    def may_submit(self, version: Version) -> bool:
        return version.status == Status.DRAFT and self.has("submit_version", version)

    def may_publish(self, version: Version) -> bool:
        return (
            version.status in (Status.DRAFT, Status.SUBMITTED)
            and not version.article.is_killed
            and self.has("publish_version", version)
        )

    def may_send_back(self, version: Version) -> bool:
        return version.status == Status.SUBMITTED and self.has("send_back_version", version)

    def may_share(self, version: Version) -> bool:
        return not version.article.is_killed and self.has("share_version", version)

    def may_verb(self, verb: str, version: Version) -> bool:
        """The version form's buttons: save, submit, publish, schedule, send back."""
        check: dict[str, Callable[[Version], bool]] = {
            "save": self.may_change,
            "submit": self.may_submit,
            "publish": self.may_publish,
            "schedule": self.may_publish,
            "send back": self.may_send_back,
        }
        return verb in check and check[verb](version)

    # articles

    def may_change_article(self, article: Article) -> bool:
        """Slug, section, keywords: the desk, or the reporter of a never-published draft."""
        return self.has("change_article", article)

    def may_start(self, article: Article) -> bool:
        newest = article.newest_version
        return (
            not article.is_killed
            and newest is not None
            and newest.status == Status.PUBLISHED
            and self.has("start_update", article)
        )

    def may_kill(self, article: Article) -> bool:
        return not article.is_killed and self.has("kill_article", article)

    def may_read_audit(self) -> bool:
        return self.has("view_audit")


# --- what the desk calls each state ----------------------------------------------------------


def sent_back(version_ref: Any = None) -> models.Exists:
    """Annotation: the version (default: the row itself) was sent back by the desk.

    A version only returns to draft that way, so "a draft with a send back" is exactly a
    version the writer still has to rework; once resubmitted it is simply submitted.
    """
    return models.Exists(
        AuditEntry.objects.filter(version=version_ref or models.OuterRef("pk"), action="send back")
    )


def version_state(version: Version, *, was_sent_back: bool = False) -> str:
    """A version's state in the desk's words: "Scheduled for 20:00 KST Dec 1", "Sent back"."""
    if version.is_scheduled:
        return scheduled_for(version.publish_at)
    if version.status == Status.DRAFT and was_sent_back:
        return "Sent back"
    return version.get_status_display()


def send_back_note(version: Version) -> AuditEntry | None:
    """The desk's note on a version it sent back, while the writer still has it."""
    if version.status != Status.DRAFT:
        return None
    return (
        AuditEntry.objects.filter(version=version, action="send back")
        .select_related("actor")
        .order_by("-created_at", "-pk")
        .first()
    )


# --- starting new versions ----------------------------------------------------------------


class NewVersionVerb:
    def __init__(self, kind: str, form: type[ConfirmForm], title: str, explain: str) -> None:
        self.kind, self.form, self.title, self.explain = kind, form, title, explain


NEW_VERSION_VERBS = {
    "lead": NewVersionVerb(
        VersionKind.LEAD,
        ConfirmForm,
        "Update (LEAD)",
        "Starts the next lead as a draft copy of the current version.",
    ),
    "roundup": NewVersionVerb(
        VersionKind.ROUNDUP,
        RoundupForm,
        "Roundup",
        "Starts a (ROUNDUP) as a draft copy of the current version; stories folded in "
        "point their readers to it once it is published.",
    ),
    "correction": NewVersionVerb(
        VersionKind.CORRECTION,
        CorrectionForm,
        "Correction",
        "Starts a (CORRECTED) version as a draft copy of the current version, with a "
        "correction note readers will see.",
    ),
    "urgent": NewVersionVerb(
        VersionKind.URGENT,
        ConfirmForm,
        "Urgent",
        "Starts an (URGENT) one-paragraph alert: a draft holding only the lead paragraph "
        "to rewrite.",
    ),
}


def next_label(article: Article, kind: str) -> str:
    return vocab.label(kind, article.next_lead_ordinal(kind=kind))


def _article(request: HttpRequest, model_admin: Any, object_id: str) -> Article:
    """The article, if this user may see it at all (the admin's get_queryset decides)."""
    article = model_admin.get_object(request, unquote(object_id))
    if article is None:
        raise Http404("No such article.")
    return article


def _version(request: HttpRequest, model_admin: Any, object_id: str) -> Version:
    version = model_admin.get_object(request, unquote(object_id))
    if version is None:
        raise Http404("No such version.")
    return version


def admin_context(request: HttpRequest, model_admin: Any, **extra: Any) -> dict[str, Any]:
    """What every admin page template needs (site header, sidebar, the model's options)."""
    return {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        **extra,
    }


def start_version(
    request: HttpRequest, model_admin: Any, object_id: str, verb: str
) -> HttpResponse:
    """Object tool: Update (LEAD), Roundup, Correction or Urgent for one article."""
    spec = NEW_VERSION_VERBS.get(verb)
    if spec is None:
        raise Http404("No such editorial verb.")
    article = _article(request, model_admin, object_id)
    if not DeskRules(request.user).may_start(article):
        raise PermissionDenied
    form = spec.form(request.POST if request.method == "POST" else None, article=article)
    if request.method == "POST" and form.is_valid():
        try:
            version = article.new_version(
                kind=spec.kind,
                by=request.user,
                correction_note=form.cleaned_data.get("correction_note", ""),
                fold_in=form.cleaned_data.get("fold_in", ()),
            )
        except TransitionError as error:
            messages.error(request, str(error))
            return redirect("admin:articles_article_change", article.pk)
        messages.success(request, f"Started {version} as a draft.")
        return redirect("admin:articles_version_change", version.pk)
    label = next_label(article, spec.kind)
    return TemplateResponse(
        request,
        VERB_TEMPLATE,
        admin_context(
            request,
            model_admin,
            title=f"{spec.title}: {article.code}",
            explain=spec.explain,
            label=label,
            articles=[article],
            form=form,
            media=model_admin.media + form.media,
            submit_label=f"Start {label or spec.title}",
        ),
    )


def kill_article(request: HttpRequest, model_admin: Any, object_id: str) -> HttpResponse:
    """Object tool: withdraw the story (desk only, with a note); its versions stay."""
    article = _article(request, model_admin, object_id)
    if not DeskRules(request.user).may_kill(article):
        raise PermissionDenied
    form = KillForm(request.POST if request.method == "POST" else None, article=article)
    if request.method == "POST" and form.is_valid():
        try:
            article.kill(by=request.user, note=form.cleaned_data["kill_note"])
        except TransitionError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"Killed {article.code}: its page now answers 410.")
        return redirect("admin:articles_article_change", article.pk)
    return TemplateResponse(
        request,
        VERB_TEMPLATE,
        admin_context(
            request,
            model_admin,
            title=f"Kill {article.code}",
            explain="The story leaves every listing, feed and search; its address shows "
            "the note. All versions stay in the history.",
            articles=[article],
            form=form,
            media=model_admin.media + form.media,
            submit_label="Kill the story",
            danger=True,
        ),
    )


# --- bulk actions (the article list) ------------------------------------------------------


def start_each(
    request: HttpRequest, queryset: models.QuerySet, *, kind: str, correction_note: str = ""
) -> None:
    """Admin action: the same new version on every selected article that allows it."""
    rules = DeskRules(request.user)
    started, skipped = [], []
    for article in queryset.select_related("newest_version"):
        if not rules.may_start(article):
            skipped.append(article.code)
            continue
        try:
            started.append(
                article.new_version(kind=kind, by=request.user, correction_note=correction_note)
            )
        except TransitionError:
            skipped.append(article.code)
    if started:
        messages.success(
            request, f"Started {len(started)} draft(s): " + ", ".join(map(str, started))
        )
    if skipped:
        messages.warning(
            request,
            "Not started (killed, or the newest version is not published yet): "
            + ", ".join(skipped),
        )


def verb_action(
    request: HttpRequest,
    model_admin: Any,
    queryset: models.QuerySet,
    *,
    action: str,
    form_class: type[forms.Form],
    title: str,
    explain: str,
    submit_label: str,
    apply: Callable[[Any], HttpResponse | None],
    danger: bool = False,
    **form_kwargs: Any,
) -> HttpResponse | None:
    """An admin action that asks for something first (a note, a choice), then applies.

    The page it shows posts back to the same action with ``apply`` set.
    """
    form = form_class(request.POST if "apply" in request.POST else None, **form_kwargs)
    if form.is_bound and form.is_valid():
        return apply(form)
    return TemplateResponse(
        request,
        VERB_TEMPLATE,
        admin_context(
            request,
            model_admin,
            title=title,
            explain=explain,
            articles=list(queryset.select_related("newest_version")),
            form=form,
            media=model_admin.media + form.media,
            submit_label=submit_label,
            action=action,
            danger=danger,
        ),
    )


def correction_action(
    request: HttpRequest, model_admin: Any, queryset: models.QuerySet
) -> HttpResponse | None:
    def apply(form: CorrectionForm) -> None:
        start_each(
            request,
            queryset,
            kind=VersionKind.CORRECTION,
            correction_note=form.cleaned_data["correction_note"],
        )

    return verb_action(
        request,
        model_admin,
        queryset,
        action="start_correction",
        form_class=CorrectionForm,
        title="Correction",
        explain=NEW_VERSION_VERBS["correction"].explain,
        submit_label="Start corrections",
        apply=apply,
    )


def roundup_action(
    request: HttpRequest, model_admin: Any, queryset: models.QuerySet
) -> HttpResponse | None:
    def apply(form: RoundupActionForm) -> HttpResponse | None:
        roundup = form.cleaned_data["roundup"]
        if not DeskRules(request.user).may_start(roundup):
            raise PermissionDenied
        fold_in = queryset.exclude(pk=roundup.pk).filter(pk__in=Article.objects.live())
        version = roundup.new_version(
            kind=VersionKind.ROUNDUP, by=request.user, fold_in=list(fold_in)
        )
        messages.success(request, f"Started {version} as a draft.")
        return redirect("admin:articles_version_change", version.pk)

    return verb_action(
        request,
        model_admin,
        queryset,
        action="start_roundup",
        form_class=RoundupActionForm,
        title="Roundup",
        explain=NEW_VERSION_VERBS["roundup"].explain,
        submit_label="Start the roundup",
        apply=apply,
        articles=queryset,
    )


def kill_action(
    request: HttpRequest, model_admin: Any, queryset: models.QuerySet
) -> HttpResponse | None:
    def apply(form: KillForm) -> None:
        rules = DeskRules(request.user)
        killed = []
        for article in queryset:
            if rules.may_kill(article):
                try:
                    article.kill(by=request.user, note=form.cleaned_data["kill_note"])
                except TransitionError:  # killed by someone else a moment ago
                    continue
                killed.append(article.code)
        messages.success(request, "Killed: " + (", ".join(killed) or "nothing"))
        return None

    return verb_action(
        request,
        model_admin,
        queryset,
        action="kill_selected",
        form_class=KillForm,
        title="Kill stories",
        explain="Each story leaves every listing, feed and search; its address shows the note.",
        submit_label="Kill the selected stories",
        apply=apply,
        danger=True,
    )


# --- publishing now: say what will happen first ------------------------------------------


def wire_head(version: Version) -> list[str]:
    """The first lines of the item as subscribers get it: slug line, headline with its
    label and genre tag, the advisory of a re-send, the byline, the dateline and lead."""
    paragraphs = version.paragraphs
    lead = " ".join(p for p in (version.dateline, paragraphs[0] if paragraphs else "") if p)
    writers = [b.writer.name for b in version.bylines.all()]
    lines = [
        version.slug_line,
        version.display_headline,
        version.advisory if version.number > 0 else "",
        f"By {', '.join(writers)}" if writers else "",
        lead,
    ]
    return [line for line in lines if line]


def publish_warnings(version: Version) -> list[str]:
    """What the desk should know before publishing, though it may go ahead."""
    warnings = []
    if version.number > 0 and not version.advisory:
        warnings.append(
            f"This {version.label or 're-send'} carries no advisory (ATTN): subscribers' "
            "editors will not know what changed. Go back to the form to write one, or "
            "publish without."
        )
    return warnings


def publish_version(request: HttpRequest, model_admin: Any, object_id: str) -> HttpResponse:
    """ "Publish now", confirmed: the label, headline and advisory exactly as subscribers
    will get them, then a publish at this moment (never at a time sent along)."""
    version = _version(request, model_admin, object_id)
    if version.is_published:
        messages.info(request, f"{version} is already published.")
        return redirect("admin:articles_article_change", version.article_id)
    if not DeskRules(request.user).may_publish(version):
        raise PermissionDenied
    form = PublishForm(request.POST if request.method == "POST" else None, version=version)
    if request.method == "POST" and form.is_valid():
        try:
            version.publish(by=request.user)
        except TransitionError as error:
            form.add_error(None, ValidationError(str(error), code="refused"))
        else:
            EditingPresence.left(version=version, user=request.user)
            messages.success(request, f"Published: {version}")
            return redirect("admin:articles_article_change", version.article_id)
    problems = version.publish_problems()
    if version.article.is_killed:
        problems.append("The story is killed: it takes no new versions.")
    return TemplateResponse(
        request,
        "admin/articles/version/publish.html",
        admin_context(
            request,
            model_admin,
            title=f"Publish {version.label or 'the story'} now?",
            version=version,
            wire_lines=wire_head(version),
            warnings=publish_warnings(version),
            problems=problems,
            form=form,
            publish_at=timezone.now(),
        ),
        status=409 if form.is_bound and not form.is_valid() else 200,
    )


# --- never lose typed text: the working copy ---------------------------------------------

# Posted with the form but not part of what the editor typed.
NOT_TYPED = {"csrfmiddlewaretoken", "labels", "final", "discard"}


def _fetched(request: HttpRequest) -> bool:
    return request.headers.get("X-Requested-With") == "fetch"


def working_copy(request: HttpRequest, model_admin: Any, object_id: str) -> HttpResponse:
    """The editor's own working copy of a version form (desk.models.WorkingCopy).

    POST the form's fields to keep them (throttled: "written": false and Retry-After
    when too soon after the last write),
    POST ``discard`` to drop them; GET reads them back, as JSON for the form's script or
    as a page to copy from. Only the editor who typed a copy ever reads it.
    """
    version = _version(request, model_admin, object_id)
    if not DeskRules(request.user).may_change(version):
        raise PermissionDenied
    if request.method == "GET":
        copy = WorkingCopy.of(version=version, user=request.user)
        if copy is None:
            raise Http404("You have no unsaved words on this version.")
        if _fetched(request):
            response = JsonResponse(
                {
                    "fields": copy.fields,
                    "labels": copy.labels,
                    "base_revision": copy.base_revision,
                    "saved_at": copy.saved_at.isoformat(),
                }
            )
        else:
            response = TemplateResponse(
                request,
                "admin/articles/version/working_copy.html",
                admin_context(
                    request,
                    model_admin,
                    title=f"Your unsaved words on {version}",
                    version=version,
                    copy=copy,
                ),
            )
        patch_cache_control(response, private=True, no_store=True)
        return response
    if request.method != "POST":
        return HttpResponse(status=405, headers={"Allow": "GET, POST"})
    if "discard" in request.POST:
        WorkingCopy.discard(version=version, user=request.user)
        if _fetched(request):
            return JsonResponse({"discarded": True})
        messages.info(request, "Your unsaved words were discarded.")
        return redirect("admin:articles_version_change", version.pk)
    fields = {
        name: request.POST.getlist(name)
        for name in list(request.POST)[: WorkingCopy.MAX_FIELDS]
        if name not in NOT_TYPED and not name.startswith("_")
    }
    try:
        labels = json.loads(request.POST.get("labels", "{}"))
    except ValueError:
        labels = {}
    if not isinstance(labels, dict):
        labels = {}
    opened = request.POST.get("opened_revision", "")
    copy, written = WorkingCopy.keep(
        version=version,
        user=request.user,
        fields=fields,
        labels={str(k): str(v)[:300] for k, v in labels.items()},
        base_revision=int(opened) if opened.isdigit() else version.revision,
        final="final" in request.POST,
    )
    if copy is None:
        return JsonResponse({"written": False, "reason": "saved since"}, status=409)
    if not written:  # too soon after the last write: the script sends again after this
        seconds = int(WorkingCopy.MIN_INTERVAL.total_seconds())
        return JsonResponse({"written": False}, headers={"Retry-After": str(seconds)})
    return JsonResponse({"written": True, "saved_at": copy.saved_at.isoformat()})


# --- the advisory while you type -----------------------------------------------------------


def _chosen(data: Any, prefix: str, field: str) -> tuple[int, ...] | None:
    """The ids chosen in an inline's rows of posted form data, in order, leaving out rows
    marked for deletion; None when the form had no such inline (this user cannot edit it)."""
    total = data.get(f"{prefix}-TOTAL_FORMS", "")
    if not total.isdigit():
        return None
    ids = []
    for n in range(min(int(total), 1000)):
        value = data.get(f"{prefix}-{n}-{field}", "")
        if value.isdigit() and not data.get(f"{prefix}-{n}-DELETE"):
            ids.append(int(value))
    return tuple(ids)


def typed_snapshot(version: Version, data: Any) -> advisories.Snapshot:
    """The version as the form holds it now (unsaved): what the editor typed and chose,
    and what is saved for anything the form does not carry."""
    saved = version.snapshot()
    photos = _chosen(data, "captions", "photo")
    writers = _chosen(data, "bylines", "writer")
    return advisories.Snapshot(
        headline=data.get("headline", version.headline),
        paragraphs=tuple(split_paragraphs(data.get("body", version.body))),
        photo_ids=saved.photo_ids if photos is None else photos,
        writer_ids=saved.writer_ids if writers is None else writers,
    )


@require_POST
def suggest_advisory(request: HttpRequest, model_admin: Any, object_id: str) -> HttpResponse:
    """The advisory suggested for the form's current text, without saving anything: the
    version form asks it as the editor types (static/js/desk-advisory.js)."""
    version = _version(request, model_admin, object_id)
    if not DeskRules(request.user).may_change(version):
        raise PermissionDenied
    tags = version.suggested_advisory(typed=typed_snapshot(version, request.POST))
    response = JsonResponse({"advisory": vocab.advisory(tags), "tags": tags})
    patch_cache_control(response, private=True, no_store=True)
    return response


# --- captions that start right ------------------------------------------------------------


def photo_words(request: HttpRequest, model_admin: Any, photo_id: int) -> HttpResponse:
    """The words a caption starts from for this photo (Caption.for_photo): the version
    form fills a new caption's text and alt text with them (static/js/desk-captions.js)."""
    if not request.user.has_perm("photos.view_photo"):
        raise PermissionDenied
    photo = Photo.objects.filter(pk=photo_id).first()
    if photo is None:
        raise Http404("No such photo.")
    start = Caption.for_photo(photo, version=Version(), order=0)
    response = JsonResponse({"text": start.text, "alt_text": start.alt_text})
    patch_cache_control(response, private=True, no_store=True)
    return response


# --- compare ------------------------------------------------------------------------------


def side(version: Version) -> comparing.Side:
    return comparing.Side(
        number=version.number,
        label=version.label,
        headline=" ".join(p for p in (version.genre_tag, version.headline) if p),
        deck=version.deck,
        writers=tuple(b.writer.name for b in version.bylines.all()),
        dateline=version.dateline,
        paragraphs=tuple(version.paragraphs),
        captions=tuple((c.photo_id, c.text, c.photo.thumbnail_url) for c in version.captions.all()),
        signoff=version.signoff,
        correction_note=version.correction_note,
        advisory=version.advisory,
    )


def _typed_date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        return None


def typed_side(version: Version, data: Any) -> comparing.Side:
    """The version as an editor's refused save had it (posted form data), for comparison
    with what was saved meanwhile; what the form did not carry is taken as saved."""
    writer_ids = _chosen(data, "bylines", "writer")
    if writer_ids is None:
        writers = tuple(b.writer.name for b in version.bylines.all())
    else:
        names = Writer.objects.in_bulk(writer_ids)
        writers = tuple(names[pk].name for pk in writer_ids if pk in names)
    place = data.get("dateline_place", version.dateline_place)
    day = _typed_date(data.get("dateline_date", "")) or version.dateline_date
    dateline = vocab.dateline(place, day, version.article.agency) if place and day else ""
    captions = []
    total = data.get("captions-TOTAL_FORMS", "")
    for n in range(min(int(total), 1000) if total.isdigit() else 0):
        photo = data.get(f"captions-{n}-photo", "")
        if photo.isdigit() and not data.get(f"captions-{n}-DELETE"):
            captions.append((int(photo), data.get(f"captions-{n}-text", ""), ""))
    tags = []
    total = data.get("revision_tags-TOTAL_FORMS", "")
    for n in range(min(int(total), 1000) if total.isdigit() else 0):
        verb = data.get(f"revision_tags-{n}-verb", "")
        if verb and not data.get(f"revision_tags-{n}-DELETE"):
            tags.append((verb, data.get(f"revision_tags-{n}-object", "")))
    headline = data.get("headline", version.headline)
    return comparing.Side(
        number=version.number,
        label=version.label,
        headline=" ".join(p for p in (version.genre_tag, headline) if p),
        deck=data.get("deck", version.deck),
        writers=writers,
        dateline=dateline,
        paragraphs=tuple(split_paragraphs(data.get("body", version.body))),
        captions=tuple(captions) if total.isdigit() else side(version).captions,
        signoff=data.get("signoff", version.signoff),
        correction_note=data.get("correction_note", version.correction_note),
        advisory=vocab.advisory(tags) if tags or total.isdigit() else version.advisory,
    )


def conflict_comparison(version: Version, data: Any) -> comparing.Comparison:
    """Theirs (saved meanwhile) beside yours (the refused save), paragraph by paragraph."""
    theirs = (
        Version.objects.select_related("article")
        .prefetch_related(
            models.Prefetch("bylines", VersionWriter.objects.select_related("writer")),
            models.Prefetch("captions", Caption.objects.select_related("photo")),
            "revision_tags",
        )
        .get(pk=version.pk)
    )
    return comparing.compare(side(theirs), typed_side(theirs, data))


def compare_versions(request: HttpRequest, model_admin: Any, object_id: str) -> HttpResponse:
    """Any two versions of one article side by side (those this user may see)."""
    article = _article(request, model_admin, object_id)
    versions = list(
        DeskRules(request.user)
        .versions(article.versions.all())
        .annotate(was_sent_back=sent_back())
        .select_related("article")
        .prefetch_related(
            models.Prefetch("bylines", VersionWriter.objects.select_related("writer")),
            models.Prefetch("captions", Caption.objects.select_related("photo")),
            "revision_tags",
        )
        .order_by("number")
    )
    if not versions:
        raise Http404("No version to compare.")
    by_number = {v.number: v for v in versions}
    try:
        new_number = int(request.GET.get("new", versions[-1].number))
        default_old = max((n for n in by_number if n < new_number), default=new_number)
        old_number = int(request.GET.get("old", default_old))
    except ValueError as error:
        raise Http404("Versions are named by number.") from error
    if old_number not in by_number or new_number not in by_number:
        raise Http404("No such version.")
    old, new = by_number[old_number], by_number[new_number]
    for version in versions:
        version.desk_state = version_state(version, was_sent_back=version.was_sent_back)
    return TemplateResponse(
        request,
        "admin/articles/article/compare.html",
        admin_context(
            request,
            model_admin,
            title=f"Compare versions of {article.code}",
            article=article,
            versions=versions,
            old=old,
            new=new,
            comparison=comparing.compare(side(old), side(new)),
        ),
    )


# --- preview ------------------------------------------------------------------------------


def render_preview(request: HttpRequest, version: Version) -> HttpResponse:
    """The public story template, exactly as readers would get it, for an unpublished
    version; never indexed, never cached by anyone but the viewer."""
    version = Version.objects.for_page().get(pk=version.pk)
    response = render(
        request,
        "articles/story.html",
        {
            "version": version,
            "article": version.article,
            "first_published_at": version.article.first_published_at,
            "preview": True,
        },
    )
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"  # the link's token never leaks onward
    patch_cache_control(response, private=True, no_store=True)
    return response


def preview(request: HttpRequest, model_admin: Any, object_id: str) -> HttpResponse:
    """Staff preview of any version this user may see."""
    return render_preview(request, _version(request, model_admin, object_id))


def preview_max_age() -> int:
    return getattr(settings, "NEWSROOM_PREVIEW_MAX_AGE", PREVIEW_MAX_AGE)


def preview_token(version: Version) -> str:
    return signing.TimestampSigner(salt=PREVIEW_SALT).sign(str(version.pk))


def share_preview(request: HttpRequest, model_admin: Any, object_id: str) -> HttpResponse:
    """A signed, expiring link to the preview that an editor can send to anyone."""
    version = _version(request, model_admin, object_id)
    if not DeskRules(request.user).may_share(version):
        raise PermissionDenied
    link = request.build_absolute_uri(reverse("preview_link", args=[preview_token(version)]))
    response = TemplateResponse(
        request,
        "admin/articles/version/share.html",
        admin_context(
            request,
            model_admin,
            title=f"Share a preview of {version}",
            version=version,
            link=link,
            expires_at=timezone.now() + dt.timedelta(seconds=preview_max_age()),
        ),
    )
    patch_cache_control(response, private=True, no_store=True)
    return response


def shared_preview(request: HttpRequest, token: str) -> HttpResponse:
    """Public: the preview behind a signed link; tampered or expired links are a 404."""
    try:
        pk = signing.TimestampSigner(salt=PREVIEW_SALT).unsign(token, max_age=preview_max_age())
    except signing.BadSignature as error:  # also SignatureExpired
        raise Http404("This preview link is not valid or has expired.") from error
    version = Version.objects.filter(pk=pk, article__killed_at__isnull=True).first()
    if version is None:
        raise Http404("This preview is no longer available.")
    return render_preview(request, version)


# Included from newsroom/urls.py: the one public route of the desk.
urlpatterns = [path("<str:token>/", shared_preview, name="preview_link")]
