"""A role guide's summaries of its own content: the quick facts at the top, the sources at the end.

Both read only what `Role.objects.for_guide()` has already fetched, so they add no query. A quick
fact is a piece of the content itself (a figure, a requirement, a statement), never a paraphrase;
where the content has nothing for a line, the line is left out.
"""

from __future__ import annotations

from dataclasses import dataclass

from roles.models import RequirementStatement, Role, Source, Statistic


@dataclass(frozen=True)
class QuickFact:
    label: str
    value: str
    links: tuple[tuple[str, str], ...]  # (id of a section that says it in full, link text)
    note: str = ""
    sources: tuple[Source, ...] = ()
    names: tuple[str, ...] = ()  # when the value is a list of names, each kept whole on a line

    @property
    def is_long(self) -> bool:
        """A sentence rather than a figure or a name: shown in running text, not in bold."""
        return len(self.value) > 80


def distinct_sources(sources) -> tuple[Source, ...]:
    """Give each source once, in the order first given, leaving out None."""
    seen: list[Source] = []
    for source in sources:
        if source is not None and source not in seen:
            seen.append(source)
    return tuple(seen)


def _requirement_link(role: Role, aspect: str, text: str) -> tuple[tuple[str, str], ...]:
    """A link to what the sources say on this aspect, if any of them says something."""
    if any(statement.aspect == aspect for statement in role.requirements.all()):
        return ((f"requirements-{aspect}", text),)
    return ()


def _pay(role: Role) -> QuickFact | None:
    levels = list(role.salary_levels.all())
    if not levels:
        return None
    return QuickFact(
        label="Pay",
        value=f"{role.salary_span} a year",
        note="The article's undated ranges",
        links=(("salary-ladder", "Pay by level"),),
        sources=distinct_sources(level.source for level in levels),
    )


def _entry_education(role: Role) -> QuickFact | None:
    """The first step the roadmap counts as done with a degree: its own wording of that degree."""
    for step in role.steps.all():
        for condition in step.covered_when or []:
            if condition.get("kind") == "degree" and condition.get("text"):
                return QuickFact(
                    label="Entry education",
                    value=condition["text"],
                    links=(
                        (f"step-{step.number}", f"Step {step.number}"),
                        *_requirement_link(role, RequirementStatement.Aspect.EDUCATION, "Education"),
                    ),
                    sources=distinct_sources([step.source]),
                )
    return None


def _certification(role: Role) -> QuickFact | None:
    codes = [certification.code for certification in role.certifications.all()]
    if not codes:
        return None
    return QuickFact(
        label="Licence or certification",
        value=", ".join(codes),
        names=tuple(codes),
        links=(
            ("certifications", "Certifications"),
            *_requirement_link(role, RequirementStatement.Aspect.LICENSING, "Licensing"),
        ),
    )


def _time_to_qualify(role: Role) -> QuickFact | None:
    """The role's own article's first word on how long it takes, else another source's."""
    statements = [
        statement
        for statement in role.requirements.all()
        if statement.aspect == RequirementStatement.Aspect.DURATION
    ]
    if not statements:
        return None
    own = [statement for statement in statements if statement.source_id == role.source_id]
    statement = (own or statements)[0]
    return QuickFact(
        label="Time to qualify",
        value=statement.text,
        links=_requirement_link(role, RequirementStatement.Aspect.DURATION, "How long it takes"),
        sources=distinct_sources([statement.source]),
    )


def _outlook(role: Role) -> QuickFact | None:
    statistics = role.outlook_statistics()
    if not statistics:
        return None
    growth = [statistic for statistic in statistics if statistic.kind == Statistic.Kind.GROWTH]
    statistic = (growth or statistics)[0]
    return QuickFact(
        label="Outlook",
        value=f"{statistic.display_value} ({statistic.period})"
        if statistic.period
        else statistic.display_value,
        note=statistic.label,
        links=(("outlook", "Jobs and outlook"),),
        sources=distinct_sources([statistic.source]),
    )


def quick_facts(role: Role) -> list[QuickFact]:
    """Give the role's quick facts, as the BLS handbook puts them at the top of an occupation:
    pay, entry education, licence or certification, time to qualify and outlook, each only
    where the content has it."""
    facts = [_pay(role), _entry_education(role), _certification(role), _time_to_qualify(role), _outlook(role)]
    return [fact for fact in facts if fact is not None]


def cited_sources(role: Role) -> list[Source]:
    """Give every source the role's guide cites, in the order the page first cites them."""
    return list(
        distinct_sources(
            [
                role.source,
                *(step.source for step in role.steps.all()),
                *(group.source for group in role.responsibility_groups.all()),
                *(skill.source for skill in role.skills.all()),
                *(stage.source for stage in role.career_stages.all()),
                *(level.source for level in role.salary_levels.all()),
                *(statistic.source for statistic in role.pay_statistics()),
                *(statement.source for statement in role.requirements.all()),
                *(specialisation.source for specialisation in role.specialisations.all()),
                *(statistic.source for statistic in role.outlook_statistics()),
                *(faq.source for faq in role.faqs.all()),
            ]
        )
    )


@dataclass(frozen=True)
class RequirementGroup:
    aspect: str  # the aspect's value, for the section's id
    label: str
    statements: list[RequirementStatement]
    source_count: int


def requirement_groups(role: Role) -> list[RequirementGroup]:
    """Give the role's requirement statements by aspect, with how many sources speak to each."""
    return [
        RequirementGroup(
            aspect=statements[0].aspect,
            label=label,
            statements=statements,
            source_count=len(distinct_sources(statement.source for statement in statements)),
        )
        for label, statements in role.requirements_by_aspect()
    ]


@dataclass(frozen=True)
class OutlookGroup:
    period: str
    statistics: list[Statistic]

    @property
    def has_growth(self) -> bool:
        return any(statistic.kind == Statistic.Kind.GROWTH for statistic in self.statistics)


def outlook_groups(role: Role) -> list[OutlookGroup]:
    """Give the role's job and growth figures in runs of the same period, in their own order."""
    groups: list[OutlookGroup] = []
    for statistic in role.outlook_statistics():
        if groups and groups[-1].period == statistic.period:
            groups[-1].statistics.append(statistic)
        else:
            groups.append(OutlookGroup(statistic.period, [statistic]))
    return groups
