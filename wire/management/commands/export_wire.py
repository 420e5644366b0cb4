"""export_wire: a published version as subscribers take it, wire text or ninjs JSON."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from articles.models import Article, Version
from wire.syndication import ninjs, wire_text


class Command(BaseCommand):
    help = (
        "Print an article's published version as agency wire text or IPTC ninjs JSON "
        "(default: the newest version readers can see; killed stories go out as canceled)."
    )

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any):
        # The issue's --version N (a story version) takes over Django's --version flag.
        return super().create_parser(prog_name, subcommand, conflict_handler="resolve", **kwargs)

    def add_arguments(self, parser):
        parser.add_argument("code", help="article code, e.g. HEN20260105000300")
        parser.add_argument("--version", type=int, help="version number (default: newest out)")
        parser.add_argument("--format", choices=["text", "ninjs"], default="text")

    def handle(self, *args: Any, code: str, version: int | None, format: str, **options: Any):
        article = Article.objects.filter(code=code).first()
        if article is None:
            raise CommandError(f"no article {code}")
        chosen = self.pick(article, version)
        chosen = Version.objects.for_page().get(pk=chosen.pk)
        if format == "ninjs":
            self.stdout.write(json.dumps(ninjs(chosen), ensure_ascii=False, indent=2))
        else:
            self.stdout.write(wire_text(chosen), ending="")

    @staticmethod
    def pick(article: Article, number: int | None) -> Version:
        """Only published copy leaves the newsroom; a scheduled one not before its time."""
        out = Version.objects.due().filter(article=article)
        if number is not None:
            found = out.filter(number=number).first()
            if found is None:
                raise CommandError(f"{article.code} has no published version {number}")
            return found
        found = out.order_by("-number").first()
        if found is None:
            raise CommandError(f"{article.code} has no published version yet")
        return found
