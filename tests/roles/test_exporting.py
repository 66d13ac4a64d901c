from django.conf import settings
from django.core.management import call_command

from roles.content_files import read_bundle
from roles.exporting import export_files
from roles.loading import load_content
from roles.models import Faq


def fixture_files():
    root = settings.CONTENT_DIR
    return {str(path.relative_to(root)): path.read_text() for path in root.rglob("*.yaml")}


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
