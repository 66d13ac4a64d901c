"""The Career Path Advisor's engine: a visitor's answers in; verdicts, a ranking and a plan out.

Plain, deterministic Python: no request, no ORM. The view builds the plain inputs below
(`CertificationRules`, `RoleFacts`, …) from the `roles` QuerySets and renders what comes back,
so every rule here can be tested exhaustively without a database.

The rules themselves are content: eligibility paths live in `fixtures/certifications.yaml`,
step and statement conditions in `fixtures/roles/*.yaml`, each a `roles.schema.RequirementSchema`
stored as a dict (defaults left out, as the loader stores them).
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal, NamedTuple, get_args

from roles import vocabulary
from roles.schema import EDUCATION_LEVELS, Measure

DEGREE_FIELDS: tuple[str, ...] = vocabulary.values(vocabulary.DEGREE_FIELDS)
LICENSES: tuple[str, ...] = vocabulary.values(vocabulary.LICENSES)
ASWB_EXAMS: tuple[str, ...] = vocabulary.values(vocabulary.ASWB_EXAMS)
MEASURES: tuple[str, ...] = get_args(Measure)
POPULATIONS: tuple[str, ...] = vocabulary.values(vocabulary.POPULATIONS)
NOT_SURE = "not-sure"

MONTH_FIELDS = (
    "direct_client_months",
    "cm_months",
    "ccm_supervised_months",
    "health_system_cm_months",
    "supervisor_months",
    "rn_months",
)
HOUR_FIELDS = ("cm_nursing_hours", "cm_nursing_ce_hours", "cm_ce_hours")
# The Answers field behind each measure whose name differs from it.
MEASURE_FIELDS: dict[str, str] = {"cm_months_ccm_supervised": "ccm_supervised_months"}

# Full time is at least 35 hours a week (NACCM, reference file): 35 × 52 / 12 ≈ 152 hours a
# month, rounded down to 150 so a projection never promises a month too early.
NURSING_HOURS_PER_MONTH = 150

# How much a measure grows in a month if the visitor keeps doing the work they do now.
# Months of a kind of work grow only while it is being done (current value above 0); continuing
# education is taken in courses, not earned by working, so it never grows by itself.
MONTHLY_GROWTH: dict[str, int] = {
    "direct_client_months": 1,
    "cm_months": 1,
    "cm_months_ccm_supervised": 1,
    "health_system_cm_months": 1,
    "supervisor_months": 1,
    "rn_months": 1,
    "cm_nursing_hours": NURSING_HOURS_PER_MONTH,
    "cm_nursing_ce_hours": 0,
    "cm_ce_hours": 0,
}

MEASURE_WORDS: dict[str, str] = {
    "direct_client_months": "paid full-time direct client work",
    "cm_months": "paid full-time case or care management",
    "cm_months_ccm_supervised": "full-time case management supervised by a CCM",
    "health_system_cm_months": "case management in a hospital or health delivery system",
    "supervisor_months": "full-time work supervising people who provide case management",
    "rn_months": "full-time practice as a registered nurse",
    "cm_nursing_hours": "clinical practice in case management nursing within the last 3 years",
    "cm_nursing_ce_hours": "continuing education in case management nursing within the last 3 years",
    "cm_ce_hours": "relevant continuing education",
}
HOUR_MEASURES = frozenset({"cm_nursing_hours", "cm_nursing_ce_hours", "cm_ce_hours"})
ROUTE_WORDS: dict[str, str] = {
    "nursing": "the nursing route",
    "social-work": "the clinical social work route",
}

FIELD_WORDS: dict[str, str] = vocabulary.words(vocabulary.DEGREE_FIELDS)
EDUCATION_WORDS: dict[str, str] = vocabulary.words(vocabulary.EDUCATION)
LICENSE_WORDS: dict[str, str] = vocabulary.words(vocabulary.LICENSES)
ASWB_EXAM_WORDS: dict[str, str] = vocabulary.words(vocabulary.ASWB_EXAMS)
POPULATION_WORDS: dict[str, str] = vocabulary.words(vocabulary.POPULATIONS)

Months = int | float
StatusKind = Literal["now", "later", "not-yet"]
# Higher is better; the order a verdict can only climb as experience is added.
STATUS_RANK: dict[str, int] = {"not-yet": 0, "later": 1, "now": 2}


# --- the visitor's answers ----------------------------------------------------------------


@dataclass(frozen=True)
class Answers:
    """What the visitor told the advisor, 0 when none: months in whole or half months, hours whole.

    `ccm_supervised_months` are the case management months a CCM supervised (part of `cm_months`);
    `cm_nursing_ce_hours` is ANCC's continuing education in case management nursing and
    `cm_ce_hours` NASW's relevant continuing education: two answers, two rules.
    """

    education: str = "none"
    field: str = ""
    licenses: frozenset[str] = frozenset()
    aswb_exam: str = ""
    direct_client_months: Months = 0
    cm_months: Months = 0
    ccm_supervised_months: Months = 0
    health_system_cm_months: Months = 0
    supervisor_months: Months = 0
    rn_months: Months = 0
    cm_nursing_hours: int = 0
    cm_nursing_ce_hours: int = 0
    cm_ce_hours: int = 0
    populations: frozenset[str] = frozenset()
    goal: str = NOT_SURE

    def __post_init__(self) -> None:
        # Accept any iterable for the sets so a view can pass form lists straight in.
        object.__setattr__(self, "licenses", frozenset(self.licenses))
        object.__setattr__(self, "populations", frozenset(self.populations))
        if self.education not in EDUCATION_LEVELS:
            raise ValueError(f"unknown education level {self.education!r}")
        if self.field and self.field not in DEGREE_FIELDS:
            raise ValueError(f"unknown degree field {self.field!r}")
        if unknown := self.licenses - set(LICENSES):
            raise ValueError(f"unknown licences {sorted(unknown)!r}")
        if self.aswb_exam and self.aswb_exam not in ASWB_EXAMS:
            raise ValueError(f"unknown ASWB exam {self.aswb_exam!r}")
        if unknown := self.populations - set(POPULATIONS):
            raise ValueError(f"unknown populations {sorted(unknown)!r}")
        for name in HOUR_FIELDS:
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise ValueError(f"{name} must be a whole number of at least 0, not {value!r}")
        for name in MONTH_FIELDS:
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int | float) or value < 0 or (value * 2) % 1:
                raise ValueError(f"{name} must be a whole or half number of at least 0, not {value!r}")


def measure(answers: Answers, name: str) -> Months:
    """Give the value of a schema `Measure` for these answers (months or hours)."""
    if name not in MEASURES:
        raise ValueError(f"unknown measure {name!r}")
    return getattr(answers, MEASURE_FIELDS.get(name, name))


def monthly_growth(answers: Answers, name: str) -> int:
    """Give how much a measure grows each month the visitor keeps their current kind of job."""
    return MONTHLY_GROWTH[name] if measure(answers, name) > 0 else 0


def answers_after(answers: Answers, months: int) -> Answers:
    """Give the answers as they will be after `months` more months of the same work.

    Each kind of work already under way (value above 0) goes on; nothing new starts, and
    continuing education hours stay as they are. This is the projection behind
    "Eligible in N months".
    """
    growth = {MEASURE_FIELDS.get(name, name): per_month for name, per_month in MONTHLY_GROWTH.items()}
    changes: dict[str, Months] = {
        name: getattr(answers, name) + months * growth[name]
        for name in (*MONTH_FIELDS, *HOUR_FIELDS)
        if getattr(answers, name) > 0
    }
    return replace(answers, **changes)


# --- single requirements ------------------------------------------------------------------


def requirement_met(requirement: Mapping[str, Any], answers: Answers) -> bool:
    """Give whether the answers satisfy one `RequirementSchema` condition (stored as a dict)."""
    kind = requirement["kind"]
    if kind == "degree":
        fields = requirement.get("fields") or []
        return answers.education in requirement.get("levels", []) and (not fields or answers.field in fields)
    if kind == "credential":
        holds_licence = bool(answers.licenses & set(requirement.get("licenses", [])))
        passed_exam = bool(answers.aswb_exam) and answers.aswb_exam in requirement.get("aswb_exams", [])
        return holds_licence or passed_exam
    if kind == "experience":
        return (
            counts_yet(requirement, answers)
            and measure(answers, requirement["measure"]) >= requirement["minimum"]
        )
    raise ValueError(f"unknown requirement kind {kind!r}")


def counts_yet(requirement: Mapping[str, Any], answers: Answers) -> bool:
    """Give whether experience can count yet: false when it counts only after a degree not held."""
    after = requirement.get("counted_after") or []
    return not after or answers.education in after


def shortfall(requirement: Mapping[str, Any], answers: Answers) -> Months:
    """Give how many months or hours an experience requirement still lacks (0 when met)."""
    if not counts_yet(requirement, answers):
        return requirement["minimum"]
    return max(0, requirement["minimum"] - measure(answers, requirement["measure"]))


def months_to_meet(requirement: Mapping[str, Any], answers: Answers) -> int | None:
    """Give the months until a requirement holds if the visitor keeps their current job.

    0 when it holds already; None when time alone will not meet it (a missing degree or
    licence, work the visitor is not doing now, or continuing education hours).
    """
    if requirement_met(requirement, answers):
        return 0
    if requirement["kind"] != "experience" or not counts_yet(requirement, answers):
        return None
    growth = monthly_growth(answers, requirement["measure"])
    if growth == 0:
        return None
    return math.ceil(shortfall(requirement, answers) / growth)


def _number(number: Months) -> str:
    """Give a count as people write it: 2,000, 12, 6.5 (never 12.0)."""
    if isinstance(number, float) and number.is_integer():
        number = int(number)
    return f"{number:,}"


def _plural(number: Months, unit: str) -> str:
    return f"{number} {unit}" if number == 1 else f"{_number(number)} {unit}s"


def _without_full_stop(text: str) -> str:
    return text.rstrip().removesuffix(".")


def _as_clause(note: str) -> str:
    """Give a note ready to follow a semicolon: a capitalised first word goes lower case."""
    note = _without_full_stop(note)
    first_word = note.split(" ", 1)[0]
    if first_word[:1].isupper() and first_word[1:].islower():
        return note[0].lower() + note[1:]
    return note


def experience_gap(requirement: Mapping[str, Any], answers: Answers) -> str:
    """Give what an unmet experience requirement lacks: "6 more months of …" (or hours)."""
    name = requirement["measure"]
    lacking = shortfall(requirement, answers)
    unit = "hour" if name in HOUR_MEASURES else "month"
    gap = f"{_number(lacking)} more {unit if lacking == 1 else unit + 's'} of {MEASURE_WORDS[name]}"
    if not counts_yet(requirement, answers):
        gap += f", counted only after {_levels_words(requirement['counted_after'])}"
    return gap


def _levels_words(levels: Sequence[str]) -> str:
    return " or ".join(f"a {EDUCATION_WORDS[level]}" for level in levels)


def missing_piece(requirement: Mapping[str, Any], answers: Answers) -> str:
    """Give an unmet requirement in plain words, with its note after a semicolon."""
    if requirement["kind"] == "experience":
        words = f"needs {experience_gap(requirement, answers)}"
    else:
        words = _without_full_stop(requirement["text"])
    note = requirement.get("note", "")
    return f"{words}; {_as_clause(note)}" if note else words


# --- certification verdicts ---------------------------------------------------------------


@dataclass(frozen=True)
class PathRules:
    """One way to qualify for a certification: every requirement must hold."""

    key: str
    name: str
    requirements: list[dict[str, Any]]
    source_title: str = ""
    source_url: str = ""
    read_on: datetime.date | None = None


@dataclass(frozen=True)
class CertificationRules:
    slug: str
    code: str
    name: str
    paths: list[PathRules] = field(default_factory=list)


@dataclass(frozen=True)
class RouteGap:
    """Another way to the same certification, and what it lacks for these answers."""

    path: PathRules
    missing: list[str]


@dataclass(frozen=True)
class Verdict:
    """Where the visitor stands for one certification, and by which path.

    `to_confirm` lists, with their source codes, the parts of the applied path's conditions the
    form could not check (experience after the degree, supervision hours, the exam…);
    `other_routes` the certification's other paths, nearest first.
    """

    slug: str
    code: str
    name: str
    status: str
    status_kind: StatusKind
    months: int | None
    missing: list[str]
    path: PathRules | None
    to_confirm: list[tuple[str, str]] = field(default_factory=list)
    other_routes: list[RouteGap] = field(default_factory=list)


def _unmet(path: PathRules, answers: Answers) -> list[dict[str, Any]]:
    return [requirement for requirement in path.requirements if not requirement_met(requirement, answers)]


def _months_for_path(path: PathRules, answers: Answers) -> int | None:
    """Give the months until every requirement of a path holds, or None if time alone won't do."""
    months = [months_to_meet(requirement, answers) for requirement in path.requirements]
    if any(month is None for month in months):
        return None
    return max(months, default=0)


# Education levels in the order they are reached; an associate's and an RN diploma stand level.
LEVEL_ORDER: dict[str, int] = {
    "none": 0,
    "associate": 1,
    "rn-diploma": 1,
    "bachelor": 2,
    "master": 3,
    "doctorate": 4,
}


def _study_steps(requirement: Mapping[str, Any], answers: Answers) -> int:
    """Give the degrees still to earn for an unmet degree requirement: the levels to climb to
    the nearest level it accepts, or one new degree when the level is reached in another field."""
    current = LEVEL_ORDER[answers.education]
    return min(max(1, LEVEL_ORDER[level] - current) for level in requirement["levels"])


def _distance(path: PathRules, answers: Answers) -> tuple[int, float]:
    """Give how far a path is: degrees and licences still to earn, then months of work missing.

    Study and licences come first because each takes years or an exam; between paths equal on
    those, the one missing fewer months of work is nearer (hours count at 150 a month, the
    full-time rate in `NURSING_HOURS_PER_MONTH`). Equal distances keep the content's order.
    """
    steps = 0
    months = 0.0
    for requirement in _unmet(path, answers):
        if requirement["kind"] == "degree":
            steps += _study_steps(requirement, answers)
        elif requirement["kind"] == "credential":
            steps += 1
        else:
            lacking = shortfall(requirement, answers)
            months += (
                lacking / NURSING_HOURS_PER_MONTH if requirement["measure"] in HOUR_MEASURES else lacking
            )
    return steps, months


def to_confirm(path: PathRules) -> list[tuple[str, str]]:
    """Give a path's conditions the form does not ask, as (text, source code), each once."""
    items: list[tuple[str, str]] = []
    for requirement in path.requirements:
        for item in requirement.get("confirm") or []:
            pair = (item["text"], item["source"])
            if pair not in items:
                items.append(pair)
    return items


def certification_verdict(certification: CertificationRules, answers: Answers) -> Verdict:
    """Give the verdict for one certification.

    - "Eligible now" when every requirement of some path holds (the first such path is shown).
    - "Eligible in N months" when, on some path, every unmet requirement is experience that
      grows while the visitor keeps their current kind of job (see `MONTHLY_GROWTH`); N is the
      longest wait on that path, and the path with the shortest wait is shown (first on a tie).
    - "Not eligible yet" otherwise, listing what the nearest path lacks (see `_distance`).
      A certification without paths lands here with nothing listed.
    The other paths follow, nearest first, each with what it lacks.
    """
    best_months: int | None = None
    best_path: PathRules | None = None
    for path in certification.paths:
        months = _months_for_path(path, answers)
        if months is not None and (best_months is None or months < best_months):
            best_months, best_path = months, path
    if best_months == 0:
        return _verdict(certification, answers, "Eligible now", "now", None, best_path)
    if best_months is not None:
        status = f"Eligible in {_plural(best_months, 'month')}"
        return _verdict(certification, answers, status, "later", best_months, best_path)
    closest = min(certification.paths, key=lambda path: _distance(path, answers), default=None)
    return _verdict(certification, answers, "Not eligible yet", "not-yet", None, closest)


def _verdict(
    certification: CertificationRules,
    answers: Answers,
    status: str,
    status_kind: StatusKind,
    months: int | None,
    path: PathRules | None,
) -> Verdict:
    def missing(route: PathRules) -> list[str]:
        return [missing_piece(requirement, answers) for requirement in _unmet(route, answers)]

    others = sorted(
        (other for other in certification.paths if other is not path),
        key=lambda other: _distance(other, answers),
    )
    return Verdict(
        certification.slug,
        certification.code,
        certification.name,
        status,
        status_kind,
        months,
        missing(path) if path else [],
        path,
        to_confirm(path) if path and status_kind != "not-yet" else [],
        [RouteGap(other, missing(other)) for other in others],
    )


def certification_verdicts(certifications: Iterable[CertificationRules], answers: Answers) -> list[Verdict]:
    """Give one verdict per certification, in the order given."""
    return [certification_verdict(certification, answers) for certification in certifications]


# --- roles: ranking ----------------------------------------------------------------------


@dataclass(frozen=True)
class StatementRule:
    """A role requirement statement; `rule` is its checkable condition, or None for prose only."""

    aspect: str
    text: str
    rule: dict[str, Any] | None
    source_code: str


class SpecialisationFacts(NamedTuple):
    name: str
    populations: Sequence[str]
    source_code: str


class SalaryLevelFacts(NamedTuple):
    title: str
    low: int
    high: int
    open_ended: bool
    years_min: int | None
    years_max: int | None


@dataclass(frozen=True)
class StepFacts:
    key: str
    number: int
    title: str
    covered_when: list[dict[str, Any]] = field(default_factory=list)


@dataclass(frozen=True)
class RoleFacts:
    """What the engine needs of a role; specialisations and salary levels may be plain tuples."""

    slug: str
    title: str
    requirements: list[StatementRule] = field(default_factory=list)
    specialisations: list[tuple] = field(default_factory=list)
    salary_levels: list[tuple] = field(default_factory=list)
    steps: list[StepFacts] = field(default_factory=list)


@dataclass(frozen=True)
class RouteFit:
    """How one route into a role fits: the reasons and obstacles of its own rules."""

    route: str
    words: str
    score: int
    reasons: list[tuple[str, str]]
    obstacles: list[tuple[str, str]]


@dataclass(frozen=True)
class RoleFit:
    """How well a role fits the answers; reasons and obstacles are (text, source code) pairs.

    For a role the articles describe by several routes (`route` on its rules), the score,
    reasons and obstacles are those of the route that fits best, named in `route`; the others
    follow in `other_routes` with only their own rules.
    """

    slug: str
    title: str
    score: int
    reasons: list[tuple[str, str]]
    obstacles: list[tuple[str, str]]
    role: RoleFacts
    route: str = ""
    other_routes: list[RouteFit] = field(default_factory=list)

    @property
    def route_words(self) -> str:
        return ROUTE_WORDS.get(self.route, "")


MET_RULE_POINTS = 3
UNMET_RULE_POINTS = -2
POPULATION_POINTS = 2
GOAL_POINTS = 5


def _what_meets(rule: Mapping[str, Any], answers: Answers) -> str:
    """Give the visitor's own qualification that meets a rule, as the subject of a sentence."""
    if rule["kind"] == "degree":
        field_words = FIELD_WORDS.get(answers.field, "")
        if answers.education in ("bachelor", "master", "doctorate") and field_words:
            return f"Your {field_words} degree"
        return f"Your {EDUCATION_WORDS[answers.education]}"
    if rule["kind"] == "credential":
        held = [licence for licence in rule.get("licenses", []) if licence in answers.licenses]
        if held:
            return f"Your {LICENSE_WORDS[held[0]]}"
        return f"Your pass in the {ASWB_EXAM_WORDS[answers.aswb_exam]}"
    name = rule["measure"]
    unit = "hour" if name in HOUR_MEASURES else "month"
    return f"Your {_plural(measure(answers, name), unit)} of {MEASURE_WORDS[name]}"


def _met_reason(rule: Mapping[str, Any], answers: Answers) -> str:
    """Claim only what the answers show: a rule with parts the form does not ask "counts toward"
    what the article asks for, and says what is still to confirm."""
    text = _without_full_stop(rule["text"])
    unknown = [_as_clause(item["text"]) for item in rule.get("confirm") or []]
    if unknown:
        return (
            f"{_what_meets(rule, answers)} counts toward what the article asks for: {text}; to confirm: "
            + ("; ".join(unknown))
        )
    return f"{_what_meets(rule, answers)} meets what the article asks for: {text}"


def _obstacle(rule: Mapping[str, Any], answers: Answers) -> str:
    text = f"The article asks for: {_without_full_stop(rule['text'])}"
    if rule["kind"] == "experience":
        return f"{text}; you need {experience_gap(rule, answers)}"
    note = rule.get("note", "")
    return f"{text}; {_as_clause(note)}" if note else text


def _rules_fit(statements: Iterable[StatementRule], answers: Answers) -> tuple[int, list, list]:
    score = 0
    reasons: list[tuple[str, str]] = []
    obstacles: list[tuple[str, str]] = []
    for statement in statements:
        if requirement_met(statement.rule, answers):
            score += MET_RULE_POINTS
            reasons.append((_met_reason(statement.rule, answers), statement.source_code))
        else:
            score += UNMET_RULE_POINTS
            obstacles.append((_obstacle(statement.rule, answers), statement.source_code))
    return score, reasons, obstacles


def role_fit(answers: Answers, role: RoleFacts) -> RoleFit:
    """Give the score of one role with its reasons and obstacles.

    +3 for each requirement statement whose rule the answers meet, -2 for each they do not
    (statements without a rule do not count), +2 for each of the visitor's populations that
    one of the role's specialisations serves (counted once, named on the first specialisation
    serving it), +5 when the role is the visitor's goal. Rules on a route count only on that
    route, and the best-fitting route counts (the first on a tie).
    """
    score = 0
    reasons: list[tuple[str, str]] = []
    obstacles: list[tuple[str, str]] = []
    if answers.goal == role.slug:
        score += GOAL_POINTS
        reasons.append(("It is the role you are aiming for", ""))
    ruled = [statement for statement in role.requirements if statement.rule is not None]
    common = [statement for statement in ruled if not statement.rule.get("route")]
    routes: list[str] = list(dict.fromkeys(s.rule["route"] for s in ruled if s.rule.get("route")))
    route_fits = [
        RouteFit(
            route,
            ROUTE_WORDS[route],
            *_rules_fit([s for s in ruled if s.rule.get("route") == route], answers),
        )
        for route in routes
    ]
    best = max(route_fits, key=lambda fit: fit.score, default=None)
    # The common rules keep their place in the content's order among the best route's rules.
    counted = [s for s in ruled if not s.rule.get("route") or (best and s.rule.get("route") == best.route)]
    rules_score, rule_reasons, rule_obstacles = _rules_fit(counted if best else common, answers)
    score += rules_score
    reasons += rule_reasons
    obstacles += rule_obstacles
    counted_populations: set[str] = set()
    for specialisation in map(_specialisation, role.specialisations):
        matched = [
            population
            for population in specialisation.populations
            if population in answers.populations and population not in counted_populations
        ]
        if matched:
            counted_populations.update(matched)
            score += POPULATION_POINTS * len(matched)
            interests = " and ".join(POPULATION_WORDS[population] for population in matched)
            reasons.append(
                (
                    f"Its specialisation {specialisation.name} matches your interest in {interests}",
                    specialisation.source_code,
                )
            )
    return RoleFit(
        role.slug,
        role.title,
        score,
        reasons,
        obstacles,
        role,
        best.route if best else "",
        [fit for fit in route_fits if fit is not best],
    )


def rank_roles(answers: Answers, roles: Iterable[RoleFacts]) -> list[RoleFit]:
    """Give every role's fit, best first; equal scores keep the order the roles came in."""
    fits = [role_fit(answers, role) for role in roles]
    return sorted(fits, key=lambda fit: -fit.score)


def _specialisation(facts: tuple) -> SpecialisationFacts:
    return SpecialisationFacts(*facts)


# --- a personal roadmap for one role ------------------------------------------------------


@dataclass(frozen=True)
class PlannedStep:
    key: str
    number: int
    title: str
    covered: bool


class TimelinePoint(NamedTuple):
    stage: str
    months_from_now: int
    title: str
    low: int
    high: int
    open_ended: bool
    # Counted from the end of a bachelor's degree whose length from here the articles do not give.
    after_bachelors: bool = False

    @property
    def when(self) -> str:
        """Give the wait in words: "now", "about 6 months", "about 1 year" (13 months), "about 2 years"."""
        if self.months_from_now == 0:
            wait = "now"
        elif self.months_from_now < 12:
            wait = f"about {_plural(self.months_from_now, 'month')}"
        else:
            years = math.floor(self.months_from_now / 12 + 0.5)
            wait = f"about {_plural(years, 'year')}"
        if not self.after_bachelors:
            return wait
        return (
            "once you hold a bachelor's degree" if wait == "now" else f"{wait} after your bachelor's degree"
        )


@dataclass(frozen=True)
class Plan:
    slug: str
    title: str
    steps: list[PlannedStep]
    next_steps: list[PlannedStep]
    timeline: list[TimelinePoint]


STAGE_LABELS = ("Entry level", "Mid level", "Senior level")
# Years of experience at which the mid and senior salary levels start when a level gives none:
# "2-5 years" and "5+ years" in the salary sections of articles 000, 001 and 004.
DEFAULT_YEARS_MIN = (0, 2, 5)
# "A bachelor's degree typically takes four years": the FAQs of articles 000, 001 and 004.
BACHELORS_MONTHS = 48
# Studies the articles give no length for when they lead on to a bachelor's degree.
PART_WAY_TO_BACHELORS = frozenset({"associate", "rn-diploma"})
# An experience rule with this minimum asks for some experience without giving a length of time.
ANY_AMOUNT = 1


def step_covered(step: StepFacts, answers: Answers) -> bool:
    """Give whether the answers already cover a step; a step without conditions never is."""
    return bool(step.covered_when) and all(requirement_met(rule, answers) for rule in step.covered_when)


def prior_experience_months(role: RoleFacts) -> int:
    """Give the months of direct client work the role's steps ask for before the first job.

    Read from the steps' `covered_when`: case manager's "gain experience" step asks for 12
    months, the low end of the 1–3 years in article 001's FAQ. A rule asking for any amount
    (`minimum: 1`) is a step whose article gives no length of time (000, 004), so it adds no
    time to the estimate. 0 when no step asks for a length.
    """
    return max(
        (
            rule["minimum"]
            for step in role.steps
            for rule in step.covered_when
            if rule["kind"] == "experience"
            and rule["measure"] == "direct_client_months"
            and rule["minimum"] > ANY_AMOUNT
        ),
        default=0,
    )


def in_case_management(answers: Answers) -> bool:
    """Give whether the visitor already works in case management or supervises those who do."""
    return answers.cm_months > 0 or answers.health_system_cm_months > 0 or answers.supervisor_months > 0


def months_to_entry(answers: Answers, role: RoleFacts) -> tuple[int, bool]:
    """Give the months until the visitor can hold the role's entry-level job, and whether they
    count from the end of a bachelor's degree whose length the articles do not give.

    A simple, documented estimate:
    - 0 for someone already in case management or supervising case managers: they are past
      the entry-level job.
    - Otherwise 48 months of study without any degree, since a bachelor's typically takes four
      years (FAQs of 000, 001 and 004); with an associate's or an RN diploma the wait counts
      from the end of a bachelor's (no length claimed); nothing with a bachelor's or higher.
    - Plus the months of direct client work the role's steps ask for that are still missing
      (`prior_experience_months`; 12 at most with today's content).
    """
    if in_case_management(answers):
        return 0, False
    study = BACHELORS_MONTHS if answers.education == "none" else 0
    missing_months = max(0, prior_experience_months(role) - answers.direct_client_months)
    return math.ceil(study + missing_months), answers.education in PART_WAY_TO_BACHELORS


def timeline(answers: Answers, role: RoleFacts) -> list[TimelinePoint]:
    """Give when the visitor could reach the entry, mid and senior salary levels, and their pay.

    Entry is `months_to_entry`. Mid and senior come when the visitor's experience in case
    management (its months plus months supervising case managers) reaches the years_min of
    salary levels 2 and 3 ("2-5 years", "5+ years" in 000, 001 and 004), counting experience
    they already have and never before entry. The months never go down from one stage to the
    next. Only the levels the role has are shown.
    """
    levels = [SalaryLevelFacts(*level) for level in role.salary_levels[: len(STAGE_LABELS)]]
    entry, after_bachelors = months_to_entry(answers, role)
    experience_months = answers.cm_months + answers.supervisor_months
    points: list[TimelinePoint] = []
    previous = 0
    for index, level in enumerate(levels):
        if index == 0:
            months = entry
        else:
            years_min = level.years_min if level.years_min is not None else DEFAULT_YEARS_MIN[index]
            months = entry + math.ceil(max(0, years_min * 12 - experience_months))
        months = max(months, previous)
        previous = months
        points.append(
            TimelinePoint(
                STAGE_LABELS[index],
                months,
                level.title,
                level.low,
                level.high,
                level.open_ended,
                after_bachelors,
            )
        )
    return points


def plan_for_role(answers: Answers, role: RoleFacts) -> Plan:
    """Give the visitor's roadmap for one role: its steps marked covered, what to do next, a timeline."""
    steps = [
        PlannedStep(step.key, step.number, step.title, step_covered(step, answers))
        for step in sorted(role.steps, key=lambda step: step.number)
    ]
    return Plan(
        role.slug,
        role.title,
        steps,
        [step for step in steps if not step.covered],
        timeline(answers, role),
    )


# --- specialties ----------------------------------------------------------------------------


def matching_specialties(answers: Answers, specialties: Iterable[tuple]) -> list[tuple]:
    """Give the (name, populations, source_code, kind) entries that serve one of the visitor's populations."""
    return [specialty for specialty in specialties if answers.populations & set(specialty[1])]
