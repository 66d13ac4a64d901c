"""Lay roles side by side: which to compare, what they share, and where they differ.

Plain Python over roles already fetched with `roles.querysets.all_guides()`; no queries here.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

MAX_ROLE_ITEMS = 20
MAX_PARAM_LENGTH = 500
SHOWN_NAME_LENGTH = 40


@dataclass
class RoleChoice:
    slugs: list[str]
    unknown: list[str] = field(default_factory=list)
    dropped_duplicates: bool = False


def choose_roles(raw_values: list[str], known_slugs: list[str]) -> RoleChoice:
    """Give the valid role slugs named in ?roles= (comma-separated and/or repeated), in order.

    No ?roles= at all means every role. Unknown names are reported (shortened), duplicates and
    empty items dropped, and anything past MAX_ROLE_ITEMS ignored, so no input can break the page.
    """
    if not raw_values:
        return RoleChoice(slugs=list(known_slugs))
    items = []
    for raw in raw_values[:MAX_ROLE_ITEMS]:
        items.extend(raw[:MAX_PARAM_LENGTH].split(","))
    choice = RoleChoice(slugs=[])
    known = set(known_slugs)
    for item in items[:MAX_ROLE_ITEMS]:
        slug = item.strip().lower()
        if not slug:
            continue
        if slug in known:
            if slug in choice.slugs:
                choice.dropped_duplicates = True
            else:
                choice.slugs.append(slug)
        else:
            shown = slug if len(slug) <= SHOWN_NAME_LENGTH else slug[:SHOWN_NAME_LENGTH] + "…"
            if shown not in choice.unknown:
                choice.unknown.append(shown)
    return choice


# How names are matched across roles. Two names are "the same thing" when they normalise equal:
#  1. case, accents, "&" and hyphens are ignored ("Problem-solving" = "Problem-Solving");
#  2. a trailing "skills" is dropped ("Documentation Skills" = "Documentation");
#  3. a leading "patient"/"client" naming who is served is dropped ("Client Advocacy" = "Advocacy");
#  4. the aliases below join word forms the articles use for the same thing.
NAME_ALIASES = {
    "organizational": "organization",
    "regulatory compliance": "compliance",
    "coordination of care": "care coordination",
}


def normalise_name(name: str) -> str:
    """Give the form of a skill or duty name used to match it across roles."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"[^a-z0-9 ]", " ", text.replace("&", " and "))  # hyphens, underscores … become spaces
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r" skills$", "", text)
    text = re.sub(r"^(patient|client) ", "", text)
    return NAME_ALIASES.get(text, text)


@dataclass
class NamedItem:
    name: str
    role: object
    source: object


@dataclass
class SharedGroup:
    """One thing several roles name, with each role's own wording."""

    key: str
    items: list[NamedItem]

    @property
    def names(self) -> list[str]:
        seen: list[str] = []
        for item in self.items:
            if item.name not in seen:
                seen.append(item.name)
        return seen

    @property
    def name(self) -> str:
        """Give the one name a reader sees: the first role's wording."""
        return self.items[0].name


@dataclass
class NameComparison:
    shared: list[SharedGroup]  # named by every chosen role
    unique: dict[int, list[NamedItem]]  # role pk -> names no other chosen role has
    partly_shared: dict[int, list[NamedItem]]  # role pk -> names some but not all others have

    @property
    def differs(self) -> bool:
        return any(self.unique.values()) or any(self.partly_shared.values())


def compare_names(roles: list, items_of) -> NameComparison:
    """Group the roles' named items (skills, duty groups) into shared by all, partly shared and unique."""
    groups: dict[str, list[NamedItem]] = {}
    for role in roles:
        for name, source in items_of(role):
            groups.setdefault(normalise_name(name), []).append(NamedItem(name, role, source))
    shared, unique, partly = [], {role.pk: [] for role in roles}, {role.pk: [] for role in roles}
    for key, items in groups.items():
        holders = {item.role.pk for item in items}
        if len(roles) > 1 and len(holders) == len(roles):
            shared.append(SharedGroup(key, items))
        elif len(holders) == 1:
            for item in items:
                unique[item.role.pk].append(item)
        else:
            for item in items:
                partly[item.role.pk].append(item)
    return NameComparison(shared=shared, unique=unique, partly_shared=partly)


@dataclass
class Row:
    """One aspect across the chosen roles: a cell per role (a list of (text, source) lines)."""

    key: str
    label: str
    cells: list[list[tuple[str, object]]]

    @property
    def same(self) -> bool:
        texts = [tuple(text for text, _ in cell) for cell in self.cells]
        return len(texts) > 1 and all(text == texts[0] for text in texts)


def requirement_row(roles: list, key: str, label: str, aspect: str) -> Row:
    return Row(
        key,
        label,
        [[(r.text, r.source) for r in role.requirements.all() if r.aspect == aspect] for role in roles],
    )


def comparison_rows(roles: list) -> list[Row]:
    """Give the text rows of the comparison, in reading order."""
    rows = [
        Row("summary", "Summary", [[(role.summary, role.source)] for role in roles]),
        requirement_row(roles, "education", "Education required", "education"),
        requirement_row(roles, "experience", "Experience needed", "experience"),
        Row(
            "duration",
            "How long it takes",
            [
                [(" ".join(faq.answer), faq.source) for faq in role.faqs.all() if faq.topic == "duration"]
                + [(r.text, r.source) for r in role.requirements.all() if r.aspect == "duration"]
                for role in roles
            ],
        ),
        requirement_row(roles, "licensing", "Licensing", "licensing"),
        Row(
            "ladder",
            "Career ladder, first to top position",
            [
                [
                    (f"{stage.label}: {' or '.join(stage.positions)}", stage.source)
                    for stage in role.career_stages.all()
                ]
                for role in roles
            ],
        ),
        Row(
            "work-environment",
            "Work environment",
            [[(paragraph, role.source) for paragraph in role.work_environment] for role in roles],
        ),
    ]
    return rows


def entry_statement(role):
    """Give a role's typical entry education: the first education statement of the role's own
    article, else the first from any source, else None (from prefetched requirements)."""
    education = [r for r in role.requirements.all() if r.aspect == "education"]
    own = [r for r in education if r.source == role.source]
    return (own or education or [None])[0]


def glance_rows(roles: list) -> list[Row]:
    """Give the short rows read first (on a phone, two roles at a time): pay, entry route, where
    they work and the certifications that apply. A certification line's second item is the
    certification itself, which the page links to; every other line's is its source."""
    pay, entry, settings, certifications = [], [], [], []
    for role in roles:
        levels = list(role.salary_levels.all())
        pay.append([(role.salary_span, levels[0].source)] if levels else [])
        statement = entry_statement(role)
        entry.append([(statement.text, statement.source)] if statement else [])
        settings.append([(role.work_environment[0], role.source)] if role.work_environment else [])
        certifications.append([(c.code, c) for c in role.certifications.all()])
    return [
        Row("pay", "Pay, entry to top level", pay),
        Row("entry", "Typical entry route", entry),
        Row("settings", "Where they work", settings),
        Row("certifications", "Certifications that apply", certifications),
    ]


def salary_rows(roles: list) -> list[Row]:
    """Give one row per salary level position, each cell that role's level title and range."""
    depth = max((len(role.salary_levels.all()) for role in roles), default=0)
    rows = []
    for position in range(depth):
        cells = []
        for role in roles:
            levels = list(role.salary_levels.all())
            if position < len(levels):
                level = levels[position]
                experience = f" · {level.experience}" if level.experience else ""
                cells.append([(f"{level.title}: {level.span}{experience}", level.source)])
            else:
                cells.append([])
        rows.append(Row(f"salary-{position + 1}", f"Salary, level {position + 1}", cells))
    return rows


def sources_row(roles: list) -> Row:
    cells = []
    for role in roles:
        sources = {}
        for related in (
            role.steps.all(),
            role.skills.all(),
            role.salary_levels.all(),
            role.faqs.all(),
            role.requirements.all(),
        ):
            for record in related:
                sources[record.source.code] = record.source
        cells.append([(f"{code}: {source.title}", source) for code, source in sorted(sources.items())])
    return Row("sources", "Where the data came from", cells)


@dataclass
class PayClash:
    """One position title that two roles' articles both pay, with different figures."""

    title: str
    levels: list  # (role, salary level) pairs, in role order


def same_title_different_pay(roles: list) -> list[PayClash]:
    """Give each position title (a level title split on " / ") that more than one role's ladder
    names with different figures, e.g. "Director of Case Management" in articles 000 and 001."""
    found: dict[str, list] = {}
    for role in roles:
        for level in role.salary_levels.all():
            for title in level.title.split(" / "):
                pairs = found.setdefault(title.strip(), [])
                if not any(other is role for other, _ in pairs):
                    pairs.append((role, level))
    clashes = []
    for title, pairs in found.items():
        figures = {(level.low, level.high, level.open_ended) for _, level in pairs}
        # Each role adds one level at most, so two figures mean two roles.
        if len(figures) > 1:
            clashes.append(PayClash(title, pairs))
    return clashes
