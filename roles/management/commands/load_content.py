from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from roles import content_sync
from roles.loading import ContentError, load_content
from roles.models import Role

MOST_LINES = 40


class Command(BaseCommand):
    help = (
        "Validate the content files and load them into the database in one transaction. Refuses to "
        "overwrite content changed in the database since the last load or export unless --force."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dir", default=str(settings.CONTENT_DIR), help="content folder (default: fixtures/)"
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="overwrite content changed in the database since the last load or export",
        )
        parser.add_argument(
            "--if-changed",
            action="store_true",
            help=(
                "load only into an empty database or when the files changed since the last load; "
                "never overwrite unexported edits (what `make run` and `make serve` do)"
            ),
        )

    def handle(self, *args, **options):
        content_dir = Path(options["dir"])
        try:
            if options["if_changed"] and not self.files_need_loading(content_dir):
                return
            if not options["force"]:
                lost = self.unexported_edits(content_dir)
                if lost:
                    message = self.refusal(lost)
                    if options["if_changed"]:
                        self.stdout.write(message + "\nThe content files were not loaded.")
                        return
                    raise CommandError(message)
            report = load_content(content_dir)
        except ContentError as error:
            raise CommandError(f"Content not loaded, the database is unchanged:\n{error}") from None
        self.stdout.write(report.summary())

    def files_need_loading(self, content_dir: Path) -> bool:
        if not Role.objects.exists():
            return True
        last = content_sync.last_sync()
        if last is not None and last.fingerprint == content_sync.fingerprint(content_dir):
            self.stdout.write("The content files have not changed since the last load: nothing loaded.")
            return False
        return True

    def unexported_edits(self, content_dir: Path) -> list[str]:
        """Give what loading would overwrite of content changed in the database since the last sync."""
        state = content_sync.status()
        if state.last is not None and not state.changed:
            return []
        if not Role.objects.exists():
            return []
        return content_sync.would_overwrite(content_dir)

    def refusal(self, lost: list[str]) -> str:
        state = content_sync.status()
        shown = lost[:MOST_LINES]
        more = f"\n  … and {len(lost) - MOST_LINES} more" if len(lost) > MOST_LINES else ""
        return (
            f"{state.summary}\nLoading the content files would change these records, overwriting what "
            "was changed in the database:\n" + "\n".join(f"  {line}" for line in shown) + more + "\n"
            "Export them first (`manage.py export_content`, or “Export to the content files” on the "
            "admin's home page) and commit them, or run `manage.py load_content --force` to overwrite them."
        )
