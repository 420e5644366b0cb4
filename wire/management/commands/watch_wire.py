"""watch_wire: import agencies' files as they arrive in an inbox folder (see wire/inbox.py)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from wire.inbox import FOLDERS, TEMPORARY_SUFFIXES, InboxBusy, Scan, scan_inbox, watch
from wire.management.commands.import_wire import Command as ImportWire


class Command(BaseCommand):
    help = (
        "Watch an inbox folder and import each wire file that arrives (any format we read), "
        f"moving it to {', '.join(f + '/' for f in FOLDERS[1:])} (with NAME.error.txt). "
        "Files are claimed by renaming them into processing/, so a crash loses nothing. "
        "A half-written file is never read: names starting with '.' or ending "
        f"{', '.join(TEMPORARY_SUFFIXES)} are left alone (write, then rename into place), "
        "and other files only once their size and time have not changed for --settle seconds."
    )

    def add_arguments(self, parser):
        parser.add_argument("inbox", help="the folder files arrive in")
        parser.add_argument("--once", action="store_true", help="process what is there, then exit")
        parser.add_argument("--dry-run", action="store_true", help="report only: move nothing")
        parser.add_argument("--publish", action="store_true", help="publish what may go live")
        parser.add_argument("--section", help="section slug (default: NEWSROOM_DEFAULT_SECTION)")
        parser.add_argument(
            "--settle", type=float, default=1.0, help="seconds a file must stay unchanged (1)"
        )
        parser.add_argument("--interval", type=float, default=2.0, help="seconds between scans")
        parser.add_argument("--json", action="store_true", help="print the run's result as JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        inbox = Path(options["inbox"])
        if not inbox.is_dir():
            raise CommandError(f"{inbox}: no such folder")
        section = None if options["dry_run"] else ImportWire.section(options["section"])
        try:
            if options["once"] or options["dry_run"]:
                result = scan_inbox(
                    inbox,
                    section=section,
                    publish=options["publish"],
                    dry_run=options["dry_run"],
                    settle=options["settle"],
                )
                self.report(result)
            else:
                self.stdout.write(f"Watching {inbox} (Ctrl-C to stop) …")
                try:
                    result = watch(
                        inbox,
                        section=section,
                        publish=options["publish"],
                        settle=options["settle"],
                        interval=options["interval"],
                        report=self.report,
                    )
                except KeyboardInterrupt:
                    self.stdout.write("Stopped.")
                    return
        except InboxBusy as busy:
            raise CommandError(str(busy)) from busy
        if options["json"]:
            self.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
        else:
            if result.recovered:
                self.stdout.write(f"recovered from an earlier run: {', '.join(result.recovered)}")
            self.stdout.write(result.summary + ".")

    def report(self, scan: Scan) -> None:
        for line in scan.lines:
            self.stdout.write(line)
