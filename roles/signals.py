"""Any content save or delete makes every process's cached pages stale at once."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from roles.content_version import bump_content_version


def _content_changed(sender, **kwargs) -> None:
    # Revisions record edits; they are not content a page shows.
    if sender._meta.app_label == "roles" and sender.__name__ != "ContentRevision":
        bump_content_version()


post_save.connect(_content_changed, dispatch_uid="roles-content-saved")
post_delete.connect(_content_changed, dispatch_uid="roles-content-deleted")
m2m_changed.connect(_content_changed, dispatch_uid="roles-content-m2m")
