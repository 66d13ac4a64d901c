"""The advisor's vocabularies, each defined once: education, degree field, licence, ASWB exam, population.

Each term has its value (used in fixtures, in `roles.schema` and in the advisor's query strings,
so a value must never change), the label the advisor's form shows, and the words a sentence
uses ("Your {words}", "your interest in {words}"). `roles.schema` takes its literals from here,
`roadmap.advisor_form` its choices and `roadmap.advisor` its words.
"""

from __future__ import annotations

from typing import NamedTuple


class Term(NamedTuple):
    value: str
    label: str
    words: str


EDUCATION: tuple[Term, ...] = (
    Term("none", "No degree", "education"),
    Term("associate", "Associate's degree", "associate's degree"),
    Term("rn-diploma", "RN diploma", "RN diploma"),
    Term("bachelor", "Bachelor's degree", "bachelor's degree"),
    Term("master", "Master's degree", "master's degree"),
    Term("doctorate", "Doctorate", "doctorate"),
)
# words "" = the field is not named: "Your bachelor's degree" rather than "Your … degree"
DEGREE_FIELDS: tuple[Term, ...] = (
    Term("social-work-cswe", "Social work (CSWE-accredited program)", "social work"),
    Term("social-work", "Social work (not CSWE-accredited)", "social work"),
    Term("nursing", "Nursing", "nursing"),
    Term("psychology", "Psychology", "psychology"),
    Term("counseling", "Counseling", "counseling"),
    Term("gerontology", "Gerontology", "gerontology"),
    Term("public-health", "Public health", "public health"),
    Term("other-health-human-services", "Other health or human services", "health or human services"),
    Term("other", "Another field", ""),
)
LICENSES: tuple[Term, ...] = (
    Term("rn", "RN", "RN licence"),
    Term("lpn", "LPN / LVN", "LPN/LVN licence"),
    Term("bsw", "BSW-level social work licence", "BSW-level social work licence"),
    Term("msw", "MSW-level social work licence", "MSW-level social work licence"),
    Term("lcsw", "LCSW", "LCSW licence"),
    Term("lpc", "LPC", "LPC licence"),
    Term("crc", "CRC", "CRC certification"),
    Term("cdms", "CDMS", "CDMS certification"),
)
ASWB_EXAMS: tuple[Term, ...] = (
    Term("bachelors", "Bachelor's", "ASWB bachelor's exam"),
    Term("masters", "Master's", "ASWB master's exam"),
    Term("advanced-generalist", "Advanced generalist", "ASWB advanced generalist exam"),
    Term("clinical", "Clinical", "ASWB clinical exam"),
)
POPULATIONS: tuple[Term, ...] = (
    Term("older-adults", "Older adults", "older adults"),
    Term("children-families", "Children and families", "children and families"),
    Term("mental-health", "Mental health", "mental health"),
    Term("substance-use", "Substance use", "substance use"),
    Term("chronic-illness", "Chronic illness", "chronic illness"),
    Term("justice-system", "Justice system", "the justice system"),
    Term("hospital-patients", "Hospital patients", "hospital patients"),
)


def values(terms: tuple[Term, ...]) -> tuple[str, ...]:
    return tuple(term.value for term in terms)


def choices(terms: tuple[Term, ...]) -> list[tuple[str, str]]:
    """Give (value, label) pairs for a form field."""
    return [(term.value, term.label) for term in terms]


def words(terms: tuple[Term, ...]) -> dict[str, str]:
    """Give each value's words for a sentence."""
    return {term.value: term.words for term in terms}
