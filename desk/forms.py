"""The desk's forms: editing a version, starting an article or a new version, killing.

Forms check input and say what is wrong with error codes; the editorial verbs themselves
are model methods, and who may use them is decided in the admin (desk.views).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import ValidationError
from django.utils import timezone

from articles.models import Article, Caption, Status, Version, VersionKind, split_paragraphs

# Keyword slugs are title-case words joined by hyphens: Lee-China-summit, N-Korea-missile.
SLUG_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9.']*(?:-[A-Za-z0-9.']+)*$")
# Accepted for a schedule time: the browser's datetime-local value and what people type.
SCHEDULE_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"]
# A schedule is a time to come, within this much of now.
SCHEDULE_WINDOW = dt.timedelta(days=365)
# Further than this either way a date is a slip of the keyboard (year 1, year 9999), refused
# whatever the button, before it can reach a page, the database or the wire.
IMPOSSIBLE_AFTER = dt.timedelta(days=10 * 365)

# The version form's buttons, by the name the browser sends: what each one does.
VERB_BUTTONS = {
    "_submit": "submit",
    "_publish": "publish",
    "_schedule": "schedule",
    "_sendback": "send back",
}


def verb_of(data: Any) -> str:
    """Which of the version form's buttons was pressed ("save" when none of the verbs)."""
    return next((verb for key, verb in VERB_BUTTONS.items() if key in data), "save")


def check_schedule(when: dt.datetime, *, now: dt.datetime | None = None) -> None:
    """A schedule time the desk can use: in the future, and within SCHEDULE_WINDOW."""
    now = now or timezone.now()
    if when <= now:
        raise ValidationError(
            "That time has passed: schedule a time in the future, or publish now.", code="past"
        )
    if when - now > SCHEDULE_WINDOW:
        raise ValidationError("Schedule within a year from now; check the year.", code="too_far")


class LoadedAutocompleteSelect(AutocompleteSelect):
    """Autocomplete that labels its chosen option from the row already loaded.

    The stock widget runs one query per row to find the label of what is selected; an
    inline with twenty captions would cost twenty queries. The inline's queryset joins
    the related object, and the form hands it to the widget as ``loaded``.
    """

    loaded: Any = None

    def optgroups(self, name: str, value: list[Any], attr: Any = None) -> list[Any]:
        chosen = {str(v) for v in value if str(v) not in self.choices.field.empty_values}
        if self.loaded is None or chosen != {str(self.loaded.pk)}:
            return super().optgroups(name, value, attr)
        options: list[Any] = []
        if not self.is_required:
            options.append(self.create_option(name, "", "", False, 0))
        label = self.choices.field.label_from_instance(self.loaded)
        options.append(self.create_option(name, self.loaded.pk, label, True, len(options)))
        return [(None, options, 0)]


class LoadedChoicesForm(forms.ModelForm):
    """An inline row whose autocomplete fields reuse the related objects it already has."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            return
        for name, field in self.fields.items():
            widget = getattr(field.widget, "widget", field.widget)
            if isinstance(widget, LoadedAutocompleteSelect):
                widget.loaded = getattr(self.instance, name, None)


class CaptionForm(LoadedChoicesForm):
    """A caption row. Choosing a photo and leaving the words empty starts them from the
    photo's description and alt text (Caption.for_photo), with or without JavaScript."""

    class Meta:
        model = Caption
        fields = ["photo", "order", "after_paragraph", "text", "alt_text"]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        photo = data.get("photo")
        if photo is not None and not (data.get("text") or "").strip():
            start = Caption.for_photo(photo, version=Version(), order=0)
            data["text"] = start.text
            if not (data.get("alt_text") or "").strip():
                data["alt_text"] = start.alt_text
        return data


class VersionForm(forms.ModelForm):
    """One version in editorial order, plus what the desk's buttons need.

    ``opened_revision`` is the revision the editor started from: a save based on an
    older one is refused with who changed it and when, and the editor's text stays in
    the form. ``verb`` is the button that was pressed (save, submit, publish, schedule,
    send back), read from the posted data, so the checks below follow it; ``apply_verb``
    then runs that verb's model method once everything is saved. "Publish now" is not
    applied here: the desk confirms it on its own page (desk.views.publish_version).
    """

    opened_revision = forms.IntegerField(widget=forms.HiddenInput, required=False)
    use_suggestion = forms.BooleanField(
        required=False,
        label="Replace the advisory with the suggestion",
        help_text="The advisory follows the changes until you edit it; tick to follow again.",
    )
    schedule_at = forms.DateTimeField(
        required=False,
        label="Publish at",
        input_formats=SCHEDULE_FORMATS,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    send_back_note = forms.CharField(
        required=False,
        label="Note for the writer",
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Required to send a version back: what needs doing.",
    )

    class Meta:
        model = Version
        # The admin narrows this to the fields this user may edit (its fieldsets).
        fields = [*Version.EDITABLE_FIELDS, "folds_in"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.conflict = None
        self.verb = verb_of(self.data) if self.is_bound else "save"
        if "opened_revision" in self.fields:
            self.fields["opened_revision"].initial = self.instance.revision
        if "schedule_at" in self.fields:
            zone = timezone.get_current_timezone_name()
            self.fields[
                "schedule_at"
            ].help_text = f"Newsroom time ({zone}). Readers see the version from then on."

    def clean_schedule_at(self) -> dt.datetime | None:
        when = self.cleaned_data.get("schedule_at")
        now = timezone.now()
        if when is not None and abs(when - now) > IMPOSSIBLE_AFTER:
            # Whatever the button: such a date would break pages and exports downstream.
            raise ValidationError(
                "That date is out of range: check the year.",
                code="out_of_range",
            )
        return when

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        self._check_revision(data.get("opened_revision"))
        verb = self.verb
        if verb == "schedule" and "schedule_at" not in self.errors:
            when = data.get("schedule_at")
            if when is None:
                self.add_error(
                    "schedule_at",
                    ValidationError("Give the date and time to publish at.", code="required"),
                )
            else:
                try:
                    check_schedule(when)
                except ValidationError as error:
                    self.add_error("schedule_at", error)
        if verb == "send back" and not data.get("send_back_note", "").strip():
            self.add_error(
                "send_back_note",
                ValidationError("Say what the writer should change.", code="required"),
            )
        kind = self.instance.kind
        if (
            kind == VersionKind.URGENT
            and "body" in self.fields
            and len(split_paragraphs(data.get("body") or "")) > 1
        ):
            self.add_error(
                "body",
                ValidationError(
                    "An urgent is a one-paragraph alert: keep the first paragraph only and "
                    "send the rest as the (LEAD).",
                    code="urgent_one_paragraph",
                ),
            )
        if (
            kind == VersionKind.CORRECTION
            and "correction_note" in self.fields
            and not (data.get("correction_note") or "").strip()
        ):
            self.add_error(
                "correction_note",
                ValidationError(
                    "A correction tells readers what was corrected.", code="correction_note"
                ),
            )
        return data

    def apply_verb(self, *, by: Any) -> str:
        """Run the pressed button's verb on the saved version; what happened, for the
        editor ("" for a plain save, and for "Publish now", which is confirmed first).
        TransitionError when the version's state does not allow it."""
        version = self.instance
        if self.verb == "submit":
            version.submit(by=by)
            return "Submitted to the desk"
        if self.verb == "send back":
            version.send_back(by=by, note=self.cleaned_data["send_back_note"].strip())
            return "Sent back to the writer"
        if self.verb == "schedule":
            version.publish(by=by, at=self.cleaned_data["schedule_at"])
            return scheduled_for(version.publish_at)
        return ""

    def _check_revision(self, opened: int | None) -> None:
        if "opened_revision" not in self.fields or self.instance.pk is None:
            return
        current = (
            Version.objects.filter(pk=self.instance.pk).values_list("revision", flat=True).first()
        )
        if opened is not None and opened == current:
            return
        self.conflict = self.instance.conflict()
        # The refused text stays in the form; saving again is now a deliberate choice.
        data = self.data.copy()
        data[self.add_prefix("opened_revision")] = current
        self.data = data
        raise ValidationError(
            f"{self.conflict} Your text is below and a copy is in the audit log: compare it "
            "with theirs, then save again to replace it.",
            code="conflict",
        )


def scheduled_for(when: dt.datetime) -> str:
    """'Scheduled for 20:00 KST Dec 1': the desk's words for a version still to come."""
    local = timezone.localtime(when)
    return f"Scheduled for {local:%H:%M} {local.tzname()} {local:%b} {local.day}"


class PublishForm(forms.Form):
    """The confirmation of "Publish now": the revision the editor looked at.

    Publishing now means now: nothing here takes a time (schedules go through the form's
    Schedule button and its checks). A version changed since the confirmation was shown
    is refused, so what the desk confirmed is what subscribers get.
    """

    revision = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, version: Version, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.version = version
        self.fields["revision"].initial = version.revision

    def clean_revision(self) -> int:
        revision = self.cleaned_data["revision"]
        if revision != self.version.revision:
            raise ValidationError(
                "The version changed since this confirmation was shown: check it again.",
                code="changed",
            )
        return revision


class KeywordSlugMixin:
    """The keyword slug in agency style only: it is a line of its own in the wire copy,
    so a newline or a stray character would break every export of the story."""

    def clean_slug(self) -> str:
        slug = self.cleaned_data["slug"].strip()
        if not SLUG_RE.match(slug):
            raise ValidationError(
                "A keyword slug is words joined by hyphens, e.g. Lee-China-summit "
                "(letters, digits, full stops and apostrophes; no spaces or line breaks).",
                code="slug",
            )
        return slug


class ArticleChangeForm(KeywordSlugMixin, forms.ModelForm):
    """An article's identity: slug, section, keywords, front-page position.

    ``changes()`` says what an accepted change did, for the audit log.
    """

    class Meta:
        model = Article
        fields = ["slug", "section", "keywords", "top_order"]

    def changes(self) -> str:
        """'slug: Old-slug → New-slug; keywords: +Trade −Summit', "" when nothing changed."""
        parts = []
        for name in self.changed_data:
            field = self.fields[name]
            before, after = self.initial.get(name), self.cleaned_data.get(name)
            if name == "keywords":
                old = {str(k) for k in before or ()}
                new = {str(k) for k in after or ()}
                moves = [f"+{k}" for k in sorted(new - old)] + [f"−{k}" for k in sorted(old - new)]
                parts.append(f"keywords: {' '.join(moves)}")
                continue
            if name == "section" and before is not None:
                before = field.queryset.filter(pk=before).first()
            shown = ["—" if v in (None, "") else str(v) for v in (before, after)]
            parts.append(f"{field.label.lower()}: {shown[0]} → {shown[1]}")
        return "; ".join(parts)


class ArticleStartForm(KeywordSlugMixin, forms.ModelForm):
    """A new story: the article and its first draft, as Article.start() makes them."""

    headline = forms.CharField(max_length=300)
    kind = forms.ChoiceField(
        label="first version",
        choices=[
            (VersionKind.ORIGINAL, "Story"),
            (VersionKind.URGENT, "(URGENT) one-paragraph first alert"),
        ],
        initial=VersionKind.ORIGINAL,
    )

    class Meta:
        model = Article
        fields = ["slug", "section", "keywords"]


class ConfirmForm(forms.Form):
    """An editorial verb that needs nothing but a confirmation (LEAD, URGENT)."""

    def __init__(self, *args: Any, article: Article | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)


class CorrectionForm(ConfirmForm):
    correction_note = forms.CharField(
        label="Correction note (public)",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Readers see it above the story, e.g. “Corrects the year in para 3.”",
        # CharField strips, so a note of spaces is missing too (code "required").
        error_messages={"required": "A correction needs a note for readers."},
    )


class RoundupForm(ConfirmForm):
    """A roundup, optionally folding other live stories into it."""

    fold_in = forms.ModelMultipleChoiceField(
        queryset=Article.objects.none(),
        required=False,
        label="Fold in",
        help_text="Their readers are pointed to the roundup once it is published.",
    )

    def __init__(self, *args: Any, article: Article | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["fold_in"]
        field.queryset = Article.objects.live().exclude(pk=getattr(article, "pk", None))
        field.widget = AutocompleteSelectMultiple(
            Version._meta.get_field("folds_in"), admin.site, choices=field.choices
        )


class KillForm(ConfirmForm):
    kill_note = forms.CharField(
        label="Kill note",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Readers of the story's address and subscribers see it.",
        error_messages={"required": "A kill needs a note."},
    )


class RoundupActionForm(forms.Form):
    """From the list: which of the selected stories carries the roundup."""

    roundup = forms.ModelChoiceField(
        queryset=Article.objects.none(),
        widget=forms.RadioSelect,
        label="Roundup on",
        help_text="The others are folded into it when the roundup is published.",
    )

    def __init__(self, *args: Any, articles: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["roundup"].queryset = articles.filter(
            killed_at__isnull=True, newest_version__status=Status.PUBLISHED
        )
