"""The inbox scan as a task on the tasks framework (django-tasks), for a worker to run
periodically: each run imports what has settled in the inbox and, when the backend can
defer tasks, enqueues the next run ``every`` seconds later.

Settings need nothing: without ``TASKS`` django-tasks runs tasks immediately. With a
queue backend, start the cycle once with
``scan_wire_inbox.enqueue(inbox="/srv/wire/inbox", every=60)``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.utils import timezone
from django_tasks import default_task_backend, task

from articles.models import Section
from wire.importer import default_section
from wire.inbox import InboxBusy, scan_inbox


@task()
def scan_wire_inbox(
    inbox: str,
    *,
    section: str = "",
    publish: bool = False,
    settle: float = 1.0,
    every: int = 0,
) -> dict[str, Any]:
    """Import what has arrived in ``inbox``; returns what was done (JSON-ready)."""
    chosen = Section.objects.get(slug=section) if section else default_section()
    try:
        result = scan_inbox(Path(inbox), section=chosen, publish=publish, settle=settle)
    except InboxBusy:
        result = None  # a watcher or an earlier run still has the inbox: try next time
    if every and default_task_backend.supports_defer:
        scan_wire_inbox.using(run_after=timezone.now() + dt.timedelta(seconds=every)).enqueue(
            inbox, section=section, publish=publish, settle=settle, every=every
        )
    return result.to_dict() if result is not None else {"busy": True}
