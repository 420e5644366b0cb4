"""The photo library's admin: upload (one or many files), a list with thumbnails and
filters, and the metadata form.

The original file is never linked: it has no URL (OriginalsStorage.url raises), so the
form leaves the ``image`` field out entirely and shows a rendition instead. Where each
photo is used is added in articles/admin_photos.py, since this app knows nothing of
articles.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.exceptions import DisallowedModelAdminToField
from django.contrib.admin.options import IS_POPUP_VAR, TO_FIELD_VAR
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html

from photos.forms import PhotoForm, PhotoUploadForm, photo_link
from photos.models import Photo


class ImageFilter(admin.SimpleListFilter):
    title = "image"
    parameter_name = "image"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [("yes", "Has its image"), ("awaiting", "Awaiting image")]

    def queryset(self, request: HttpRequest, queryset: Any) -> Any:
        if self.value() == "yes":
            return queryset.with_image()
        if self.value() == "awaiting":
            return queryset.awaiting_image()
        return queryset


@admin.register(Photo)
class PhotoAdmin(admin.ModelAdmin):
    form = PhotoForm
    list_display = ["thumbnail", "summary", "photographer", "credit_line", "taken_at", "created_at"]
    list_display_links = ["thumbnail", "summary"]
    list_filter = [
        ImageFilter,
        "credit",
        "photographer",
        "source",
        "restriction",
        "taken_at",
        "created_at",
    ]
    search_fields = ["description", "photographer", "alt_text"]
    list_per_page = 50
    readonly_fields = ["preview", "dimensions", "sha256", "uploaded_by", "created_at", "updated_at"]
    fieldsets = [
        ("Picture", {"fields": ["preview", "dimensions"]}),
        ("Description", {"fields": ["description", "alt_text"]}),
        (
            "Credit",
            {
                "fields": [
                    "photographer",
                    "credit",
                    "source",
                    "restriction",
                    "copyright",
                    "taken_at",
                ]
            },
        ),
        ("Record", {"fields": ["sha256", "uploaded_by", "created_at", "updated_at"]}),
    ]

    # --- list ---

    @admin.display(description="photo")
    def thumbnail(self, obj: Photo) -> str:
        thumb = obj.thumbnail
        if not thumb:
            return format_html('<span class="awaiting-image">{}</span>', "Awaiting image")
        # Shown at most 96 px wide so the list stays scannable; the file is the 160 px thumb.
        scale = min(1.0, 96 / thumb["width"], 96 / thumb["height"])
        return format_html(
            '<img src="{}" width="{}" height="{}" alt="" loading="lazy" decoding="async">',
            obj.rendition_url(thumb["jpeg"]),
            round(thumb["width"] * scale),
            round(thumb["height"] * scale),
        )

    @admin.display(description="description", ordering="description")
    def summary(self, obj: Photo) -> str:
        text = obj.description or obj.alt_text
        return text if len(text) <= 120 else f"{text[:119]}…"

    # --- change form ---

    @admin.display(description="preview")
    def preview(self, obj: Photo) -> str:
        rendition = obj.default_rendition
        if rendition is None:
            return "Awaiting image: this caption came from wire copy without a picture."
        largest = obj.sizes[-1]
        return format_html(
            '<img src="{}" width="{}" height="{}" alt="{}" decoding="async"><br>'
            '<a href="{}">Largest rendition ({} × {})</a>',
            obj.rendition_url(rendition["jpeg"]),
            min(rendition["width"], 640),
            round(rendition["height"] * min(rendition["width"], 640) / rendition["width"]),
            obj.alt_text or obj.description,
            obj.rendition_url(largest["jpeg"]),
            largest["width"],
            largest["height"],
        )

    @admin.display(description="original size")
    def dimensions(self, obj: Photo) -> str:
        if not obj.has_image or not obj.width:
            return "—"
        return f"{obj.width} × {obj.height} pixels (the original is kept privately)"

    def get_fieldsets(self, request: HttpRequest, obj: Photo | None = None) -> list:
        fieldsets = [(name, dict(options)) for name, options in super().get_fieldsets(request, obj)]
        if obj is not None and not obj.has_image:
            # A wire caption awaiting its picture: offer the upload right where it shows.
            name, options = fieldsets[0]
            fieldsets[0] = (name, {**options, "fields": ["preview", "new_image"]})
        return fieldsets

    def save_model(self, request: HttpRequest, obj: Photo, form: PhotoForm, change: bool) -> None:
        upload = getattr(form, "prepared_upload", None)
        if upload is not None:
            obj.attach_prepared(upload, by=request.user)
        else:
            super().save_model(request, obj, form, change)

    # --- deleting also removes the files (only once the rows are really gone) ---

    def delete_model(self, request: HttpRequest, obj: Photo) -> None:
        super().delete_model(request, obj)
        transaction.on_commit(obj.discard_files)

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        photos = list(queryset)
        super().delete_queryset(request, queryset)
        for photo in photos:
            transaction.on_commit(photo.discard_files)

    # --- upload: the add view takes one or several files ---

    def add_view(
        self, request: HttpRequest, form_url: str = "", extra_context: dict | None = None
    ) -> HttpResponse:
        if not self.has_add_permission(request):
            raise PermissionDenied
        to_field = request.POST.get(TO_FIELD_VAR, request.GET.get(TO_FIELD_VAR))
        if to_field and not self.to_field_allowed(request, to_field):
            raise DisallowedModelAdminToField(f"The field {to_field} cannot be referenced.")
        refused: list[str] = []
        if request.method == "POST":
            form = PhotoUploadForm(request.POST, request.FILES)
            if form.is_valid():
                response = self._store_uploads(request, form)
                if not form.refused:
                    return response
                # The good files are stored; the page lists the others to try again.
                refused, form = form.refusals(), PhotoUploadForm()
        else:
            form = PhotoUploadForm()
        context = {
            **self.admin_site.each_context(request),
            "title": "Upload photos",
            "subtitle": None,
            "opts": self.opts,
            "form": form,
            "media": self.media + form.media,
            "is_popup": IS_POPUP_VAR in request.POST or IS_POPUP_VAR in request.GET,
            "is_popup_var": IS_POPUP_VAR,
            "to_field": to_field,
            "to_field_var": TO_FIELD_VAR,
            "has_view_permission": self.has_view_permission(request),
            "max_files": settings.DATA_UPLOAD_MAX_NUMBER_FILES,
            "max_megabytes": settings.PHOTO_MAX_BYTES / (1024 * 1024),
            "refused": refused,
            **(extra_context or {}),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/photos/photo/upload.html", context)

    def _store_uploads(self, request: HttpRequest, form: PhotoUploadForm) -> HttpResponse:
        photos: list[Photo] = []
        created_any = False
        for name, upload in form.cleaned_data["images"]:
            photo, created = Photo.objects.store(upload, by=request.user)
            photos.append(photo)
            if created:
                created_any = True
                self.log_addition(request, photo, [{"added": {}}])
                self.message_user(
                    request,
                    format_html("Uploaded {} as {}.", name, photo_link(photo)),
                    messages.SUCCESS,
                )
            else:
                self.message_user(
                    request,
                    format_html(
                        "Not stored again: {} is already in the library as {}.",
                        name,
                        photo_link(photo),
                    ),
                    messages.WARNING,
                )
        for name, twin in form.repeats:
            self.message_user(
                request,
                f"Stored once: {name} is the same picture as {twin}.",
                messages.WARNING,
            )
        if len(photos) == 1:
            if IS_POPUP_VAR in request.POST:
                return self.response_add(request, photos[0])
            if created_any:
                self.message_user(
                    request,
                    "Check the description, credit and alt text read from the file, then save.",
                    messages.INFO,
                )
            return HttpResponseRedirect(reverse("admin:photos_photo_change", args=[photos[0].pk]))
        return HttpResponseRedirect(reverse("admin:photos_photo_changelist"))
