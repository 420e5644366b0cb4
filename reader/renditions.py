"""Photo renditions reach readers only once a story they can see shows the photo.

Renditions are made privately (``photos.models.PrivateRenditionsStorage``, outside
MEDIA_ROOT). Their URLs are the public media URLs they will have, and this view answers
those URLs whenever the public copy is not there yet (in production the web server
serves MEDIA_ROOT and falls back to the app for a missing file, e.g. nginx
``try_files $uri @app``):

* a photo shown by a published version (``Version.objects.published()``: live, or an
  earlier version of an unkilled story) is published: its renditions are copied to the
  public storage once, and from then on the web server answers without the app;
* staff (the desk, the photo library) get the private file, never cached;
* anyone else gets a 404, whatever they know of the URL: a draft's or a scheduled
  story's photo is not reachable before the story is public.

A scheduled story needs no job at its publish time: its photos are published by the
first request that asks for them after it. When a story is killed, the public copies
of photos no other published story shows are withdrawn.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe
from django.views.static import serve

from articles.models import AuditEntry, Caption, Version
from photos.models import Photo, is_rendition_path

# Renditions never change at their URL (a new image gets a new random folder).
PUBLIC_MAX_AGE = 30 * 24 * 3600


def shown_to_readers(photos: Any) -> Any:
    """The photos among ``photos`` that a published story shows."""
    return photos.filter(captions__version__in=Version.objects.published()).distinct()


@require_safe
def rendition(request: HttpRequest, path: str) -> HttpResponse:
    if not is_rendition_path(path):  # before any storage sees it: no traversal, no probing
        raise Http404("No such rendition")
    public = default_storage
    local = isinstance(public, FileSystemStorage)
    if local and public.exists(path):  # published already (the web server's job in production)
        return _serve(request, path, public.location, max_age=PUBLIC_MAX_AGE)
    photo = Photo.objects.with_rendition(path)
    if photo is None:
        raise Http404("No such rendition")
    if shown_to_readers(Photo.objects.filter(pk=photo.pk)).exists():
        photo.publish_renditions()
        if not local:  # object storage serves it from now on
            return HttpResponseRedirect(public.url(path))
        return _serve(request, path, public.location, max_age=PUBLIC_MAX_AGE)
    user = getattr(request, "user", None)
    if user is not None and user.is_active and user.is_staff:
        response = _serve(request, path, settings.PHOTO_PRIVATE_RENDITIONS_ROOT, max_age=0)
        patch_cache_control(response, private=True, no_store=True)
        return response
    raise Http404("No such rendition")


def _serve(request: HttpRequest, path: str, root: Any, *, max_age: int) -> HttpResponse:
    response = serve(request, path, document_root=str(Path(root)))
    if max_age:
        patch_cache_control(response, public=True, max_age=max_age, immutable=True)
    return response


def withdraw_photos_of_killed_story(
    sender: Any, instance: AuditEntry, created: bool = False, **kwargs: Any
) -> None:
    """After a kill commits, take down the public copies of its photos that no other
    published story shows (their private renditions stay)."""
    if not created or instance.action != "kill":
        return
    article_id = instance.article_id

    def withdraw() -> None:
        photos = Photo.objects.filter(
            pk__in=Caption.objects.filter(version__article_id=article_id).values("photo_id")
        )
        still_shown = shown_to_readers(photos).values("pk")
        for photo in photos.exclude(pk__in=still_shown):
            photo.withdraw_renditions()

    transaction.on_commit(withdraw)
