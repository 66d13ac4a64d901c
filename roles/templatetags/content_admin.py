"""Template tags for the content admin's own pages."""

from django import template

from roles import content_sync

register = template.Library()


@register.simple_tag
def content_files_status(user) -> content_sync.SyncStatus | None:
    """Give how far the database is ahead of the content files, for staff who edit content (else None)."""
    if not (user.is_active and user.is_staff and user.has_module_perms("roles")):
        return None
    return content_sync.status()


@register.filter
def without_class(classes: str, name: str) -> str:
    """Give a space-separated class list without one class."""
    return " ".join(each for each in classes.split() if each != name)


@register.filter
def only_classes(classes: str, names: str) -> str:
    """Give the classes of a space-separated list that are among `names`."""
    wanted = names.split()
    return " ".join(each for each in classes.split() if each in wanted)
