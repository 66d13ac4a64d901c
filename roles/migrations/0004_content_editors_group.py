"""The "Content editors" group: may add, change, delete and view every content model, nothing else."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP_NAME = "Content editors"
NOT_CONTENT = {"contentrevision"}  # kept by the admin, shown on each record's history page


def create_content_editors(apps, schema_editor):
    roles_app = apps.get_app_config("roles")
    # Permissions are normally created after all migrations have run; create them now so the group
    # can be given them on a fresh database. Migration app states leave models_module unset, which
    # create_permissions takes to mean "no models".
    roles_app.models_module = True
    create_permissions(roles_app, apps=apps, verbosity=0, using=schema_editor.connection.alias)
    roles_app.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    content_models = [model._meta.model_name for model in roles_app.get_models()]
    group, _created = Group.objects.get_or_create(name=GROUP_NAME)
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="roles",
            content_type__model__in=[name for name in content_models if name not in NOT_CONTENT],
        )
    )


def remove_content_editors(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("roles", "0003_contentrevision"),
    ]

    operations = [migrations.RunPython(create_content_editors, remove_content_editors)]
