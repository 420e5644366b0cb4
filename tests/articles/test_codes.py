"""Article codes: agency style, unique, safe when editors create stories at once."""

import datetime as dt
import re
import threading
from zoneinfo import ZoneInfo

import pytest
from django.db import connection

from articles.models import Article


def test_code_is_prefix_local_date_and_daily_serial(db, settings):
    settings.NEWSROOM_CODE_PREFIX = "HEN"
    # 23:30 UTC on Jan. 4 is already Jan. 5 in Seoul: the code uses the newsroom's date.
    at = dt.datetime(2026, 1, 4, 23, 30, tzinfo=dt.UTC)
    first, second = Article.next_code(at=at), Article.next_code(at=at)
    assert first == "HEN20260105000100"
    assert second == "HEN20260105000200"
    assert re.fullmatch(r"HEN\d{8}\d{6}", first)


def test_serial_starts_again_each_day(db):
    seoul = ZoneInfo("Asia/Seoul")
    Article.next_code(at=dt.datetime(2026, 3, 1, 9, tzinfo=seoul))
    assert Article.next_code(at=dt.datetime(2026, 3, 2, 9, tzinfo=seoul)).endswith("20260302000100")


def test_started_articles_get_distinct_codes(db, section):
    from tests.conftest import draft

    codes = {draft(section, slug=f"Story-{i}").article.code for i in range(5)}
    assert len(codes) == 5


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_creation_never_repeats_a_code():
    if connection.vendor == "sqlite" and connection.settings_dict["NAME"].startswith(":memory"):
        pytest.skip("needs a file-backed database")
    codes: list[str] = []
    errors: list[BaseException] = []
    start = threading.Barrier(6)
    at = dt.datetime(2026, 5, 5, 12, tzinfo=dt.UTC)

    def worker() -> None:
        from django.db import connections

        try:
            start.wait()
            for _ in range(5):
                codes.append(Article.next_code(at=at))
        except BaseException as exc:  # reported below, not swallowed
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(codes) == 30
    assert len(set(codes)) == 30
    assert sorted(codes)[-1].endswith("003000")
