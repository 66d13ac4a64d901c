"""The advisor's questions: a GET form whose answers live in the query string with readable names.

Saved links never break: two parameters of earlier versions are still read.
- `ccm_supervised=on` ("A CCM supervised my case management", a checkbox) said that all the case
  management months given were supervised by a CCM; it fills `ccm_supervised_months` with
  `cm_months`, no more, so an old link claims exactly what it did.
- `ce_hours` (one continuing-education answer the advisor used for NASW and ANCC alike) fills
  both `nursing_ce_hours` and `social_work_ce_hours`.
Either is read only when the address gives none of the answers that replace it.
"""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError

from roadmap.advisor import Answers, Months
from roles import vocabulary

MAX_MONTHS = 600
MAX_HOURS = 10_000
# Three years of full-time work: 40 hours a week for 52 weeks, three times.
MAX_HOURS_IN_3_YEARS = 6_240

EDUCATION_CHOICES = vocabulary.choices(vocabulary.EDUCATION)
FIELD_CHOICES = [("", "—"), *vocabulary.choices(vocabulary.DEGREE_FIELDS)]
LICENSE_CHOICES = vocabulary.choices(vocabulary.LICENSES)
LICENSE_LABELS = dict(LICENSE_CHOICES)
LICENSE_WORDS = vocabulary.words(vocabulary.LICENSES)
ASWB_CHOICES = [("", "None"), *vocabulary.choices(vocabulary.ASWB_EXAMS)]
POPULATION_CHOICES = vocabulary.choices(vocabulary.POPULATIONS)
DEGREE_LEVELS = {"bachelor", "master", "doctorate"}
MASTERS_LEVELS = {"master", "doctorate"}

# The query-string name of each field and the Answers attribute it fills.
MONTH_FIELDS = {
    "client_months": "direct_client_months",
    "cm_months": "cm_months",
    "ccm_supervised_months": "ccm_supervised_months",
    "hospital_cm_months": "health_system_cm_months",
    "supervisor_months": "supervisor_months",
    "rn_months": "rn_months",
}
HOUR_FIELDS = {
    "cm_nursing_hours": "cm_nursing_hours",
    "nursing_ce_hours": "cm_nursing_ce_hours",
    "social_work_ce_hours": "cm_ce_hours",
}
# Parameters of earlier versions, read only to open old links (see the module docstring).
OLD_PARAMETERS = {"ccm_supervised", "ce_hours"}
# The questions asked first; the others sit under "Add more detail".
ESSENTIAL_FIELDS = ("education", "field", "licenses", "cm_months", "client_months", "goal")
DETAIL_FIELDS = (
    "aswb",
    "ccm_supervised_months",
    "hospital_cm_months",
    "supervisor_months",
    "rn_months",
    "cm_nursing_hours",
    "nursing_ce_hours",
    "social_work_ce_hours",
    "interests",
)
ANSWER_PARAMETERS = {*ESSENTIAL_FIELDS, *DETAIL_FIELDS, *OLD_PARAMETERS}
# Answers that must be part of another one: (part, whole).
PARTS_OF_CASE_MANAGEMENT = (("hospital_cm_months", "hospital"), ("ccm_supervised_months", "CCM-supervised"))


HALF_MONTHS = "Give whole or half months, such as 6 or 6.5."


def whole_or_half(value: Decimal) -> None:
    if value.is_finite() and value * 2 != (value * 2).to_integral_value():
        raise ValidationError(HALF_MONTHS, code="half_months")


def months_field(label: str, help_text: str = "") -> forms.DecimalField:
    """Optional whole or half months from 0 to MAX_MONTHS, with plain messages."""
    return forms.DecimalField(
        label=label,
        help_text=help_text,
        required=False,
        min_value=0,
        max_value=MAX_MONTHS,
        max_digits=6,
        decimal_places=1,
        error_messages={
            "max_value": f"That is more than {MAX_MONTHS} months (50 years); please check it.",
            "invalid": "Enter a number of months, such as 6 or 6.5.",
            "max_decimal_places": HALF_MONTHS,
        },
        validators=[whole_or_half],
        widget=forms.NumberInput(attrs={"inputmode": "decimal", "min": 0, "max": MAX_MONTHS, "step": "0.5"}),
    )


def hours_field(
    label: str, help_text: str = "", maximum: int = MAX_HOURS, too_many: str = ""
) -> forms.IntegerField:
    """Optional whole hours from 0 to `maximum`, with a plain message past it."""
    return forms.IntegerField(
        label=label,
        help_text=help_text,
        required=False,
        min_value=0,
        max_value=maximum,
        error_messages={"max_value": too_many or f"That is more than {maximum:,} hours; please check it."},
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": 0, "max": maximum}),
    )


IN_3_YEARS = (
    f"Three years hold at most about {MAX_HOURS_IN_3_YEARS:,} hours of full-time work "
    "(40 hours a week, 52 weeks a year); please check it."
)


def as_months(value: Decimal | Months | None) -> Months:
    """Give months as the engine takes them: 6, or 6.5 for a half month."""
    if value is None:
        return 0
    return int(value) if value == int(value) else float(value)


class AdvisorForm(forms.Form):
    education = forms.ChoiceField(label="Highest education", choices=EDUCATION_CHOICES, required=False)
    field = forms.ChoiceField(
        label="Its field",
        choices=FIELD_CHOICES,
        required=False,
        help_text="Without a field, only the level of your degree counts.",
    )
    licenses = forms.MultipleChoiceField(
        label="Licences and certifications you hold",
        choices=LICENSE_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    aswb = forms.ChoiceField(label="ASWB exam passed", choices=ASWB_CHOICES, required=False)
    client_months = months_field(
        "Direct client work, not counting case management",
        "Jobs working directly with clients in health or human services. NACCM asks for direct client "
        "experience on top of care management experience, so months you give under case management do not "
        "count here as well.",
    )
    cm_months = months_field(
        "Case or care management",
        "All your case management months, hospital ones and supervised ones included.",
    )
    ccm_supervised = forms.BooleanField(required=False)  # an earlier version's checkbox, read from old links
    ccm_supervised_months = months_field(
        "Of those, months supervised by a CCM",
        "CCMC counts one year of case management only when a Certified Case Manager supervised it; "
        "otherwise it asks for two.",
    )
    hospital_cm_months = months_field(
        "Of those, months in a hospital or health system", "ACMA asks for 12 for the ACM."
    )
    supervisor_months = months_field("Supervising people who provide case management")
    rn_months = months_field("Practice as a registered nurse")
    cm_nursing_hours = hours_field(
        "Case-management nursing practice in the last 3 years, in hours",
        "ANCC asks for 2,000 hours.",
        MAX_HOURS_IN_3_YEARS,
        IN_3_YEARS,
    )
    ce_hours = hours_field("Continuing education (earlier version)")  # read from old links only
    nursing_ce_hours = hours_field(
        "Continuing education in case management nursing in the last 3 years, in hours",
        "ANCC asks for 30 hours.",
        MAX_HOURS_IN_3_YEARS,
        IN_3_YEARS,
    )
    social_work_ce_hours = hours_field(
        "Continuing education relevant to social work case management, in contact hours",
        "NASW asks for 20 for the C-ASWCM.",
    )
    interests = forms.MultipleChoiceField(
        label="Who you would like to work with",
        choices=POPULATION_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    goal = forms.ChoiceField(label="The role you aim for", required=False)

    def __init__(self, data, roles, **kwargs):
        self.notes: dict[str, str] = {}
        super().__init__(self._read_old_parameters(data), **kwargs)
        self.fields["goal"].choices = [
            ("not-sure", "Not sure yet"),
            *[(role.slug, role.title) for role in roles],
        ]
        self.kept_licenses: set[str] = set()
        self.counted: dict[str, Months] = {}

    def _read_old_parameters(self, data):
        """Give the answers with an old link's parameters turned into today's (see the module docstring)."""
        if data is None or not OLD_PARAMETERS & set(data):
            return data
        data = data.copy()
        if data.get("ccm_supervised") and "ccm_supervised_months" not in data:
            months = data.get("cm_months", "").strip() or "0"
            data["ccm_supervised_months"] = months
            self.notes["ccm_supervised_months"] = (
                "Your link comes from an earlier version of this page, where “A CCM supervised my case "
                f"management” was ticked, so all {months} months are counted as supervised by a CCM. "
                "Change this if only some were."
            )
        if data.get("ce_hours") and not {"nursing_ce_hours", "social_work_ce_hours"} & set(data):
            hours = data["ce_hours"]
            data["nursing_ce_hours"] = data["social_work_ce_hours"] = hours
            self.notes["nursing_ce_hours"] = self.notes["social_work_ce_hours"] = (
                "Your link comes from an earlier version of this page, which asked for one "
                f"continuing-education figure, so its {hours} hours are counted here and in the other "
                "continuing-education answer. Change either if they differ."
            )
        for name in OLD_PARAMETERS:
            data.pop(name, None)
        return data

    def clean(self):
        data = super().clean()
        education = data.get("education") or "none"
        licenses = set(data.get("licenses") or [])
        self.kept_licenses = set(licenses)
        needing = [
            (licence, levels, words)
            for licence, levels, words in [
                ("msw", MASTERS_LEVELS, "a master's degree"),
                ("lcsw", MASTERS_LEVELS, "a master's degree"),
                ("bsw", DEGREE_LEVELS, "a bachelor's degree"),
            ]
            if licence in licenses and education not in levels and "education" not in self.errors
        ]
        if needing:
            self.kept_licenses -= {licence for licence, _, _ in needing}
            kept = [LICENSE_WORDS[value] for value, _ in LICENSE_CHOICES if value in self.kept_licenses]
            named = " and ".join(f"{LICENSE_LABELS[licence]} needs {words}" for licence, _, words in needing)
            message = f"{named[0].upper()}{named[1:]}: check your education. Not counted until then"
            verb = "is" if len(kept) == 1 else "are"
            self.add_error(
                "licenses", f"{message}; your {', '.join(kept)} {verb} counted." if kept else f"{message}."
            )
        if (
            data.get("aswb") in {"masters", "advanced-generalist", "clinical"}
            and education not in MASTERS_LEVELS
            and "education" not in self.errors
        ):
            self.add_error(
                "aswb",
                "The ASWB master's-level exams need a master's degree: check your education. "
                "Not counted until then.",
            )
        cm_months = data.get("cm_months")
        for part, words in PARTS_OF_CASE_MANAGEMENT:
            value = data.get(part)
            if (
                value is None
                or part in self.errors
                or "cm_months" in self.errors
                or value <= (cm_months or 0)
            ):
                continue
            if not cm_months:
                # Nothing given for case management as a whole: the part is case management too.
                self.counted["cm_months"] = max(as_months(value), self.counted.get("cm_months", 0))
                self.notes["cm_months"] = (
                    f"Counted as {as_months(self.counted['cm_months'])} months: "
                    f"your {words} months are case management too."
                )
            else:
                self.counted[part] = as_months(cm_months)
                self.add_error(
                    part,
                    f"These months are part of your case management, so they cannot be more than its "
                    f"{as_months(cm_months)} months: counted as {as_months(cm_months)} until you check.",
                )
        return data

    def answers(self) -> Answers:
        """Give the answers from every valid field; a field with an error counts as its message says."""
        valid = {name: value for name, value in self.cleaned_data.items() if name not in self.errors}
        education = valid.get("education") or "none"
        months = {attribute: as_months(valid.get(name)) for name, attribute in MONTH_FIELDS.items()}
        for name, value in self.counted.items():
            months[MONTH_FIELDS[name]] = value
        hours = {attribute: valid.get(name) or 0 for name, attribute in HOUR_FIELDS.items()}
        return Answers(
            education=education,
            field=(valid.get("field") or "") if education != "none" else "",
            licenses=frozenset(self.kept_licenses),
            aswb_exam=valid.get("aswb") or "",
            populations=frozenset(valid.get("interests") or []),
            goal=valid.get("goal") or "not-sure",
            **months,
            **hours,
        )

    def asked_fields(self):
        """Give the fields the form shows (not the old links' parameters)."""
        return [*self.essential_fields(), *self.detail_fields()]

    def essential_fields(self):
        return [self[name] for name in ESSENTIAL_FIELDS]

    def detail_fields(self):
        return [self[name] for name in DETAIL_FIELDS]

    def details_open(self) -> bool:
        """Open "Add more detail" when one of its answers is given or needs a look."""
        return any(self[name].value() not in (None, "", []) or self[name].errors for name in DETAIL_FIELDS)
