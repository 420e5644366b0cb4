"""import_wire: agency copy in, articles and versions out (one transaction per file).

The format of each file is sniffed from its content (wire text, a saved page, ANPA 1312,
IPTC 7901, NewsML-G2, NewsML 1.2, NITF); anything else is refused, naming what it looked
like. A refused or failing file writes nothing and fails the run.
"""

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
from wire.formats import read_story
from wire.importer import (
    ImportRefused,
    check_story,
    default_section,
    import_story,
    publish_refusals,
)
from wire.text.story import WireError

# Files in a folder that are never copy: notes, licences (dotfiles are skipped too).
NOT_COPY = {".md", ".license", ".notice"}


def is_copy_file(path: Path) -> bool:
    name = path.name.lower()
    return (
        path.is_file()
        and not name.startswith(".")
        and path.suffix.lower() not in NOT_COPY
        and not name.startswith(("readme", "license", "licence", "notice"))
    )


def wire_files(paths: list[str]) -> list[str]:
    """Files as given, folders expanded to the files in them (sorted), '-' for stdin.

    Which files are wire copy is decided by their content, not their names: a folder's
    files are all read, except notes and licences kept beside them.
    """
    found: list[str] = []
    for raw in paths:
        path = Path(raw)
        if raw == "-" or path.is_file():
            found.append(raw)
        elif path.is_dir():
            found += sorted(
                str(p)
                for p in path.rglob("*")
                if is_copy_file(p)
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
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
        # A dry run writes nothing, so it needs no section (and works on an empty database).
        writes = not (options["dry_run"] or options["json"])
        section = self.section(options["section"]) if writes else None
        at = self.moment(options["at"])
        folds = self.folds(options["folds"])
        results: list[dict[str, Any]] = []
        failed = imported = duplicates = 0
        for name in wire_files(options["paths"]):
            try:
                data = sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
                filename = "<stdin>" if name == "-" else name
                story = read_story(data, filename=filename)
            except WireError as error:
                failed += 1
                results.append({"file": error.filename, "error": str(error)})
                self.stderr.write(str(error))
                continue
            results.append(story.to_dict())
            if not writes:
                try:
                    check_story(story)
                except ImportRefused as error:
                    failed += 1
                    results[-1]["error"] = str(error)
                    self.stderr.write(str(error))
                    continue
                if not options["json"]:
                    kept = publish_refusals(story) if options["publish"] else []
                    note = f" (kept as a draft: {'; '.join(kept)})" if kept else ""
                    line = (
                        f"{filename}: would import [{story.format}] {story.label} {story.headline}"
                    )
                    self.stdout.write(" ".join(line.split()) + note)
                continue
            try:
                outcome = import_story(
                    story, section=section, publish=options["publish"], at=at, folds=folds
                )
            except ImportRefused as error:
                failed += 1
                results[-1]["error"] = str(error)
                self.stderr.write(str(error))
                continue
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
        """The --section asked for (which must exist), or the default one (made if absent)."""
        if not slug:
            return default_section()
        try:
            return Section.objects.get(slug=slug)
        except Section.DoesNotExist as missing:
            known = ", ".join(Section.objects.values_list("slug", flat=True)) or "none yet"
            raise CommandError(
                f"no section with slug {slug!r} (sections: {known}); create it first"
            ) from missing

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
