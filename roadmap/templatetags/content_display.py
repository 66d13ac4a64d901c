"""Filters that display content: source labels, paragraph lists, dollar figures, mapping lookups,
role icons and entry requirements.

Source labels and paragraphs appear hundreds of times on a guide page; as filters they cost a
fraction of an `{% include %}` each (an uncached guide renders about 30 ms faster), and their
markup still lives in one place.
"""

from django import template
from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.html import format_html, format_html_join

from roadmap.comparison import entry_statement

register = template.Library()

_sources_paths: dict[tuple[str, str], str] = {}


def sources_path() -> str:
    """Give the sources page's path, reversed once per script prefix and URLconf (it is cited ~200 times)."""
    key = (get_script_prefix(), str(get_urlconf() or settings.ROOT_URLCONF))
    if key not in _sources_paths:
        _sources_paths[key] = reverse("roadmap:sources")
    return _sources_paths[key]


@register.filter
def source_label(source) -> str:
    """Give the "Source: <short title>" citation, linking to the source's entry on the sources page.

    The link's text is the source's readable short title, never its internal code, so a screen
    reader's list of links names each source.
    """
    if source is None:
        return ""
    return format_html(
        '<span class="source">Source: <a href="{}#{}">{}</a></span>',
        sources_path(),
        source.anchor,
        source.label,
    )


@register.filter
def paragraphs(texts) -> str:
    """Give a list of paragraphs as <p> elements."""
    return format_html_join("", "<p>{}</p>", ((text,) for text in texts or []))


@register.filter
def get_item(mapping, key):
    """Give mapping[key], or an empty list when the key is missing."""
    return mapping.get(key, [])


@register.filter
def dollars(amount) -> str:
    """Give a whole-dollar amount with thousands separators: 40000 -> $40,000."""
    try:
        return f"${int(amount):,}"
    except (TypeError, ValueError):
        return ""


@register.filter
def entry_requirement(role):
    """Give a role's typical entry education statement (see comparison.entry_statement), or None."""
    return entry_statement(role)


@register.filter
def role_icon(role) -> str:
    """Give the static path of a role's card icon: img/roles/<slug>.svg, or a general one when a
    role has none of its own (so a role added in the admin never shows a broken image)."""
    path = f"img/roles/{role.slug}.svg"
    return path if finders.find(path) else "img/roles/role.svg"
