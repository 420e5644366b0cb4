"""What the pager template (articles/_pager.html) asks of a page of stories, as Django's
own Page answers it, for the pages that are not Django's: a listing that never counts
the archive (reader.views.ArchivePage) and a page of ranked search results."""

from __future__ import annotations

from typing import Any


class StoryPage:
    object_list: list[Any]
    number: int

    def has_next(self) -> bool:
        raise NotImplementedError

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self) -> int:
        return len(self.object_list)

    def has_previous(self) -> bool:
        return self.number > 1

    def has_other_pages(self) -> bool:
        return self.has_previous() or self.has_next()

    def previous_page_number(self) -> int:
        return self.number - 1

    def next_page_number(self) -> int:
        return self.number + 1
