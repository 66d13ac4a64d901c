"""The content schema: what a valid fixture file holds.

The same models validate fixtures before `load_content` writes anything and the
export written by `export_content`, so the two formats cannot drift apart.
"""

from __future__ import annotations

import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from roles import vocabulary

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"

Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=80)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
OptionalText = Annotated[str, StringConstraints(strip_whitespace=True)]
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
    "cm_ce_hours",
]
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
    title: Text
    short_title: OptionalText = ""
    kind: Literal["article", "criteria", "secondary"]
    url: OptionalText = ""
    read_on: datetime.date | None = None
    note: OptionalText = ""


class OrganizationSchema(Schema):
    slug: Slug
    name: Text
    abbreviation: OptionalText = ""
    description: Text
    source: SourceCode


class SourcesFile(Schema):
    sources: list[SourceSchema]
    organizations: list[OrganizationSchema]

    @model_validator(mode="after")
    def codes_unique(self) -> SourcesFile:
        check_unique(self.sources, "code", "source", "sources")
        check_unique(self.organizations, "slug", "organization", "organizations")
        return self


class RequirementSchema(Schema):
    """One condition of an eligibility path; every condition of a path must hold."""

    kind: Literal["degree", "credential", "experience"]
    text: Text = Field(description="The condition in plain words, shown as the missing piece")
    # degree: any of these levels, in any of these fields (empty = any field)
    levels: list[EducationLevel] = []
    fields: list[DegreeField] = []
    # credential: any of these licences, or any of these ASWB exams passed
    licenses: list[License] = []
    aswb_exams: list[AswbExam] = []
    # experience: at least `minimum` of `measure` (months or hours)
    measure: Measure | None = None
    minimum: int | None = Field(default=None, ge=0, le=100_000)
    note: OptionalText = ""

    @model_validator(mode="after")
    def fits_its_kind(self) -> RequirementSchema:
        if self.kind == "degree" and not self.levels:
            raise ValueError("a degree requirement needs levels")
        if self.kind == "credential" and not (self.licenses or self.aswb_exams):
            raise ValueError("a credential requirement needs licenses or aswb_exams")
        if self.kind == "experience" and (self.measure is None or self.minimum is None):
            raise ValueError("an experience requirement needs measure and minimum")
        return self


# --- a role and everything attached to it ----------------------------------------------


class StepSchema(Schema):
    key: Slug = Field(description="Stable identity; progress is keyed by it, never change it")
    number: int = Field(ge=1, le=50)
    title: Text
    body: list[Text] = Field(min_length=1, description="Paragraphs")
    covered_when: list[RequirementSchema] = Field(
        default=[], description="The advisor counts the step as covered when all of these hold"
    )
    source: SourceCode


class ResponsibilityGroupSchema(Schema):
    title: Text
    items: list[Text] = Field(min_length=1)
    source: SourceCode


class SkillSchema(Schema):
    name: Text
    description: Text
    source: SourceCode


class TipSchema(Schema):
    title: Text
    text: Text


class CareerStageSchema(Schema):
    label: Text
    positions: list[Text] = Field(min_length=1)
    description: list[Text] = Field(min_length=1)
    tips: list[TipSchema] = []
    source: SourceCode


class SalaryLevelSchema(Schema):
    title: Text
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
    question: Text
    answer: list[Text] = Field(min_length=1)
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
    name: Text
    description: Text
    populations: list[Population] = []
    source: SourceCode


class RoleSchema(Schema):
    slug: Slug
    title: Text
    order: int = Field(ge=1)
    summary: Text
    what_they_do: list[Text] = Field(min_length=1)
    work_environment: list[Text] = Field(min_length=1)
    conclusion: list[Text] = Field(min_length=1)
    source: SourceCode
    steps: list[StepSchema] = Field(min_length=1)
    responsibility_groups: list[ResponsibilityGroupSchema] = []
    skills: list[SkillSchema] = []
    career_ladder: list[CareerStageSchema] = []
    salary_ladder: list[SalaryLevelSchema] = []
    faqs: list[FaqSchema] = []
    requirements: list[RequirementStatementSchema] = []
    specialisations: list[SpecialisationSchema] = []

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
    name: Text
    requirements: list[RequirementSchema] = Field(min_length=1)
    source: SourceCode


class CertificationStatementSchema(Schema):
    text: Text
    source: SourceCode


class CertificationSchema(Schema):
    slug: Slug
    code: Text
    name: Text
    organization: Slug
    order: int = Field(ge=1)
    summary: Text
    suits: Text
    roles: list[Slug] = []
    source: SourceCode
    statements: list[CertificationStatementSchema] = []
    eligibility: list[EligibilityPathSchema] = []

    @model_validator(mode="after")
    def paths_unique(self) -> CertificationSchema:
        check_unique(self.eligibility, "key", "eligibility path", "eligibility")
        return self


class CertificationsFile(Schema):
    certifications: list[CertificationSchema]

    @model_validator(mode="after")
    def slugs_unique(self) -> CertificationsFile:
        check_unique(self.certifications, "slug", "certification", "certifications")
        check_unique(self.certifications, "code", "certification", "certifications")
        return self


# --- the field at large: definitions, process, types, figures -------------------------


class DefinitionSchema(Schema):
    slug: Slug
    term: Text
    text: list[Text] = Field(min_length=1)
    attribution: OptionalText = ""
    quotation: bool = Field(
        default=False, description="The text is the attributed body's own words, shown as a quotation"
    )
    source: SourceCode


class ProcessPhaseSchema(Schema):
    name: Text
    description: OptionalText = ""
    source: SourceCode


class CaseManagerTypeSchema(Schema):
    slug: Slug
    name: Text
    description: list[Text] = Field(min_length=1)
    populations: list[Population] = []
    source: SourceCode


class StatisticSchema(Schema):
    kind: StatisticKind
    label: Text
    value: float = Field(ge=0)
    unit: Literal["jobs", "percent", "usd-per-year"]
    period: OptionalText = ""
    attribution: OptionalText = ""
    role: Slug | None = None
    source: SourceCode


class FieldFile(Schema):
    definitions: list[DefinitionSchema] = []
    process_phases: list[ProcessPhaseSchema] = []
    case_manager_types: list[CaseManagerTypeSchema] = []
    statistics: list[StatisticSchema] = []

    @model_validator(mode="after")
    def slugs_unique(self) -> FieldFile:
        check_unique(self.definitions, "slug", "definition", "definitions")
        check_unique(self.case_manager_types, "slug", "case manager type", "case_manager_types")
        return self
