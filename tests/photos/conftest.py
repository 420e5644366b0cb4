import pytest


@pytest.fixture
def photo_client(client, photo_editor):
    """A browser logged in to the admin as photo staff."""
    client.force_login(photo_editor)
    return client
