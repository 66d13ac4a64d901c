"""The content schema: what a valid fixture file holds.

The same models validate fixtures before `load_content` writes anything and the
export written by `export_content`, so the two formats cannot drift apart.
"""

from __future__ import annotations

import datetime
import re
from typing import Annotated, Literal, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, model_validator

from roles import vocabulary

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"

Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=80)]
# Size limits, so a hostile or broken file is refused with a clear message instead of filling
# memory and the database. Short fields mirror their model's max_length; prose (a paragraph, an
# answer, a description) is far below PROSE_MAX_CHARS (the longest real one is under 500); no list
# holds more than MAX_ITEMS (the longest real one, a role's requirements, holds 20).
PROSE_MAX_CHARS = 5000
MAX_ITEMS = 100


def refuse_nul(value: str) -> str:
    """Refuse a NUL character: PostgreSQL cannot store one in text, and no real text holds one."""
    if "\x00" in value:
        raise ValueError("contains a NUL character (\\x00), which is not allowed in text")
    return value


def text(max_length: int = PROSE_MAX_CHARS, required: bool = True) -> object:
    """A stripped string of at most `max_length` characters, with no NUL; empty only if not required."""
    return Annotated[
        str,
        StringConstraints(strip_whitespace=True, min_length=1 if required else 0, max_length=max_length),
        AfterValidator(refuse_nul),
    ]


def http_url(value: str) -> str:
    """Refuse any address but an http(s) one (a javascript: or data: link, say); empty is allowed."""
    if value and not re.fullmatch(r"https?://[^\s/?#]+[^\s]*", value, flags=re.IGNORECASE):
        raise ValueError("must be an http:// or https:// address")
    return value


Text = text()
OptionalText = text(required=False)
Name = text(200)  # CharField(max_length=200): titles, names, labels, terms
LongName = text(300)  # CharField(max_length=300): source titles, questions, statistic labels
Summary = text(400)  # Role.summary
CertificationCode = text(30)
ShortTitle = text(80, required=False)
Abbreviation = text(20, required=False)
Period = text(100, required=False)
Attribution = text(200, required=False)
LongAttribution = text(300, required=False)
Url = Annotated[text(500, required=False), AfterValidator(http_url)]
T = TypeVar("T")
Items = Annotated[list[T], Field(max_length=MAX_ITEMS)]
SourceCode = Annotated[str, StringConstraints(pattern=r"^[a-z0-9-]+$", max_length=40)]
Dollars = Annotated[int, Field(ge=0, le=10_000_000)]

# The advisor's vocabularies are defined once, in roles/vocabulary.py; the literals follow from them.
EDUCATION_LEVELS = vocabulary.values(vocabulary.EDUCATION)
EducationLevel = Literal[EDUCATION_LEVELS]
DegreeField = Literal[vocabulary.values(vocabulary.DEGREE_FIELDS)]
License = Literal[vocabulary.values(vocabulary.LICENSES)]
AswbExam = Literal[vocabulary.values(vocabulary.ASWB_EXAMS)]
Measure = Literal[
    "direct_client_months",
    "cm_months",
    "cm_months_ccm_supervised",
    "health_system_cm_months",
    "supervisor_months",
    "rn_months",
    "cm_nursing_hours",
    "cm_nursing_ce_hours",
    "cm_ce_hours",
]
# A rule that belongs to one of several routes into a role (the articles describe a nursing and a
# clinical social work route into clinical case management); rules without a route apply to all.
Route = Literal["", "nursing", "social-work"]
Population = Literal[vocabulary.values(vocabulary.POPULATIONS)]
RequirementAspect = Literal["education", "experience", "licensing", "certification", "duration"]
FaqTopic = Literal["qualifications", "role", "duration", "stress", "prospects", "without-degree", ""]
StatisticKind = Literal["employment", "employer-share", "growth", "average-pay"]


class Schema(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


def check_unique(items: list, attribute: str, what: str, field_name: str) -> None:
    """Raise for a repeated value; the message starts with the field path, which error reports lift out."""
    seen: set = set()
    for index, item in enumerate(items):
        value = getattr(item, attribute)
        if value in seen:
            raise ValueError(
                f"at {field_name}.{index}.{attribute}: {what} {attribute} {value!r} is used twice"
            )
        seen.add(value)


# --- sources and organisations -------------------------------------------------------


class SourceSchema(Schema):
    code: SourceCode
    title: LongName
    short_title: ShortTitle = ""
    kind: Literal["article", "criteria", "secondary"]
    url: Url = ""
    read_on: datetime.date | None = None
    note: OptionalText = ""


class OrganizationSchema(Schema):
    slug: Slug
    name: Name
    abbreviation: Abbreviation = ""
    description: Text
    source: SourceCode


class SourcesFile(Schema):
    sources: Items[SourceSchema]
    organizations: Items[OrganizationSchema]

    @model_validator(mode="after")
    def codes_unique(self) -> SourcesFile:
        check_unique(self.sources, "code", "source", "sources")
        check_unique(self.organizations, "slug", "organization", "organizations")
        return self


class ConfirmSchema(Schema):
    """A part of a condition the advisor's form does not ask, shown as "to confirm" with its source."""

    text: Text
    source: SourceCode


class RequirementSchema(Schema):
    """One condition of an eligibility path; every condition of a path must hold."""

    kind: Literal["degree", "credential", "experience"]
    text: Text = Field(description="The condition in plain words, shown as the missing piece")
    # degree: any of these levels, in any of these fields (empty = any field)
    levels: Items[EducationLevel] = []
    fields: Items[DegreeField] = []
    # credential: any of these licences, or any of these ASWB exams passed
    licenses: Items[License] = []
    aswb_exams: Items[AswbExam] = []
    # experience: at least `minimum` of `measure` (months or hours)
    measure: Measure | None = None
    minimum: int | None = Field(default=None, ge=0, le=100_000)
    # experience: counted only after a degree at one of these levels (unmet without one)
    counted_after: Items[EducationLevel] = []
    note: OptionalText = ""
    confirm: Items[ConfirmSchema] = Field(
        default=[], description="Parts of the condition the form does not ask: shown as 'to confirm'"
    )
    route: Route = ""

    @model_validator(mode="after")
    def fits_its_kind(self) -> RequirementSchema:
        if self.kind == "degree" and not self.levels:
            raise ValueError("a degree requirement needs levels")
        if self.kind == "credential" and not (self.licenses or self.aswb_exams):
            raise ValueError("a credential requirement needs licenses or aswb_exams")
        if self.kind == "experience" and (self.measure is None or self.minimum is None):
            raise ValueError("an experience requirement needs measure and minimum")
        if self.counted_after and self.kind != "experience":
            raise ValueError("only an experience requirement can be counted after a degree")
        return self


# --- a role and everything attached to it ----------------------------------------------


class StepSchema(Schema):
    key: Slug = Field(description="Stable identity; progress is keyed by it, never change it")
    number: int = Field(ge=1, le=50)
    title: Name
    body: Items[Text] = Field(min_length=1, description="Paragraphs")
    covered_when: Items[RequirementSchema] = Field(
        default=[], description="The advisor counts the step as covered when all of these hold"
    )
    source: SourceCode


class ResponsibilityGroupSchema(Schema):
    title: Name
    items: Items[Text] = Field(min_length=1)
    source: SourceCode


class SkillSchema(Schema):
    name: Name
    description: Text
    source: SourceCode


class TipSchema(Schema):
    title: Name
    text: Text


class CareerStageSchema(Schema):
    label: Name
    positions: Items[Name] = Field(min_length=1)
    description: Items[Text] = Field(min_length=1)
    tips: Items[TipSchema] = []
    source: SourceCode


class SalaryLevelSchema(Schema):
    title: Name
    low: Dollars
    high: Dollars
    open_ended: bool = False
    years_min: int | None = Field(default=None, ge=0, le=60)
    years_max: int | None = Field(default=None, ge=0, le=60)
    description: Text
    source: SourceCode

    @model_validator(mode="after")
    def low_not_above_high(self) -> SalaryLevelSchema:
        if self.low > self.high:
            raise ValueError(f"low ({self.low}) is above high ({self.high})")
        if self.years_min is not None and self.years_max is not None and self.years_min > self.years_max:
            raise ValueError("years_min is above years_max")
        return self


class FaqSchema(Schema):
    question: LongName
    answer: Items[Text] = Field(min_length=1)
    topic: FaqTopic = ""
    source: SourceCode


class RequirementStatementSchema(Schema):
    aspect: RequirementAspect
    text: Text
    rule: RequirementSchema | None = Field(
        default=None, description="The statement as a condition the advisor can check, where it is one"
    )
    source: SourceCode


class SpecialisationSchema(Schema):
    slug: Slug
    name: Name
    description: Text
    populations: Items[Population] = []
    source: SourceCode


class RoleSchema(Schema):
    slug: Slug
    title: Name
    order: int = Field(ge=1)
    summary: Summary
    what_they_do: Items[Text] = Field(min_length=1)
    work_environment: Items[Text] = Field(min_length=1)
    conclusion: Items[Text] = Field(min_length=1)
    source: SourceCode
    steps: Items[StepSchema] = Field(min_length=1)
    responsibility_groups: Items[ResponsibilityGroupSchema] = []
    skills: Items[SkillSchema] = []
    career_ladder: Items[CareerStageSchema] = []
    salary_ladder: Items[SalaryLevelSchema] = []
    faqs: Items[FaqSchema] = []
    requirements: Items[RequirementStatementSchema] = []
    specialisations: Items[SpecialisationSchema] = []

    @model_validator(mode="after")
    def orders_unique(self) -> RoleSchema:
        check_unique(self.steps, "number", "step", "steps")
        check_unique(self.steps, "key", "step", "steps")
        check_unique(self.skills, "name", "skill", "skills")
        check_unique(self.faqs, "question", "FAQ", "faqs")
        check_unique(self.specialisations, "slug", "specialisation", "specialisations")
        return self


class RoleFile(Schema):
    role: RoleSchema


# --- certifications and their eligibility rules ---------------------------------------


class EligibilityPathSchema(Schema):
    key: Slug
    name: Name
    requirements: Items[RequirementSchema] = Field(min_length=1)
    source: SourceCode


class CertificationStatementSchema(Schema):
    text: Text
    source: SourceCode


class CertificationSchema(Schema):
    slug: Slug
    code: CertificationCode
    name: Name
    organization: Slug
    order: int = Field(ge=1)
    summary: Text
    suits: Text
    roles: Items[Slug] = []
    source: SourceCode
    statements: Items[CertificationStatementSchema] = []
    eligibility: Items[EligibilityPathSchema] = []

    @model_validator(mode="after")
    def paths_unique(self) -> CertificationSchema:
        check_unique(self.eligibility, "key", "eligibility path", "eligibility")
        return self


class CertificationsFile(Schema):
    certifications: Items[CertificationSchema]

    @model_validator(mode="after")
    def slugs_unique(self) -> CertificationsFile:
        check_unique(self.certifications, "slug", "certification", "certifications")
        check_unique(self.certifications, "code", "certification", "certifications")
        return self


# --- the field at large: definitions, process, types, figures -------------------------


class DefinitionSchema(Schema):
    slug: Slug
    term: Name
    text: Items[Text] = Field(min_length=1)
    attribution: LongAttribution = ""
    quotation: bool = Field(
        default=False, description="The text is the attributed body's own words, shown as a quotation"
    )
    source: SourceCode


class ProcessPhaseSchema(Schema):
    name: Name
    description: OptionalText = ""
    source: SourceCode


class CaseManagerTypeSchema(Schema):
    slug: Slug
    name: Name
    description: Items[Text] = Field(min_length=1)
    populations: Items[Population] = []
    source: SourceCode


class StatisticSchema(Schema):
    kind: StatisticKind
    label: LongName
    value: float = Field(ge=0)
    unit: Literal["jobs", "percent", "usd-per-year"]
    period: Period = ""
    attribution: Attribution = ""
    role: Slug | None = None
    source: SourceCode


class FieldFile(Schema):
    definitions: Items[DefinitionSchema] = []
    process_phases: Items[ProcessPhaseSchema] = []
    case_manager_types: Items[CaseManagerTypeSchema] = []
    statistics: Items[StatisticSchema] = []

    @model_validator(mode="after")
    def slugs_unique(self) -> FieldFile:
        check_unique(self.definitions, "slug", "definition", "definitions")
        check_unique(self.case_manager_types, "slug", "case manager type", "case_manager_types")
        return self
