"""Exporting content, and loading it without ever overwriting an edit that was not exported."""

import re
import shlex
import shutil
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from roles import content_sync
from roles.content_files import read_bundle
from roles.exporting import export_files
from roles.loading import load_content
from roles.models import ContentSync, Faq, Role


def fixture_files():
    root = settings.CONTENT_DIR
    return {str(path.relative_to(root)): path.read_text() for path in content_sync.content_files(root)}


def run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


@pytest.fixture
def content_copy(content, tmp_path, settings):
    """A copy of fixtures/ as the content folder, loaded, so tests may change the files."""
    folder = tmp_path / "fixtures"
    shutil.copytree(settings.CONTENT_DIR, folder)
    settings.CONTENT_DIR = folder
    load_content(folder)
    return folder


@pytest.fixture
def edited_faq(content_copy):
    """An FAQ answer changed in the database (as the admin saves it), not exported."""
    faq = Faq.objects.get(role__slug="case-manager", order=1)
    faq.answer = ["Rewritten in the admin."]
    faq.save()
    return faq


def retitle_care_manager(folder) -> None:
    """Change one thing in the content files: the care manager role's title."""
    role_file = folder / "roles/care-manager.yaml"
    text = role_file.read_text()
    role_file.write_text(text.replace("title: Care Manager\n", "title: Care Managers\n", 1))


def setup_commands() -> list[list[str]]:
    """Give the manage.py commands `make setup` (and so `make run`) runs, read from the Makefile."""
    makefile = (settings.BASE_DIR / "Makefile").read_text()
    recipe = re.search(r"^setup:.*\n((?:\t.*\n)+)", makefile, re.MULTILINE).group(1)
    return [shlex.split(line.strip())[2:] for line in recipe.splitlines() if "manage.py" in line]


class TestExportContent:
    def test_load_then_export_reproduces_the_files_byte_for_byte(self, content):
        assert export_files() == fixture_files()

    def test_an_edit_appears_in_the_export_as_exactly_that_change(self, content):
        faq = Faq.objects.get(role__slug="case-manager", order=3)
        faq.question = "Can I become a case manager without a college degree?"
        faq.save()
        exported = export_files()
        original = fixture_files()
        changed = [name for name in original if exported[name] != original[name]]
        assert changed == ["roles/case-manager.yaml"]
        diff = set(exported[changed[0]].splitlines()) ^ set(original[changed[0]].splitlines())
        assert len(diff) == 2
        assert any("without a college degree" in line for line in diff)

    def test_the_export_loads_into_a_fresh_database(self, content, tmp_path):
        Faq.objects.filter(role__slug="care-manager", order=1).update(answer=["Edited in admin."])
        call_command("export_content", "--dir", str(tmp_path))
        read_bundle(tmp_path)  # passes the same validation
        Faq.objects.all().delete()
        load_content(tmp_path)
        assert Faq.objects.get(role__slug="care-manager", order=1).answer == ["Edited in admin."]
        assert Faq.objects.count() == 15


class TestNoSilentLoss:
    def test_load_content_refuses_to_overwrite_an_edit_and_names_it(self, edited_faq):
        with pytest.raises(CommandError) as refused:
            run("load_content")
        message = str(refused.value)
        assert f"Case Manager › FAQ “{edited_faq.question}”: answer would be set back" in message
        assert "--force" in message and "export_content" in message
        edited_faq.refresh_from_db()
        assert edited_faq.answer == ["Rewritten in the admin."]

    def test_a_deleted_record_is_named_too(self, content_copy):
        faq = Faq.objects.get(role__slug="care-manager", order=2)
        faq.delete()
        with pytest.raises(CommandError, match=f"Care Manager › FAQ “{re.escape(faq.question)}”: would come"):
            run("load_content")
        assert not Faq.objects.filter(pk=faq.pk).exists()

    def test_force_overwrites(self, edited_faq):
        run("load_content", "--force")
        edited_faq.refresh_from_db()
        assert edited_faq.answer != ["Rewritten in the admin."]
        assert export_files() == fixture_files()
        # Back in line with the files: a plain load goes ahead again.
        assert run("load_content") == "Content is up to date: nothing changed.\n"

    def test_an_exported_edit_is_not_in_the_way(self, edited_faq, content_copy):
        run("export_content")
        assert "Rewritten in the admin." in (content_copy / "roles/case-manager.yaml").read_text()
        assert run("load_content") == "Content is up to date: nothing changed.\n"
        assert ContentSync.objects.first().kind == ContentSync.Kind.LOADED

    def test_a_save_that_changes_nothing_does_not_block_a_load(self, content_copy):
        Faq.objects.get(role__slug="case-manager", order=1).save()
        assert content_sync.status().changed
        assert run("load_content") == "Content is up to date: nothing changed.\n"

    def test_an_edit_survives_make_setups_loading_step(self, edited_faq):
        commands = setup_commands()
        assert ["load_content", "--if-changed"] in commands
        output = "".join(run(*command) for command in commands)
        assert "The content files have not changed since the last load: nothing loaded." in output
        edited_faq.refresh_from_db()
        assert edited_faq.answer == ["Rewritten in the admin."]

    def test_make_setup_keeps_an_edit_even_when_the_files_changed(self, edited_faq, content_copy):
        role_file = content_copy / "roles/care-manager.yaml"
        role_file.write_text(
            role_file.read_text().replace("title: Care Manager\n", "title: Care Managers\n", 1)
        )
        output = run("load_content", "--if-changed")
        assert "The content files were not loaded." in output
        edited_faq.refresh_from_db()
        assert edited_faq.answer == ["Rewritten in the admin."]
        assert not Role.objects.filter(title="Care Managers").exists()

    def test_make_setup_loads_changed_files_when_nothing_is_unexported(self, content_copy):
        role_file = content_copy / "roles/care-manager.yaml"
        role_file.write_text(
            role_file.read_text().replace("title: Care Manager\n", "title: Care Managers\n", 1)
        )
        assert "updated 1 roles" in run("load_content", "--if-changed")
        assert Role.objects.filter(title="Care Managers").exists()

    def test_make_setup_loads_nothing_when_the_files_did_not_change(self, content_copy):
        output = run("load_content", "--if-changed")
        assert output == "The content files have not changed since the last load: nothing loaded.\n"

    def test_make_setup_loads_an_empty_database(self, content_copy):
        Role.objects.all().delete()
        assert "created" in run("load_content", "--if-changed")
        assert Role.objects.count() == 3

    def test_serve_loads_content_the_same_careful_way(self, monkeypatch):
        from scripts import serve

        calls = []
        monkeypatch.setattr(serve.subprocess, "run", lambda args, **kwargs: calls.append(args[2:]))
        serve.prepare({}, quiet=True)
        assert ["load_content", "--if-changed"] in calls
        assert ["load_content"] not in calls
