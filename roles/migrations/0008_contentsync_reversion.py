"""Revisions move to django-reversion; load and export runs are recorded (ContentSync).

The hand-made revisions (ContentRevision) held one record's own fields. Those of records that
have nothing attached (an FAQ, a step, a salary level…) become reversion versions, one revision
each, with their date, user and what changed. Those of a role, a certification, a responsibility
group or a career stage are dropped: a reversion version of one of them holds its inline rows
too, and restoring a version without them would delete every row attached to it.
"""

import json

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


# Versions of these hold their children (roles/history.py FOLLOW), which the old snapshots lack.
PARENTS = {"role", "certification", "responsibilitygroup", "careerstage"}
ACTIONS = {
    "original": "As it was before the first change in the admin.",
    "added": "Added.",
    "changed": "Changed {fields}.",
    "restored": "Restored an earlier version; changed {fields}.",
}


def carry_over_revisions(apps, schema_editor):
    ContentRevision = apps.get_model("roles", "ContentRevision")
    Revision = apps.get_model("reversion", "Revision")
    Version = apps.get_model("reversion", "Version")
    alias = schema_editor.connection.alias
    for old in ContentRevision.objects.using(alias).select_related("content_type").order_by("created", "pk"):
        content_type = old.content_type
        if content_type.app_label != "roles" or content_type.model in PARENTS:
            continue
        model = apps.get_model("roles", content_type.model)
        by_attname = {field.attname: field for field in model._meta.concrete_fields}
        names = {
            attname: field.name
            for attname, field in by_attname.items()
            if not field.primary_key
        }
        fields = {names[key]: value for key, value in old.snapshot.items() if key in names}
        changed = [str(by_attname[key].verbose_name) for key in old.changed_fields if key in by_attname]
        comment = ACTIONS.get(old.action, "Changed.").format(fields=", ".join(changed) or "nothing")
        revision = Revision.objects.using(alias).create(
            date_created=old.created, user_id=old.user_id, comment=comment
        )
        Version.objects.using(alias).create(
            revision=revision,
            object_id=str(old.object_id),
            content_type=content_type,
            db=alias,
            format="json",
            serialized_data=json.dumps(
                [{"model": f"roles.{content_type.model}", "pk": old.object_id, "fields": fields}]
            ),
            object_repr=old.object_repr,
        )


class Migration(migrations.Migration):

    dependencies = [
        ('roles', '0007_definition_quotation'),
        ('reversion', '0002_add_index_on_version_for_content_type_and_db'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='ContentSync',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('loaded', 'Loaded from the content files'), ('exported', 'Exported to the content files')], max_length=20)),
                ('folder', models.CharField(help_text='The content folder read or written', max_length=500)),
                ('fingerprint', models.CharField(help_text="SHA-256 of the content files' names and bytes", max_length=64)),
                ('content_version', models.PositiveBigIntegerField(help_text='The content version right after the run')),
                ('created', models.DateTimeField(default=django.utils.timezone.now)),
                ('user', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'content load or export',
                'verbose_name_plural': 'content loads and exports',
                'ordering': ['-created', '-pk'],
            },
        ),
        migrations.RunPython(carry_over_revisions, migrations.RunPython.noop),
        migrations.DeleteModel(
            name='ContentRevision',
        ),
    ]
