from django.contrib import admin

from photos.models import Photo


@admin.register(Photo)
class PhotoAdmin(admin.ModelAdmin):
    list_display = ["__str__", "photographer", "credit", "width", "height", "created_at"]
    list_filter = ["credit", "created_at"]
    search_fields = ["description", "photographer", "alt_text"]
    readonly_fields = ["width", "height", "sha256", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["image", "width", "height"]}),
        (
            "Metadata",
            {
                "fields": [
                    "description",
                    "alt_text",
                    "photographer",
                    "credit",
                    "source",
                    "restriction",
                    "copyright",
                    "taken_at",
                ]
            },
        ),
        ("Record", {"fields": ["sha256", "created_at", "updated_at"]}),
    ]
