import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="SearchDocument",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("stamp", models.CharField(help_text="The content version it was built from", max_length=80)),
                ("key", models.CharField(max_length=80)),
                ("position", models.PositiveIntegerField(help_text="Order of the content, for ties")),
                ("kind", models.CharField(max_length=30)),
                ("role_slug", models.CharField(blank=True, max_length=80)),
                ("role_title", models.CharField(blank=True, max_length=200)),
                ("title", models.TextField()),
                ("body", models.TextField()),
                ("url", models.CharField(max_length=300)),
                ("title_folded", models.TextField()),
                ("body_folded", models.TextField()),
                ("vector", django.contrib.postgres.search.SearchVectorField(null=True)),
                ("title_vector", django.contrib.postgres.search.SearchVectorField(null=True)),
            ],
            options={
                "indexes": [
                    django.contrib.postgres.indexes.GinIndex(
                        fields=["vector"], name="search_document_vector"
                    ),
                    models.Index(fields=["stamp"], name="search_document_stamp"),
                ],
            },
        ),
    ]
