"""The desk's article list, written row by row (DeskChangeList.rows) into the admin's
own results template, headers and all."""

from __future__ import annotations

from typing import Any

from django import template
from django.contrib.admin.templatetags.admin_list import (
    ResultList,
    result_headers,
    result_hidden_fields,
    results,
)
from django.contrib.admin.templatetags.base import InclusionAdminNode

register = template.Library()


def desk_result_list(cl: Any) -> dict[str, Any]:
    """What the admin's ``result_list`` gives its template, with the desk's rows."""
    headers = list(result_headers(cl))
    return {
        "cl": cl,
        "result_hidden_fields": list(result_hidden_fields(cl)),
        "result_headers": headers,
        "num_sorted_fields": sum(1 for h in headers if h["sortable"] and h["sorted"]),
        # A popup (choosing an article for another form) marks its links: the admin's own.
        "results": list(results(cl)) if cl.is_popup else [ResultList(None, r) for r in cl.rows()],
    }


@register.tag(name="desk_result_list")
def desk_result_list_tag(parser: Any, token: Any) -> InclusionAdminNode:
    return InclusionAdminNode(
        parser,
        token,
        func=desk_result_list,
        template_name="change_list_results.html",
        takes_context=False,
    )
