"""Roles for the desk's object-level rules, and the newest-version pointer for old rows.

Photo editors caption photos on any draft (a permission of its own, so a reporter's
caption rights stay on their own drafts) and read bylines and advisories beside the
captions; the Administrator group gets every permission, including the new ones.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations
from django.db.models import OuterRef, Subquery

GRANTS = {
    "Photo editor": [
        "articles.caption_any_version",
        "articles.view_versionwriter",
        "articles.view_revisiontag",
    ],
    "Desk editor": ["articles.caption_any_version"],
}


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, names in GRANTS.items():
        group, _ = Group.objects.get_or_create(name=role)
        for name in names:
            app_label, codename = name.split(".")
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )
    admin, _ = Group.objects.get_or_create(name="Administrator")
    admin.permissions.set(Permission.objects.all())


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, names in GRANTS.items():
        group = Group.objects.filter(name=role).first()
        if group is None:
            continue
        for name in names:
            app_label, codename = name.split(".")
            group.permissions.remove(
                *Permission.objects.filter(content_type__app_label=app_label, codename=codename)
            )


def point_to_newest(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    Version = apps.get_model("articles", "Version")
    newest = Version.objects.filter(article=OuterRef("pk")).order_by("-number").values("pk")[:1]
    Article.objects.update(newest_version=Subquery(newest))


class Migration(migrations.Migration):
    dependencies = [("articles", "0005_desk")]

    operations = [
        migrations.RunPython(grant, revoke),
        migrations.RunPython(point_to_newest, migrations.RunPython.noop),
    ]
