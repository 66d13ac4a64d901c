"""Any content save or delete makes every process's cached pages stale at once."""

from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from roles.content_version import bump_content_version


def _content_changed(sender, **kwargs) -> None:
    # Revisions record edits; they are not content a page shows.
    if sender._meta.app_label != "roles" or sender.__name__ == "ContentRevision":
        return
    bump_content_version()
    # Until the transaction commits, other processes still read the old rows, and a page they
    # render now would be cached under the new version. So bump once more after the commit.
    if connection.in_atomic_block and not _bump_waiting_for_commit():
        transaction.on_commit(_bump_after_commit, robust=True)


def _bump_after_commit() -> None:
    bump_content_version()


def _bump_waiting_for_commit() -> bool:
    # One bump after the commit is enough however many rows the transaction saves. Django drops
    # the callbacks of a rolled-back transaction from this list, so it never goes stale.
    return any(callback is _bump_after_commit for _, callback, _ in connection.run_on_commit)


post_save.connect(_content_changed, dispatch_uid="roles-content-saved")
post_delete.connect(_content_changed, dispatch_uid="roles-content-deleted")
m2m_changed.connect(_content_changed, dispatch_uid="roles-content-m2m")
