"""Admin screens for subscribers, products, API keys and webhook deliveries.

Only the Administrator role holds these permissions (migration 0002). Secrets (a new
API key, a webhook signing secret) are shown once, on a page of their own, never stored
in a message cookie or shown again: afterwards only a key's prefix is visible.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.html import format_html_join

from articles.models import Genre
from distribution.delivery import enqueue
from distribution.models import (
    ApiKey,
    Product,
    Subscriber,
    WebhookAttempt,
    WebhookDelivery,
)


def shown_once(
    request: HttpRequest, subscriber: Subscriber, secrets: list[tuple[str, str]]
) -> TemplateResponse:
    """A page showing freshly made secrets, the only time they can be seen."""
    response = TemplateResponse(
        request,
        "distribution/admin/shown_once.html",
        {
            **admin.site.each_context(request),
            "title": f"Copy these now: {subscriber}",
            "subscriber": subscriber,
            "secrets": secrets,
        },
    )
    response["Cache-Control"] = "no-store"
    return response


class ProductForm(forms.ModelForm):
    genres = forms.MultipleChoiceField(
        choices=Genre.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Empty: every genre.",
    )

    class Meta:
        model = Product
        fields = ["name", "slug", "description", "sections", "genres", "keywords", "photos"]


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin):
    form = ProductForm
    list_display = ["name", "slug", "section_list", "genre_list", "photos", "subscriber_count"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["sections"]
    autocomplete_fields = ["keywords"]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return (
            super()
            .get_queryset(request)
            .prefetch_related("sections")
            .annotate(subscriber_total=Count("subscribers"))
        )

    @admin.display(description="sections")
    def section_list(self, obj: Product) -> str:
        return ", ".join(s.name for s in obj.sections.all()) or "all"

    @admin.display(description="genres")
    def genre_list(self, obj: Product) -> str:
        return ", ".join(obj.genres) or "all"

    @admin.display(description="subscribers", ordering="subscriber_total")
    def subscriber_count(self, obj: Product) -> int:
        return obj.subscriber_total


class ApiKeyInline(admin.TabularInline):
    model = ApiKey
    extra = 0
    can_delete = False
    fields = ["prefix", "name", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = ["prefix", "created_at", "last_used_at", "revoked_at"]
    show_change_link = True

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # issued with the "Issue a new API key" action: shown once


class SubscriberForm(forms.ModelForm):
    webhook_url = forms.URLField(
        label="Webhook endpoint",
        required=False,
        assume_scheme="https",
        max_length=500,
        help_text=Subscriber._meta.get_field("webhook_url").help_text,
    )

    class Meta:
        model = Subscriber
        fields = ["name", "contact_email", "active", "products", "webhook_url"]
        widgets = {"products": forms.CheckboxSelectMultiple}


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    form = SubscriberForm
    list_display = [
        "name",
        "contact_email",
        "active",
        "product_list",
        "webhook_url",
        "keys_in_use",
        "deliveries_pending",
    ]
    list_filter = ["active", "products"]
    search_fields = ["name", "contact_email"]
    readonly_fields = ["created_at", "webhook_secret_hint", "webhook_position"]
    inlines = [ApiKeyInline]
    actions = ["issue_key", "rotate_webhook_secret"]
    fieldsets = [
        (None, {"fields": ["name", "contact_email", "active", "products", "created_at"]}),
        (
            "Webhook",
            {
                "fields": ["webhook_url", "webhook_secret_hint", "webhook_position"],
                "description": "Each event is POSTed as ninjs, signed with HMAC-SHA256 "
                "(X-Newsroom-Signature over X-Newsroom-Timestamp + '.' + body).",
            },
        ),
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return (
            super()
            .get_queryset(request)
            .prefetch_related("products")
            .annotate(
                key_total=Count("api_keys", filter=Q(api_keys__revoked_at__isnull=True)),
                pending_total=Count(
                    "webhook_deliveries",
                    filter=Q(webhook_deliveries__status=WebhookDelivery.Status.PENDING),
                    distinct=True,
                ),
            )
        )

    @admin.display(description="products")
    def product_list(self, obj: Subscriber) -> str:
        return ", ".join(p.name for p in obj.products.all())

    @admin.display(description="keys in use", ordering="key_total")
    def keys_in_use(self, obj: Subscriber) -> int:
        return obj.key_total

    @admin.display(description="webhooks pending", ordering="pending_total")
    def deliveries_pending(self, obj: Subscriber) -> int:
        return obj.pending_total

    def save_model(self, request: HttpRequest, obj: Subscriber, form: Any, change: bool) -> None:
        previous = Subscriber.objects.filter(pk=obj.pk).first() if change else None
        new_url = obj.webhook_url
        if previous is None or not previous.webhook_url:
            # A first endpoint gets its secret (shown once) and starts from now.
            obj.webhook_url = ""
        super().save_model(request, obj, form, change)
        request._secrets = []  # type: ignore[attr-defined]
        if not change:
            _, key = ApiKey.issue(subscriber=obj, name="first key")
            request._secrets.append(("API key", key))  # type: ignore[attr-defined]
        if new_url and not obj.webhook_url:
            secret = obj.set_webhook(new_url)
            request._secrets.append(("Webhook signing secret", secret))  # type: ignore[attr-defined]

    def response_add(self, request: HttpRequest, obj: Subscriber, *args: Any) -> HttpResponse:
        return shown_once(request, obj, getattr(request, "_secrets", []))

    def response_change(self, request: HttpRequest, obj: Subscriber) -> HttpResponse:
        if getattr(request, "_secrets", []):
            return shown_once(request, obj, request._secrets)  # type: ignore[attr-defined]
        return super().response_change(request, obj)

    @admin.action(description="Issue a new API key (shown once)")
    def issue_key(self, request: HttpRequest, queryset: QuerySet) -> HttpResponse | None:
        if queryset.count() != 1:
            self.message_user(request, "Choose one subscriber at a time.", messages.WARNING)
            return None
        subscriber = queryset.get()
        _, key = ApiKey.issue(subscriber=subscriber, name=f"issued by {request.user}")
        return shown_once(request, subscriber, [("API key", key)])

    @admin.action(description="Rotate the webhook signing secret (shown once)")
    def rotate_webhook_secret(
        self, request: HttpRequest, queryset: QuerySet
    ) -> HttpResponse | None:
        if queryset.count() != 1 or not queryset.get().webhook_url:
            self.message_user(
                request, "Choose one subscriber that has a webhook endpoint.", messages.WARNING
            )
            return None
        subscriber = queryset.get()
        secret = subscriber.rotate_webhook_secret()
        return shown_once(request, subscriber, [("Webhook signing secret", secret)])


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin):
    list_display = ["prefix", "subscriber", "name", "created_at", "last_used_at", "revoked_at"]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter), "subscriber"]
    list_select_related = ["subscriber"]
    search_fields = ["prefix", "name", "subscriber__name"]
    fields = ["subscriber", "name", "prefix", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = ["subscriber", "prefix", "created_at", "last_used_at", "revoked_at"]
    actions = ["revoke"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # keys are issued from the subscriber: the key is shown once there

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # revoked, never deleted: the record of who had access stays

    @admin.action(description="Revoke selected keys")
    def revoke(self, request: HttpRequest, queryset: QuerySet) -> None:
        count = queryset.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
        self.message_user(request, f"Revoked {count} key(s); they are refused from now on.")


class WebhookAttemptInline(admin.TabularInline):
    model = WebhookAttempt
    extra = 0
    can_delete = False
    fields = ["at", "status_code", "error", "duration_ms", "succeeded", "replay"]
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin):
    list_display = [
        "seq",
        "subscriber",
        "event_summary",
        "status",
        "attempts",
        "next_attempt_at",
        "delivered_at",
    ]
    list_filter = ["status", "subscriber"]
    list_select_related = ["subscriber", "event__article"]
    search_fields = ["subscriber__name", "event__article__code"]
    readonly_fields = [
        "subscriber",
        "event_summary",
        "seq",
        "status",
        "attempts",
        "next_attempt_at",
        "delivered_at",
        "created_at",
        "attempt_log",
    ]
    fields = readonly_fields
    inlines = [WebhookAttemptInline]
    actions = ["replay"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.display(description="event")
    def event_summary(self, obj: WebhookDelivery) -> str:
        return f"{obj.event.action} {obj.event.article.code}"

    @admin.display(description="attempts made")
    def attempt_log(self, obj: WebhookDelivery) -> str:
        return format_html_join(
            "",
            "<div>{} — {}</div>",
            ((a.at, a.status_code or a.error) for a in obj.tries.all()),
        )

    @admin.action(description="Replay: send the selected events again", permissions=["view"])
    def replay(self, request: HttpRequest, queryset: QuerySet) -> None:
        from distribution.tasks import replay_task

        count = 0
        for delivery in queryset:
            enqueue(replay_task, delivery.pk)
            count += 1
        self.message_user(request, f"Queued {count} replay(s); attempts appear below each.")
