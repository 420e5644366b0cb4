"""The admin's change list, refusing impossible dates instead of failing on them.

A date filter or the date hierarchy with an extreme year (``?publish_at__year=9999``, a
``__gte=0001-01-01``) makes Django compute a year 10000 or convert year 1 to UTC, and the
page fails with a 500. Here both come out as the admin's own answer to a bad filter: a
redirect to the unfiltered list with ``?e=1``.
"""

from __future__ import annotations

from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList


class SaneChangeList(ChangeList):
    def get_filters(self, request):
        try:
            return super().get_filters(request)
        except (ValueError, OverflowError) as error:  # the date hierarchy's next year/day
            raise IncorrectLookupParameters(error) from error

    def get_queryset(self, request, exclude_parameters=None):
        queryset = super().get_queryset(request, exclude_parameters)
        try:
            # Compiled now (without running it), so a date out of range is found here.
            queryset.query.get_compiler(queryset.db).as_sql()
        except (ValueError, OverflowError) as error:
            raise IncorrectLookupParameters(error) from error
        return queryset
