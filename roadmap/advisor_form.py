"""The advisor's questions: a GET form whose answers live in the query string with readable names."""

from __future__ import annotations

from django import forms

from roadmap.advisor import Answers
from roles import vocabulary

MAX_MONTHS = 600
MAX_HOURS = 10_000

EDUCATION_CHOICES = vocabulary.choices(vocabulary.EDUCATION)
FIELD_CHOICES = [("", "—"), *vocabulary.choices(vocabulary.DEGREE_FIELDS)]
LICENSE_CHOICES = vocabulary.choices(vocabulary.LICENSES)
ASWB_CHOICES = [("", "None"), *vocabulary.choices(vocabulary.ASWB_EXAMS)]
POPULATION_CHOICES = vocabulary.choices(vocabulary.POPULATIONS)
DEGREE_LEVELS = {"bachelor", "master", "doctorate"}
MASTERS_LEVELS = {"master", "doctorate"}

# The query-string name of each field and the Answers attribute it fills.
MONTH_FIELDS = {
    "client_months": "direct_client_months",
    "cm_months": "cm_months",
    "hospital_cm_months": "health_system_cm_months",
    "supervisor_months": "supervisor_months",
    "rn_months": "rn_months",
}
HOUR_FIELDS = {"cm_nursing_hours": "cm_nursing_hours", "ce_hours": "cm_ce_hours"}
ANSWER_PARAMETERS = {
    "education",
    "field",
    "licenses",
    "aswb",
    "ccm_supervised",
    "interests",
    "goal",
    *MONTH_FIELDS,
    *HOUR_FIELDS,
}


def count_field(label: str, maximum: int, too_many: str) -> forms.IntegerField:
    """An optional whole number from 0 to `maximum`, with a plain message past it."""
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=0,
        max_value=maximum,
        error_messages={"max_value": f"That is more than {too_many}; please check it."},
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": 0, "max": maximum}),
    )


def months_field(label: str) -> forms.IntegerField:
    return count_field(label, MAX_MONTHS, f"{MAX_MONTHS} months (50 years)")


def hours_field(label: str) -> forms.IntegerField:
    return count_field(label, MAX_HOURS, f"{MAX_HOURS:,} hours")


class AdvisorForm(forms.Form):
    education = forms.ChoiceField(label="Highest education", choices=EDUCATION_CHOICES, required=False)
    field = forms.ChoiceField(label="Its field", choices=FIELD_CHOICES, required=False)
    licenses = forms.MultipleChoiceField(
        label="Licences and certifications you hold",
        choices=LICENSE_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    aswb = forms.ChoiceField(label="ASWB exam passed", choices=ASWB_CHOICES, required=False)
    client_months = months_field("Direct client work in health or human services")
    cm_months = months_field("Case or care management")
    ccm_supervised = forms.BooleanField(label="A CCM supervised my case management", required=False)
    hospital_cm_months = months_field("Hospital or health-system case management")
    supervisor_months = months_field("Supervising case managers")
    rn_months = months_field("Practice as a registered nurse")
    cm_nursing_hours = hours_field("Case-management nursing practice")
    ce_hours = hours_field("Case-management continuing education")
    interests = forms.MultipleChoiceField(
        label="Who you would like to work with",
        choices=POPULATION_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    goal = forms.ChoiceField(label="The role you aim for", required=False)

    def __init__(self, data, roles, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["goal"].choices = [
            ("not-sure", "Not sure yet"),
            *[(role.slug, role.title) for role in roles],
        ]

    def clean(self):
        data = super().clean()
        education = data.get("education") or "none"
        licenses = set(data.get("licenses") or [])
        if licenses & {"msw", "lcsw"} and education not in MASTERS_LEVELS and "education" not in self.errors:
            self.add_error(
                "licenses", "An MSW-level licence or LCSW needs a master's degree: check your education."
            )
        elif "bsw" in licenses and education not in DEGREE_LEVELS and "education" not in self.errors:
            self.add_error("licenses", "A BSW-level licence needs a bachelor's degree: check your education.")
        if (
            data.get("aswb") in {"masters", "advanced-generalist", "clinical"}
            and education not in MASTERS_LEVELS
        ):
            self.add_error(
                "aswb", "The ASWB master's-level exams need a master's degree: check your education."
            )
        if education != "none" and not data.get("field") and "field" not in self.errors:
            self.add_error("field", "Tell us the field of your degree, or we can only count its level.")
        cm_months = data.get("cm_months") or 0
        if (data.get("hospital_cm_months") or 0) > cm_months and "hospital_cm_months" not in self.errors:
            self.add_error(
                "hospital_cm_months",
                "Hospital case management is case management too: "
                "it cannot be more than your case management months.",
            )
        return data

    def answers(self) -> Answers:
        """Give the answers from every field that is valid; an invalid field counts as not answered."""
        valid = {name: value for name, value in self.cleaned_data.items() if name not in self.errors}
        education = valid.get("education") or "none"
        licenses = set(valid.get("licenses") or [])
        if "licenses" in self.errors:
            licenses = set()
        aswb = valid.get("aswb") or ""
        months = {attribute: valid.get(name) or 0 for name, attribute in MONTH_FIELDS.items()}
        hours = {attribute: valid.get(name) or 0 for name, attribute in HOUR_FIELDS.items()}
        return Answers(
            education=education,
            field=(valid.get("field") or "") if education != "none" else "",
            licenses=frozenset(licenses),
            aswb_exam=aswb,
            cm_ccm_supervised=bool(valid.get("ccm_supervised")),
            populations=frozenset(valid.get("interests") or []),
            goal=valid.get("goal") or "not-sure",
            **months,
            **hours,
        )
