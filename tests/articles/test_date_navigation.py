"""The desk list's date navigation gives what Django's own would, without per-row work."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.db.models import QuerySet

from articles.models import Article

SEOUL = ZoneInfo("Asia/Seoul")


@pytest.fixture
def spread(db, section):
    # 23:30 UTC on Dec. 31 is already Jan. 1 in Seoul: the navigation is in local time.
    for moment in [
        dt.datetime(2025, 3, 9, 10, tzinfo=dt.UTC),
        dt.datetime(2025, 12, 31, 23, 30, tzinfo=dt.UTC),
        dt.datetime(2026, 1, 15, 2, tzinfo=SEOUL),
        dt.datetime(2026, 1, 15, 23, tzinfo=SEOUL),
        dt.datetime(2026, 4, 2, 8, tzinfo=SEOUL),
    ]:
        Article.objects.create(
            code=Article.next_code(at=moment), slug="S", section=section, created_at=moment
        )


@pytest.mark.parametrize("kind", ["year", "month", "day"])
@pytest.mark.parametrize("order", ["ASC", "DESC"])
def test_same_periods_as_djangos_own(spread, kind, order):
    ours = list(Article.objects.datetimes("created_at", kind, order=order))
    django = list(QuerySet.datetimes(Article.objects.all(), "created_at", kind, order=order))
    assert ours == django
    assert ours, "the spread has rows"


def test_filtered_navigation_keeps_the_filter(spread):
    january = Article.objects.filter(created_at__year=2026, created_at__month=1)
    days = [d.day for d in january.datetimes("created_at", "day")]
    assert days == [1, 15]
