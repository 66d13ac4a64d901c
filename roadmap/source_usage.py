"""Which pages of the site cite each source, read from the content in a fixed number of queries.

One UNION query gives every distinct (source, page kind, object id) triple across the content
models; one query each gives the roles' and certifications' titles for the links. The count does
not grow with the content.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import CharField, F, IntegerField, QuerySet, Value
from django.urls import reverse

from roles import models as content

ROLE = "role"
CERTIFICATION = "certification"
FIELD = "field"
FAQS = "faqs"
ADVISOR = "advisor"

# (model, page kind, the column naming the page's object, or None for a page of its own).
_USES: list[tuple[type, str, str | None]] = [
    (content.Role, ROLE, "id"),
    *(
        (model, ROLE, "role_id")
        for model in (
            content.RoadmapStep,
            content.ResponsibilityGroup,
            content.Skill,
            content.CareerStage,
            content.SalaryLevel,
            content.Faq,
            content.RequirementStatement,
            content.Specialisation,
        )
    ),
    (content.Faq, FAQS, None),
    (content.RequirementStatement, ADVISOR, None),
    (content.Specialisation, ADVISOR, None),
    (content.CaseManagerType, ADVISOR, None),
    (content.Certification, CERTIFICATION, "id"),
    (content.CertificationStatement, CERTIFICATION, "certification_id"),
    (content.EligibilityPath, CERTIFICATION, "certification_id"),
    (content.EligibilityPath, ADVISOR, None),
    (content.Organization, FIELD, None),
    (content.Definition, FIELD, None),
    (content.ProcessPhase, FIELD, None),
    (content.CaseManagerType, FIELD, None),
]


@dataclass
class SourceEntry:
    source: content.Source
    pages: list[tuple[str, str]] = field(default_factory=list)  # (link text, URL)


_NO_OBJECT = Value(0, output_field=IntegerField())


def _uses_query() -> QuerySet:
    parts = []
    for model, page, column in _USES:
        target = F(column) if column else _NO_OBJECT
        parts.append(
            model.objects.order_by().values_list("source_id", Value(page, output_field=CharField()), target)
        )
    # Figures with a role are on its guide; the rest are on the case-management page.
    parts.append(
        content.Statistic.objects.order_by()
        .filter(role__isnull=False)
        .values_list("source_id", Value(ROLE, output_field=CharField()), "role_id")
    )
    parts.append(
        content.Statistic.objects.order_by()
        .filter(role__isnull=True)
        .values_list(
            "source_id", Value(FIELD, output_field=CharField()), Value(0, output_field=IntegerField())
        )
    )
    first, *rest = parts
    return first.union(*rest)  # UNION drops the duplicates


def source_entries() -> list[SourceEntry]:
    """Give every source, in code order, with the pages that cite it, in the site's own order."""
    used: dict[int, set[tuple[str, int]]] = defaultdict(set)
    for source_id, page, object_id in _uses_query():
        used[source_id].add((page, object_id))
    roles = list(content.Role.objects.only("slug", "title"))
    certifications = list(content.Certification.objects.only("slug", "code", "name"))
    pages: list[tuple[tuple[str, int], tuple[str, str]]] = [
        ((ROLE, role.pk), (f"{role.title} guide", reverse("roadmap:role", args=[role.slug])))
        for role in roles
    ]
    pages.append(((FAQS, 0), ("FAQs", reverse("roadmap:faqs"))))
    pages += [
        (
            (CERTIFICATION, certification.pk),
            (
                f"{certification.code}: {certification.name}",
                reverse("roadmap:certification", args=[certification.slug]),
            ),
        )
        for certification in certifications
    ]
    pages.append(((FIELD, 0), ("About case management", reverse("roadmap:case-management"))))
    pages.append(((ADVISOR, 0), ("Career Path Advisor", reverse("roadmap:advisor"))))
    return [
        SourceEntry(source, [link for key, link in pages if key in used[source.pk]])
        for source in content.Source.objects.all()
    ]


KIND_HEADINGS = {
    content.Source.Kind.ARTICLE: "Guide articles",
    content.Source.Kind.CRITERIA: "Certifying bodies' criteria",
    content.Source.Kind.SECONDARY: "Secondary summaries",
}


def entries_by_kind(entries: list[SourceEntry]) -> list[tuple[str, list[SourceEntry]]]:
    """Group the entries under their kind's heading, in the order the kinds are declared."""
    return [
        (KIND_HEADINGS[kind], group)
        for kind in content.Source.Kind
        if (group := [entry for entry in entries if entry.source.kind == kind])
    ]
