"""Refusals on the desk look like the desk: 403 and 404 in the admin's own pages.

Django's defaults answer an admin URL with bare text (403) or the public site's page
(404). For any address under the admin, this renders them in the admin's chrome instead,
saying what happened and offering a way back; everywhere else nothing changes.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils.http import url_has_allowed_host_and_scheme

REFUSALS = {
    403: (
        "You may not do that",
        "Your role does not allow this on this story, or the story's state no longer does "
        "(published, submitted, killed).",
    ),
    404: (
        "Not found",
        "There is nothing at this address for you: it may have been deleted, or it is "
        "someone else's draft.",
    ),
}


def error_page(request: HttpRequest, status: int, detail: str = "") -> HttpResponse:
    title, explain = REFUSALS[status]
    referer = request.META.get("HTTP_REFERER", "")
    back = (
        referer
        if referer
        and url_has_allowed_host_and_scheme(
            referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
        else ""
    )
    response = TemplateResponse(
        request,
        "admin/desk_error.html",
        {
            **admin.site.each_context(request),
            "title": title,
            "explain": explain,
            "detail": detail,
            "status": status,
            "back": back,
        },
        status=status,
    )
    return response.render()


class DeskErrorPagesMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        try:
            self.prefix = reverse("admin:index")
        except NoReverseMatch:  # a URLconf without the admin
            self.prefix = None

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if self.prefix is None or not request.path.startswith(self.prefix):
            return None
        if not getattr(request, "user", None) or not request.user.is_active:
            return None  # the admin sends visitors to its login page itself
        if isinstance(exception, PermissionDenied):
            return error_page(request, 403)
        if isinstance(exception, Http404):
            detail = str(exception) if exception.args else ""
            return error_page(request, 404, detail)
        return None
