"""Fixtures for the desk: the remaining roles, and a logged-in client per user."""

from __future__ import annotations

import pytest
from django.test import Client

from articles.models import Writer
from tests.conftest import make_user


@pytest.fixture
def administrator(db):
    return make_user("chief", "Administrator")


@pytest.fixture
def other_reporter(db):
    return make_user("other", "Reporter")


@pytest.fixture
def reporter_writer(reporter):
    """The reporter's own entry in the writers' list (their byline)."""
    return Writer.objects.create(
        name="Kim Reporter", email="kim@example.com", slug="kim-reporter", user=reporter
    )


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client
