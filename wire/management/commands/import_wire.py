"""import_wire: agency copy in, articles and versions out (one transaction per file)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, connection
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from articles.dbobjects import refresh_statistics
from articles.models import Article, Section, TransitionError
from wire.importer import default_section, import_story
from wire.text.parser import decode_wire, parse_wire
from wire.text.story import WireError

WIRE_SUFFIXES = {".txt", ".text", ".wire", ""}


def wire_files(paths: list[str]) -> list[str]:
    """Files as given, folders expanded to their wire files (sorted), '-' for stdin."""
    found: list[str] = []
    for raw in paths:
        path = Path(raw)
        if raw == "-" or path.is_file():
            found.append(raw)
        elif path.is_dir():
            found += sorted(
                str(p)
                for p in path.rglob("*")
                if p.is_file()
                and p.suffix.lower() in WIRE_SUFFIXES
                and not p.name.startswith(".")
                and p.name.lower() != "readme.md"
            )
        else:
            raise CommandError(f"{raw}: no such file or folder")
    return found


class Command(BaseCommand):
    help = (
        "Import agency wire copy (files, folders, or - for stdin) as articles and versions. "
        "Re-sends join their story by keyword slug; the same copy twice creates nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="wire files or folders; - reads stdin")
        parser.add_argument("--section", help="section slug (default: NEWSROOM_DEFAULT_SECTION)")
        parser.add_argument("--publish", action="store_true", help="publish instead of drafting")
        parser.add_argument("--at", help="publish time, ISO 8601 (default: now)")
        parser.add_argument(
            "--folds", nargs="+", default=[], metavar="CODE", help="articles a roundup folds in"
        )
        parser.add_argument("--dry-run", action="store_true", help="parse and report only")
        parser.add_argument("--json", action="store_true", help="print the parsed data as JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        section = self.section(options["section"])
        at = self.moment(options["at"])
        folds = self.folds(options["folds"])
        results: list[dict[str, Any]] = []
        failed = imported = duplicates = 0
        for name in wire_files(options["paths"]):
            try:
                data = sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
                filename = "<stdin>" if name == "-" else name
                story = parse_wire(decode_wire(data, filename=filename), filename=filename)
            except WireError as error:
                failed += 1
                results.append({"file": error.filename, "error": str(error)})
                self.stderr.write(str(error))
                continue
            results.append(story.to_dict())
            if options["json"] or options["dry_run"]:
                if not options["json"]:
                    self.stdout.write(
                        f"{filename}: would import {story.label} {story.headline}".replace(
                            "  ", " "
                        )
                    )
                continue
            try:
                outcome = import_story(
                    story, section=section, publish=options["publish"], at=at, folds=folds
                )
            except (DatabaseError, ValidationError, TransitionError) as error:
                # The file's transaction rolled back: nothing of it was written.
                failed += 1
                results[-1]["error"] = f"{filename}:1: {error}"
                self.stderr.write(results[-1]["error"])
                continue
            duplicates += outcome.duplicate
            imported += not outcome.duplicate
            self.stdout.write(outcome.line)
            for warning in outcome.warnings:
                self.stdout.write(f"  warning: {warning}")
        if imported:
            refresh_statistics(connection)  # the planner's numbers follow the archive
        if options["json"]:
            self.stdout.write(json.dumps(results, ensure_ascii=False, indent=2))
        else:
            verb = "parsed" if options["dry_run"] else "imported"
            count = len(results) - failed if options["dry_run"] else imported
            self.stdout.write(f"{count} {verb}, {duplicates} already imported, {failed} failed.")
        if failed:
            raise CommandError(f"{failed} file(s) could not be imported")

    @staticmethod
    def section(slug: str | None) -> Section:
        try:
            return Section.objects.get(slug=slug) if slug else default_section()
        except Section.DoesNotExist as missing:
            raise CommandError(f"no section {slug!r}; create it first") from missing

    @staticmethod
    def moment(text: str | None):
        if not text:
            return None
        value = parse_datetime(text)
        if value is None:
            raise CommandError(f"--at {text!r} is not an ISO 8601 date-time")
        return value if timezone.is_aware(value) else timezone.make_aware(value)

    @staticmethod
    def folds(codes: list[str]) -> list[Article]:
        articles = list(Article.objects.filter(code__in=codes))
        missing = set(codes) - {a.code for a in articles}
        if missing:
            raise CommandError(f"--folds: no article {', '.join(sorted(missing))}")
        return articles
