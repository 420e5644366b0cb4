"""The desk: presence of editors, the newest-version pointer for the desk's list, who last
changed a version, roundup folds and the hand-written-advisory flag.

Adding a NOT NULL column makes SQLite rebuild articles_version, which drops its triggers;
the published-version freeze from 0002 is put back at the end.
"""

import importlib

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


freeze = importlib.import_module("articles.migrations.0002_freeze_published_versions")


def restore_freeze(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(freeze.SQLITE_DOWN)
        schema_editor.execute(freeze.SQLITE_UP)


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0004_roles'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='EditingPresence',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('opened_at', models.DateTimeField(default=django.utils.timezone.now)),
            ],
        ),
        migrations.AlterModelOptions(
            name='version',
            options={'get_latest_by': 'number', 'ordering': ['article', 'number'], 'permissions': [('submit_version', 'Can submit a version to the desk'), ('publish_version', 'Can publish or schedule a version'), ('start_update', 'Can start an update, roundup, correction or urgent'), ('caption_any_version', 'Can caption photos on any draft')]},
        ),
        migrations.AddField(
            model_name='article',
            name='newest_version',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='articles.version'),
        ),
        migrations.AddField(
            model_name='version',
            name='advisory_by_hand',
            field=models.BooleanField(db_default=False, default=False, editable=False),
        ),
        migrations.AddField(
            model_name='version',
            name='folds_in',
            field=models.ManyToManyField(blank=True, help_text='Roundups: stories that point readers to this roundup once it is published.', related_name='roundup_versions', to='articles.article', verbose_name='fold in'),
        ),
        migrations.AddField(
            model_name='version',
            name='updated_by',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddIndex(
            model_name='article',
            index=models.Index(fields=['-created_at'], name='article_created_idx'),
        ),
        migrations.AddField(
            model_name='editingpresence',
            name='user',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='editingpresence',
            name='version',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='presences', to='articles.version'),
        ),
        migrations.AddConstraint(
            model_name='editingpresence',
            constraint=models.UniqueConstraint(fields=('version', 'user'), name='presence_one_per_editor'),
        ),
        migrations.RunPython(restore_freeze, migrations.RunPython.noop),
    ]
