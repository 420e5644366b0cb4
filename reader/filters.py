"""The reader's search: words plus filters over live versions only.

The filter set narrows whatever queryset it is given; the view always hands it
``Version.objects.live()``, so no parameter can reach anything readers may not see.
Invalid values make the form invalid (the view answers 400) instead of being dropped,
so a mistyped filter never silently widens the results.
"""

from __future__ import annotations

from html import escape
from typing import Any

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.forms.models import ModelChoiceIterator
from django.forms.utils import flatatt
from django.utils.safestring import mark_safe

from articles.models import Genre, VersionQuerySet
from reader import public


class SearchForm(forms.Form):
    """Trims the words before they are matched or echoed back; refuses a date range that
    ends before it starts."""

    def clean_q(self) -> str:
        return " ".join(self.cleaned_data.get("q", "").split())

    def clean(self) -> dict:
        """A range that ends before it starts matches nothing: say so, not "0 found"."""
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            self.add_error(
                "until",
                forms.ValidationError(
                    "This date is before the “From” date, so no story can match: "
                    "swap the two dates.",
                    code="impossible_range",
                ),
            )
        return data


SORTS = [("relevance", "Best match"), ("newest", "Newest first")]


class QuickSelect(forms.Select):
    """A <select> written out in Python. Django renders each option through a template,
    which for the two hundred writers of the search form cost more than the search."""

    def render(self, name: str, value: Any, attrs: dict | None = None, renderer: Any = None):
        chosen = {str(v) for v in self.format_value(value)}
        options = "".join(
            f'<option value="{escape(str(key))}"{" selected" if str(key) in chosen else ""}>'
            f"{escape(str(label))}</option>"
            for key, label in self.choices
        )
        final = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        return mark_safe(f"<select{flatatt(final)}>{options}</select>")  # noqa: S308 - escaped


class ListedChoiceIterator(ModelChoiceIterator):
    """Choices from the field's list as read once (never a second query)."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset:
            yield self.choice(obj)

    def __len__(self) -> int:
        return len(self.queryset) + (self.field.empty_label is not None)


class ListedModelChoiceField(django_filters.fields.ModelChoiceField):
    """A choice among a short list (sections, writers) read once: rendering the options,
    checking the value and the search's writer match share it. The list is given as
    read (reader.public keeps it until what it depends on changes), not as a query."""

    iterator = ListedChoiceIterator
    widget = QuickSelect

    def _set_queryset(self, listed: list | None) -> None:
        self._queryset = listed
        self.widget.choices = self.choices

    queryset = property(django_filters.fields.ModelChoiceField._get_queryset, _set_queryset)

    def __deepcopy__(self, memo: dict) -> ListedModelChoiceField:
        result = super(forms.ChoiceField, self).__deepcopy__(memo)
        result.queryset = self.queryset
        return result

    def to_python(self, value):
        if value in self.empty_values:
            return None
        key = self.to_field_name or "pk"
        for obj in self.queryset:
            if str(getattr(obj, key)) == str(value):
                return obj
        raise ValidationError(
            self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
        )


class ListedChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = ListedModelChoiceField


class StoryFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Words",
        method="filter_words",
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    section = ListedChoiceFilter(
        label="Section",
        field_name="article__section",
        queryset=lambda request: public.sections(),
        to_field_name="slug",
        empty_label="All sections",
    )
    writer = ListedChoiceFilter(
        label="Writer",
        field_name="writers",
        # Only writers with a live story are offered or accepted.
        queryset=lambda request: public.writers(),
        to_field_name="slug",
        empty_label="All writers",
    )
    genre = django_filters.ChoiceFilter(
        label="Kind", choices=Genre.choices, empty_label="All kinds", widget=QuickSelect
    )
    keyword = django_filters.CharFilter(label="Keyword", method="filter_keyword")
    since = django_filters.DateFilter(
        label="From",
        field_name="publish_at",
        lookup_expr="date__gte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    until = django_filters.DateFilter(
        label="To",
        field_name="publish_at",
        lookup_expr="date__lte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    sort = django_filters.ChoiceFilter(
        label="Sort by",
        choices=SORTS,
        empty_label=None,
        widget=QuickSelect,
        method="keep",  # applied by reader.search: best match first, or newest first
    )

    class Meta:
        form = SearchForm
        fields: list[str] = []

    def filter_words(self, queryset: VersionQuerySet, name: str, value: str) -> VersionQuerySet:
        """Words are matched and ranked by reader.search, over what the filters leave."""
        return queryset

    def keep(self, queryset: VersionQuerySet, name: str, value: str) -> VersionQuerySet:
        return queryset

    def filter_keyword(self, queryset: VersionQuerySet, name: str, value: str) -> VersionQuerySet:
        """A keyword by name or slug; an unknown keyword matches nothing."""
        value = value.strip()
        return queryset.filter(
            Q(article__keywords__slug=value) | Q(article__keywords__name__iexact=value)
        ).distinct()
