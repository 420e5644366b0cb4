import pytest

from tests.conftest import make_user


@pytest.fixture
def photo_editor(db):
    return make_user("photo", "Photo editor")


@pytest.fixture
def photo_client(client, photo_editor):
    """A browser logged in to the admin as photo staff."""
    client.force_login(photo_editor)
    return client
