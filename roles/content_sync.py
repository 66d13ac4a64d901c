"""Whether the database holds content the content files do not: no admin edit is overwritten unseen.

Every load and every export leaves a ContentSync row: the content files' fingerprint and the
content version right after it. Every content save moves the content version on
(roles/signals.py), so a version past the last row's means the database changed since it was
last in line with the files. load_content then refuses to overwrite it without `--force`, naming
what it would overwrite; `load_content --if-changed` (what `make run` and `make serve` run) loads
only into an empty database or when the files changed since the last load, and never over
unexported edits.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from django.contrib.admin.models import CHANGE, LogEntry

from roles.content_files import CERTIFICATIONS_FILE, FIELD_FILE, ROLES_DIR, SOURCES_FILE
from roles.models import ContentSync, ContentVersion, Role


def content_files(content_dir: Path | str) -> list[Path]:
    """Give the paths of the content files load_content reads (other YAML in the folder is not content)."""
    content_dir = Path(content_dir)
    named = [content_dir / name for name in (SOURCES_FILE, CERTIFICATIONS_FILE, FIELD_FILE)]
    return sorted([path for path in named if path.exists()] + list((content_dir / ROLES_DIR).glob("*.yaml")))


def fingerprint(content_dir: Path | str) -> str:
    """Give the SHA-256 of every content file's name and bytes, in name order."""
    content_dir = Path(content_dir)
    digest = hashlib.sha256()
    for path in content_files(content_dir):
        digest.update(str(path.relative_to(content_dir)).encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def version_number() -> int:
    return ContentVersion.objects.filter(pk=1).values_list("number", flat=True).first() or 0


def record(kind: str, content_dir: Path | str, user=None, version: int | None = None) -> ContentSync:
    """Note that the database (at content `version`, now by default) and `content_dir` are in line."""
    return ContentSync.objects.create(
        kind=kind,
        folder=str(Path(content_dir).resolve()),
        fingerprint=fingerprint(content_dir),
        content_version=version_number() if version is None else version,
        user=user if user is not None and user.is_authenticated else None,
    )


def last_sync() -> ContentSync | None:
    return ContentSync.objects.select_related("user").first()


@dataclass
class SyncStatus:
    last: ContentSync | None
    changed: bool  # the content version moved on since the last load or export
    admin_changes: int  # admin saves, deletes and restores since then

    @property
    def summary(self) -> str:
        if self.last is None:
            return "No load or export of the content files is recorded for this database."
        when = f"{self.last.created:%Y-%m-%d %H:%M} UTC"
        done = "export" if self.last.kind == ContentSync.Kind.EXPORTED else "load"
        since = f"since the last {done} ({when})"
        if not self.changed:
            return f"Every change is in the content files: nothing changed {since}."
        if self.admin_changes:
            noun = "change" if self.admin_changes == 1 else "changes"
            return f"{self.admin_changes} {noun} in the admin not yet exported to the content files, {since}."
        return f"The content changed {since} and is not yet exported to the content files."


def status() -> SyncStatus:
    """Say whether the database holds content saved since the last load or export, and how much."""
    last = last_sync()
    entries = LogEntry.objects.filter(content_type__app_label="roles").exclude(
        action_flag=CHANGE, change_message__in=["", "[]"]
    )
    if last is None:
        return SyncStatus(last=None, changed=Role.objects.exists(), admin_changes=entries.count())
    changed = version_number() != last.content_version
    return SyncStatus(
        last=last,
        changed=changed,
        admin_changes=entries.filter(action_time__gte=last.created).count() if changed else 0,
    )


def would_overwrite(content_dir: Path | str) -> list[str]:
    """Give what loading `content_dir` would change in the database, one line per record (a dry run)."""
    from roles.loading import preview_load

    return preview_load(Path(content_dir)).details
