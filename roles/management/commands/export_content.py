from django.conf import settings
from django.core.management.base import BaseCommand

from roles.exporting import export_content


class Command(BaseCommand):
    help = "Write the database's content to the content files, in the format load_content reads."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dir", default=str(settings.CONTENT_DIR), help="content folder (default: fixtures/)"
        )

    def handle(self, *args, **options):
        written = export_content(options["dir"])
        self.stdout.write(f"Wrote {len(written)} files to {options['dir']}.")
