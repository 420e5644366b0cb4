"""The reader's search: words plus filters over live versions only.

The filter set narrows whatever queryset it is given; the view always hands it
``Version.objects.live()``, so no parameter can reach anything readers may not see.
Invalid values make the form invalid (the view answers 400) instead of being dropped,
so a mistyped filter never silently widens the results.
"""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q

from articles.models import Genre, Section, VersionQuerySet
from reader.public import public_writers


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


class StoryFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Words",
        method="filter_words",
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    section = django_filters.ModelChoiceFilter(
        label="Section",
        field_name="article__section",
        queryset=Section.objects.all(),
        to_field_name="slug",
        empty_label="All sections",
    )
    writer = django_filters.ModelChoiceFilter(
        label="Writer",
        field_name="writers",
        # Evaluated per request: only writers with a live story are offered or accepted.
        queryset=lambda request: public_writers(),
        to_field_name="slug",
        empty_label="All writers",
    )
    genre = django_filters.ChoiceFilter(
        label="Kind", choices=Genre.choices, empty_label="All kinds"
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

    class Meta:
        form = SearchForm
        fields: list[str] = []

    def filter_words(self, queryset: VersionQuerySet, name: str, value: str) -> VersionQuerySet:
        return queryset.search(value)

    def filter_keyword(self, queryset: VersionQuerySet, name: str, value: str) -> VersionQuerySet:
        """A keyword by name or slug; an unknown keyword matches nothing."""
        value = value.strip()
        return queryset.filter(
            Q(article__keywords__slug=value) | Q(article__keywords__name__iexact=value)
        ).distinct()
