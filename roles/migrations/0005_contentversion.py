from django.db import migrations, models
import django.utils.timezone


def first_version(apps, schema_editor):
    apps.get_model("roles", "ContentVersion").objects.create(pk=1)


class Migration(migrations.Migration):
    dependencies = [("roles", "0004_content_editors_group")]

    operations = [
        migrations.CreateModel(
            name="ContentVersion",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("number", models.PositiveBigIntegerField(default=1)),
                ("changed_at", models.DateTimeField(default=django.utils.timezone.now)),
            ],
        ),
        migrations.RunPython(first_version, migrations.RunPython.noop),
    ]
