"""Any content save or delete moves the content version, so every process's caches move on."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from roles import content_version

# Records of edits, and the version row itself, are not content a page shows.
NOT_CONTENT = {"ContentSync", "ContentVersion", "DeletedRoleListing"}


def _content_changed(sender, **kwargs) -> None:
    if sender._meta.app_label != "roles" or sender.__name__ in NOT_CONTENT:
        return
    content_version.bump()


post_save.connect(_content_changed, dispatch_uid="roles-content-saved")
post_delete.connect(_content_changed, dispatch_uid="roles-content-deleted")
m2m_changed.connect(_content_changed, dispatch_uid="roles-content-m2m")
