from django import template

register = template.Library()


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
