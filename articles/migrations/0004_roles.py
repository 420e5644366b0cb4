"""The newsroom's roles as Django groups (DESIGN.md section 4).

Object-level rules (a reporter edits only their own drafts) are enforced in the admin's
querysets and permission hooks; these groups say which verbs each role may use at all.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

READ_REFERENCE = [
    "articles.view_section",
    "articles.view_writer",
    "articles.view_keyword",
    "photos.view_photo",
]
WRITE_STORY = [
    "articles.add_article",
    "articles.change_article",
    "articles.view_article",
    "articles.add_version",
    "articles.change_version",
    "articles.view_version",
    "articles.submit_version",
    "articles.add_versionwriter",
    "articles.change_versionwriter",
    "articles.delete_versionwriter",
    "articles.view_versionwriter",
    "articles.add_revisiontag",
    "articles.change_revisiontag",
    "articles.delete_revisiontag",
    "articles.view_revisiontag",
    "articles.add_caption",
    "articles.change_caption",
    "articles.delete_caption",
    "articles.view_caption",
]
ROLES = {
    "Reporter": READ_REFERENCE + WRITE_STORY,
    "Desk editor": READ_REFERENCE
    + WRITE_STORY
    + [
        "articles.publish_version",
        "articles.start_update",
        "articles.kill_article",
        "articles.view_audit",
        "articles.view_auditentry",
        "articles.add_keyword",
        "articles.change_keyword",
        "articles.add_writer",
        "articles.change_writer",
    ],
    "Photo editor": READ_REFERENCE
    + [
        "photos.add_photo",
        "photos.change_photo",
        "articles.view_article",
        "articles.view_version",
        "articles.add_caption",
        "articles.change_caption",
        "articles.delete_caption",
        "articles.view_caption",
    ],
}


def make_roles(apps, schema_editor):
    # Permissions are normally created after migrations; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    def perms(names):
        found = []
        for name in names:
            app_label, codename = name.split(".")
            found.append(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )
        return found

    for role, names in ROLES.items():
        group, _ = Group.objects.get_or_create(name=role)
        group.permissions.set(perms(names))
    admin, _ = Group.objects.get_or_create(name="Administrator")
    admin.permissions.set(Permission.objects.all())


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(
        name__in=[*ROLES, "Administrator"]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0003_top_order"),
        ("photos", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(make_roles, remove_roles)]
