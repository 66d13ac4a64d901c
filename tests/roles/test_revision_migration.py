"""Migration 0008 carries the hand-made revisions of records without inlines over to django-reversion."""

import importlib

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from reversion.models import Version

from roles.models import Faq, Role

migration = importlib.import_module("roles.migrations.0008_contentsync_reversion")


@pytest.fixture
def old_revisions(transactional_db, content):
    """The state just before 0008 copies the revisions, with a ContentRevision table to fill."""
    executor = MigrationExecutor(connection)
    apps = executor.loader.project_state(
        [
            ("roles", "0007_definition_quotation"),
            ("reversion", "0002_add_index_on_version_for_content_type_and_db"),
        ]
    ).apps
    model = apps.get_model("roles", "ContentRevision")
    with connection.schema_editor() as editor:
        editor.create_model(model)
    yield apps, model
    with connection.schema_editor() as editor:
        editor.delete_model(model)


def test_an_faqs_old_revision_becomes_a_version_that_restores(old_revisions):
    apps, ContentRevision = old_revisions
    faq = Faq.objects.get(role__slug="case-manager", order=1)
    role = faq.role
    snapshot = {
        "role_id": faq.role_id,
        "order": faq.order,
        "question": faq.question,
        "answer": ["An answer from before django-reversion."],
        "topic": faq.topic,
        "source_id": faq.source_id,
    }
    ContentRevision.objects.create(
        content_type_id=ContentType.objects.get_for_model(Faq).pk,
        object_id=faq.pk,
        object_repr=faq.question,
        action="changed",
        snapshot=snapshot,
        changed_fields=["answer"],
    )
    ContentRevision.objects.create(
        content_type_id=ContentType.objects.get_for_model(Role).pk,
        object_id=role.pk,
        object_repr=role.title,
        action="changed",
        snapshot={"title": "An old title"},
        changed_fields=["title"],
    )
    with connection.schema_editor() as editor:
        migration.carry_over_revisions(apps, editor)

    (version,) = Version.objects.get_for_object(faq)
    assert version.revision.comment == "Changed answer."
    assert version.field_dict["answer"] == ["An answer from before django-reversion."]
    # A role's old revision held none of its inlines: restoring it would delete them all.
    assert not Version.objects.get_for_object(role).exists()
    version.revision.revert()
    faq.refresh_from_db()
    assert faq.answer == ["An answer from before django-reversion."]
