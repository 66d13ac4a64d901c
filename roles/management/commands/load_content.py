from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from roles.loading import ContentError, load_content


class Command(BaseCommand):
    help = "Validate the content files and load them into the database in one transaction."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dir", default=str(settings.CONTENT_DIR), help="content folder (default: fixtures/)"
        )

    def handle(self, *args, **options):
        try:
            report = load_content(options["dir"])
        except ContentError as error:
            raise CommandError(f"Content not loaded, the database is unchanged:\n{error}") from None
        self.stdout.write(report.summary())
