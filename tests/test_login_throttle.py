"""Repeated wrong passwords lock the username out for a while (django-axes)."""

from django.test import override_settings

from tests.conftest import make_user


def attempt(client, password: str):
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": "desk", "password": password},
        REMOTE_ADDR="203.0.113.7",
    )


@override_settings(AXES_FAILURE_LIMIT=3)
def test_login_is_locked_out_after_repeated_failures(client, db):
    make_user("desk", "Desk editor")
    for _ in range(3):
        assert attempt(client, "wrong-guess").status_code in (200, 429)
    locked = attempt(client, "pw-for-tests-only")  # even the right password now
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_correct_password_logs_in_before_the_limit(client, db):
    make_user("desk", "Desk editor")
    attempt(client, "wrong-guess")
    response = attempt(client, "pw-for-tests-only")
    assert response.status_code == 302
    assert client.session.get("_auth_user_id")
