"""Who may do what to which story (DESIGN.md §4), as object permissions.

Registered with ``rules`` so that ``user.has_perm("articles.publish_version", version)``
answers the same in the admin, in views, in commands and in an API. A permission says
whether this *person* may act on this object (their role, whether the draft is theirs);
whether the object's *state* allows the verb is the model's business (its transitions
raise TransitionError), and the desk asks both.

Roles are Django groups holding model permissions (migrations 0004 and 0006): Reporter,
Desk editor, Photo editor, Administrator. Superusers hold every permission (Django's
own rule), as the Administrator role does.
"""

from __future__ import annotations

from typing import Any

import rules
from django.db.models import Exists, OuterRef, Q, QuerySet

from articles.models import Article, Status, Version, VersionWriter


def holds(codename: str) -> rules.Predicate:
    """The user's role grants this model permission (from their groups, not an object)."""

    # get_all_permissions() asks the model backend only: never this module's rules, so a
    # rule named like a model permission cannot recurse into itself.
    def check(user: Any) -> bool:
        return user.is_active and (
            user.is_superuser or f"articles.{codename}" in user.get_all_permissions()
        )

    return rules.predicate(check, name=f"holds {codename}")


is_desk = holds("publish_version")
# Desk editors and photo editors work on every story, not only their own.
sees_every_draft = is_desk | holds("caption_any_version")


@rules.predicate
def owns(user: Any, version: Version | None) -> bool:
    """A version is a reporter's own when they created it or carry its byline."""
    if version is None or not user.pk:
        return False
    if version.created_by_id == user.pk:
        return True
    prefetched = getattr(version, "_prefetched_objects_cache", {}).get("bylines")
    if prefetched is not None:
        return any(b.writer.user_id == user.pk for b in prefetched)
    return version.bylines.filter(writer__user=user.pk).exists()


@rules.predicate
def is_published(user: Any, version: Version | None) -> bool:
    return version is not None and version.status == Status.PUBLISHED


@rules.predicate
def is_draft(user: Any, version: Version | None) -> bool:
    return version is not None and version.status == Status.DRAFT


@rules.predicate
def first_draft_is_theirs(user: Any, article: Article | None) -> bool:
    """A reporter may set slug, section and keywords while their story is unpublished."""
    newest = article.newest_version if article is not None else None
    return newest is not None and newest.number == 0 and may_edit_text.test(user, newest)


may_edit_text = holds("change_version") & (is_desk | (is_draft & owns))
may_caption = may_edit_text | (holds("caption_any_version") & holds("change_caption"))

RULES = {
    "articles.view_version": is_published | sees_every_draft | owns,
    "articles.change_version": may_edit_text,
    "articles.caption_version": may_caption,
    "articles.submit_version": holds("submit_version") & may_edit_text,
    "articles.publish_version": is_desk & holds("change_version"),
    "articles.send_back_version": is_desk,
    "articles.share_version": is_desk,
    "articles.change_article": is_desk | (holds("change_article") & first_draft_is_theirs),
    "articles.start_update": holds("start_update"),
    "articles.kill_article": holds("kill_article"),
    "articles.view_audit": holds("view_audit"),
}
for name, rule in RULES.items():
    rules.add_perm(name, rule)


# --- the same rules over collections --------------------------------------------------------


def _own(user: Any) -> Q:
    bylined = VersionWriter.objects.filter(version=OuterRef("pk"), writer__user=user.pk)
    return Q(created_by=user.pk) | Q(Exists(bylined))


def visible_versions(user: Any, versions: QuerySet[Version]) -> QuerySet[Version]:
    """The versions of ``versions`` this user may open (articles.view_version, in SQL)."""
    if sees_every_draft.test(user):
        return versions
    return versions.filter(Q(status=Status.PUBLISHED) | _own(user))


def visible_articles(user: Any, articles: QuerySet[Article]) -> QuerySet[Article]:
    """The articles with a version this user may open: the desk's list, photo uses."""
    if sees_every_draft.test(user):
        return articles
    return articles.filter(Exists(Version.objects.filter(_own(user), article=OuterRef("pk"))))
