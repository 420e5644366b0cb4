"""add_subscriber: a new subscriber, its products, optionally a webhook; prints its first key."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Q

from distribution.models import Product, Subscriber

ALL_COPY = "all"


class Command(BaseCommand):
    help = (
        "Create a subscriber taking the given products (default: all copy), optionally "
        "with a webhook endpoint, and print its first API key (and webhook signing secret) "
        "once: API_KEY=… and WEBHOOK_SECRET=… lines that scripts can read."
    )

    def add_arguments(self, parser):
        parser.add_argument("name", help='the subscriber, e.g. "Daily Planet"')
        parser.add_argument(
            "--product",
            action="append",
            dest="products",
            metavar="SLUG",
            help=f"a product's slug or name; repeat for several (default: {ALL_COPY})",
        )
        parser.add_argument("--webhook", metavar="URL", default="", help="HTTPS endpoint")
        parser.add_argument("--email", default="", help="contact e-mail")
        parser.add_argument(
            "--dry-run", action="store_true", help="check everything, create nothing"
        )

    def handle(self, *args: Any, name: str, products: list[str] | None, webhook: str,
               email: str, dry_run: bool, **options: Any) -> None:  # fmt: skip
        wanted = products or [ALL_COPY]
        found = []
        for ref in wanted:
            product = Product.objects.filter(Q(slug=ref) | Q(name__iexact=ref)).first()
            if product is None:
                known = ", ".join(Product.objects.values_list("slug", flat=True)) or "none"
                raise CommandError(f"No product {ref!r}. Known products: {known}.")
            found.append(product)
        if Subscriber.objects.filter(name=name).exists():
            raise CommandError(f"A subscriber named {name!r} exists already.")
        try:
            with transaction.atomic():
                subscriber, key, secret = Subscriber.create(
                    name=name, products=found, contact_email=email, webhook_url=webhook
                )
                if dry_run:
                    transaction.set_rollback(True)
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        slugs = ", ".join(p.slug for p in found)
        if dry_run:
            self.stdout.write(f"Would create subscriber {name!r} taking {slugs} (dry run).")
            return
        self.stdout.write(
            f"Created subscriber {subscriber.pk} {name!r} taking {slugs}"
            + (f", webhook {webhook}" if webhook else "")
            + ". Keep these; they are not shown again:"
        )
        self.stdout.write(f"API_KEY={key}")
        if secret:
            self.stdout.write(f"WEBHOOK_SECRET={secret}")
