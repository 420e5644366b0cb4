"""The Administrator role manages subscribers (every permission of this app; no other
role gets any), and the product every new subscriber takes unless told otherwise."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def grant_and_create(apps, schema_editor):
    # Permissions are normally created after migrations; the group needs them now.
    app_config = apps.get_app_config("distribution")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    admin, _ = Group.objects.get_or_create(name="Administrator")
    admin.permissions.add(*Permission.objects.filter(content_type__app_label="distribution"))

    Product = apps.get_model("distribution", "Product")
    Product.objects.get_or_create(
        slug="all",
        defaults={
            "name": "All copy",
            "description": "Every story in every section, genre and keyword.",
        },
    )


def remove(apps, schema_editor):
    apps.get_model("distribution", "Product").objects.filter(slug="all").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("distribution", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant_and_create, remove)]
