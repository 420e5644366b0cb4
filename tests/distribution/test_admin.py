"""Admin screens for subscribers, products, keys and deliveries: the Administrator's only;
secrets shown once."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from distribution.models import ApiKey, Product, Subscriber
from tests.conftest import make_user
from tests.distribution.conftest import Api

SCREENS = [
    "admin:distribution_subscriber_changelist",
    "admin:distribution_subscriber_add",
    "admin:distribution_product_changelist",
    "admin:distribution_product_add",
    "admin:distribution_apikey_changelist",
    "admin:distribution_webhookdelivery_changelist",
]


def logged_in(role: str) -> Client:
    client = Client()
    client.force_login(make_user(role.lower().replace(" ", "-"), role))
    return client


@pytest.mark.parametrize("name", SCREENS)
def test_the_administrator_has_every_screen(db, name, subscriber):
    assert logged_in("Administrator").get(reverse(name)).status_code == 200


@pytest.mark.parametrize("role", ["Desk editor", "Reporter", "Photo editor"])
def test_other_roles_have_none(db, role):
    client = logged_in(role)
    assert {client.get(reverse(name)).status_code for name in SCREENS} == {403}


def test_adding_a_subscriber_shows_its_key_and_secret_once(db):
    client = logged_in("Administrator")
    response = client.post(
        reverse("admin:distribution_subscriber_add"),
        {
            "name": "Harbour Herald",
            "contact_email": "news@herald.example",
            "active": "on",
            "products": [Product.objects.get(slug="all").pk],
            "webhook_url": "https://herald.example/hooks",
            "api_keys-TOTAL_FORMS": "0",
            "api_keys-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200, response.content
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    key = re.search(r"<code>(nrk_[^<]+)</code>", html).group(1)
    secret = re.search(r"<code>(whsec_[^<]+)</code>", html).group(1)
    subscriber = Subscriber.objects.get(name="Harbour Herald")
    assert subscriber.webhook_secret == secret
    assert Api(key).get("/feed").status_code == 200
    page = client.get(reverse("admin:distribution_subscriber_change", args=[subscriber.pk]))
    assert key not in page.content.decode() and secret not in page.content.decode()
    assert ApiKey.objects.get(subscriber=subscriber).prefix in page.content.decode()


def test_issuing_and_revoking_keys_from_the_admin(db, subscriber):
    found, first_key = subscriber
    client = logged_in("Administrator")
    response = client.post(
        reverse("admin:distribution_subscriber_changelist"),
        {"action": "issue_key", "_selected_action": [found.pk]},
    )
    second_key = re.search(r"<code>(nrk_[^<]+)</code>", response.content.decode()).group(1)
    assert Api(second_key).get("/feed").status_code == 200
    first = ApiKey.objects.get(prefix=first_key.split("_")[1])
    client.post(
        reverse("admin:distribution_apikey_changelist"),
        {"action": "revoke", "_selected_action": [first.pk]},
    )
    assert Api(first_key).get("/feed").status_code == 401
    assert Api(second_key).get("/feed").status_code == 200


def test_a_product_keeps_the_genres_ticked(db, section):
    client = logged_in("Administrator")
    client.post(
        reverse("admin:distribution_product_add"),
        {"name": "Features", "slug": "features", "genres": ["feature", "interview"],
         "sections": [section.pk], "photos": "with"},
    )  # fmt: skip
    product = Product.objects.get(slug="features")
    assert product.genres == ["feature", "interview"]
    assert list(product.sections.all()) == [section]
