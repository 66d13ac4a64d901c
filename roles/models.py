"""The content: roles and everything the source articles say about them.

Every record names the source it came from. Ordered children carry an explicit
position that is unique within their parent, so admins can reorder safely.
"""

from django.conf import settings
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import CheckConstraint, F, Q, UniqueConstraint
from django.urls import reverse
from django.utils import timezone

from roles.querysets import CertificationQuerySet, RoleQuerySet
from roles.schema import SLUG_PATTERN

slug_validator = RegexValidator(SLUG_PATTERN, "Use lower-case letters, digits and single hyphens.")


class Source(models.Model):
    """Somewhere facts are taken from: a guide article, a certifying body's criteria, or a summary."""

    class Kind(models.TextChoices):
        ARTICLE = "article", "Guide article"
        CRITERIA = "criteria", "Certifying body's criteria"
        SECONDARY = "secondary", "Secondary summary"

    code = models.CharField(max_length=40, unique=True)
    title = models.CharField(max_length=300)
    short_title = models.CharField(
        max_length=80, blank=True, help_text="What a citation shows; the title when blank"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    url = models.URLField(
        max_length=500, blank=True, help_text="Only an address the source material really gives"
    )
    read_on = models.DateField(null=True, blank=True, help_text="Only a date the source material gives")
    note = models.TextField(blank=True, help_text="What this source is and how far it can be trusted")

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} — {self.title}"

    @property
    def label(self) -> str:
        """Give the short, readable name a citation shows."""
        return self.short_title or self.title

    @property
    def anchor(self) -> str:
        """Give the id of this source's entry on the sources page."""
        return f"source-{self.code}"


class SourcedModel(models.Model):
    source = models.ForeignKey(Source, on_delete=models.PROTECT)

    class Meta:
        abstract = True


class Organization(SourcedModel):
    slug = models.SlugField(max_length=80, unique=True, validators=[slug_validator])
    name = models.CharField(max_length=200)
    abbreviation = models.CharField(max_length=20, blank=True)
    description = models.TextField()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.abbreviation})" if self.abbreviation else self.name


class Role(SourcedModel):
    slug = models.SlugField(max_length=80, unique=True, validators=[slug_validator])
    title = models.CharField(max_length=200)
    order = models.PositiveIntegerField(default=1)
    summary = models.CharField(max_length=400)
    what_they_do = models.JSONField(default=list, help_text="Paragraphs, one per list item")
    work_environment = models.JSONField(default=list, help_text="Paragraphs, one per list item")
    conclusion = models.JSONField(default=list, help_text="Paragraphs, one per list item")

    objects = RoleQuerySet.as_manager()

    class Meta:
        ordering = ["order", "title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("roadmap:role", args=[self.slug])

    @property
    def salary_span(self) -> str:
        """Give the span from the lowest to the highest salary figure, from prefetched levels."""
        levels = list(self.salary_levels.all())
        if not levels:
            return ""
        low = min(levels, key=lambda level: level.low)
        high = max(levels, key=lambda level: (level.high, level.open_ended))
        return f"{low.low_dollars} – {high.high_dollars}"

    def pay_statistics(self) -> list:
        """Give the (prefetched) average-pay figures, shown beside the salary ladder."""
        return [statistic for statistic in self.statistics.all() if statistic.kind == "average-pay"]

    def outlook_statistics(self) -> list:
        """Give the (prefetched) job counts and projections, shown under jobs and outlook."""
        return [statistic for statistic in self.statistics.all() if statistic.kind != "average-pay"]

    def requirements_by_aspect(self) -> list[tuple[str, list]]:
        """Give the (prefetched) requirement statements grouped by aspect, in a fixed aspect order."""
        grouped = []
        statements = list(self.requirements.all())
        for aspect in RequirementStatement.Aspect:
            matching = [statement for statement in statements if statement.aspect == aspect]
            if matching:
                grouped.append((aspect.label, matching))
        return grouped


class RoadmapStep(SourcedModel):
    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="steps")
    key = models.SlugField(
        max_length=80, validators=[slug_validator], help_text="Stable identity for visitors' progress"
    )
    number = models.PositiveIntegerField(validators=[MinValueValidator(1)])
    title = models.CharField(max_length=200)
    body = models.JSONField(default=list, help_text="Paragraphs, one per list item")
    covered_when = models.JSONField(
        default=list, blank=True, help_text="Conditions under which the advisor counts this step as covered"
    )

    class Meta:
        ordering = ["role", "number"]
        constraints = [
            UniqueConstraint(fields=["role", "number"], name="step_number_unique_per_role"),
            UniqueConstraint(fields=["role", "key"], name="step_key_unique_per_role"),
        ]

    def __str__(self) -> str:
        return f"Step {self.number}: {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("roadmap:step", args=[self.role.slug, self.number])

    def get_status_url(self) -> str:
        return reverse("roadmap:mark-step", args=[self.role.slug, self.number])

    def get_note_url(self) -> str:
        return reverse("roadmap:save-note", args=[self.role.slug, self.number])

    @property
    def first_sentence(self) -> str:
        first = self.body[0] if self.body else ""
        end = first.find(". ")
        return first if end == -1 else first[: end + 1]


class ResponsibilityGroup(SourcedModel):
    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="responsibility_groups")
    order = models.PositiveIntegerField()
    title = models.CharField(max_length=200)

    class Meta:
        ordering = ["role", "order"]
        constraints = [UniqueConstraint(fields=["role", "order"], name="group_order_unique_per_role")]

    def __str__(self) -> str:
        return self.title


class ResponsibilityItem(models.Model):
    group = models.ForeignKey(ResponsibilityGroup, on_delete=models.CASCADE, related_name="items")
    order = models.PositiveIntegerField()
    text = models.TextField()

    class Meta:
        ordering = ["group", "order"]
        constraints = [UniqueConstraint(fields=["group", "order"], name="item_order_unique_per_group")]

    def __str__(self) -> str:
        return self.text


class Skill(SourcedModel):
    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="skills")
    order = models.PositiveIntegerField()
    name = models.CharField(max_length=200)
    description = models.TextField()

    class Meta:
        ordering = ["role", "order"]
        constraints = [
            UniqueConstraint(fields=["role", "order"], name="skill_order_unique_per_role"),
            UniqueConstraint(fields=["role", "name"], name="skill_name_unique_per_role"),
        ]

    def __str__(self) -> str:
        return self.name


class CareerStage(SourcedModel):
    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="career_stages")
    order = models.PositiveIntegerField(help_text="1 is the bottom of the ladder")
    label = models.CharField(max_length=200)
    positions = models.JSONField(default=list, help_text="Position titles at this stage")
    description = models.JSONField(default=list, help_text="Paragraphs, one per list item")

    class Meta:
        ordering = ["role", "order"]
        constraints = [UniqueConstraint(fields=["role", "order"], name="stage_order_unique_per_role")]

    def __str__(self) -> str:
        return f"{self.label}: {' / '.join(self.positions)}"


class CareerTip(models.Model):
    stage = models.ForeignKey(CareerStage, on_delete=models.CASCADE, related_name="tips")
    order = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    text = models.TextField()

    class Meta:
        ordering = ["stage", "order"]
        constraints = [UniqueConstraint(fields=["stage", "order"], name="tip_order_unique_per_stage")]

    def __str__(self) -> str:
        return self.title


class SalaryLevel(SourcedModel):
    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="salary_levels")
    order = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    low = models.PositiveIntegerField(help_text="US dollars a year")
    high = models.PositiveIntegerField(help_text="US dollars a year")
    open_ended = models.BooleanField(default=False, help_text='The top figure has a "+"')
    years_min = models.PositiveIntegerField(null=True, blank=True)
    years_max = models.PositiveIntegerField(null=True, blank=True)
    description = models.TextField()

    class Meta:
        ordering = ["role", "order"]
        constraints = [
            UniqueConstraint(fields=["role", "order"], name="salary_order_unique_per_role"),
            CheckConstraint(condition=Q(low__lte=F("high")), name="salary_low_not_above_high"),
        ]

    def __str__(self) -> str:
        return f"{self.title}: {self.span}"

    @property
    def span(self) -> str:
        return f"{self.low_dollars} – {self.high_dollars}"

    @property
    def low_dollars(self) -> str:
        return f"${self.low:,}"

    @property
    def high_dollars(self) -> str:
        return f"${self.high:,}{'+' if self.open_ended else ''}"

    @property
    def experience(self) -> str:
        if self.years_min is None:
            return ""
        if self.years_max is None:
            return f"{self.years_min}+ years"
        return f"{self.years_min}–{self.years_max} years"


class Faq(SourcedModel):
    class Topic(models.TextChoices):
        NONE = "", "—"
        QUALIFICATIONS = "qualifications", "Qualifications"
        ROLE = "role", "The role"
        DURATION = "duration", "How long it takes"
        STRESS = "stress", "Stress"
        PROSPECTS = "prospects", "Prospects"
        WITHOUT_DEGREE = "without-degree", "Without a degree"

    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="faqs")
    order = models.PositiveIntegerField()
    question = models.CharField(max_length=300)
    answer = models.JSONField(default=list, help_text="Paragraphs, one per list item")
    topic = models.CharField(max_length=30, choices=Topic.choices, blank=True)

    class Meta:
        ordering = ["role", "order"]
        verbose_name = "FAQ"
        constraints = [UniqueConstraint(fields=["role", "order"], name="faq_order_unique_per_role")]

    def __str__(self) -> str:
        return self.question


class RequirementStatement(SourcedModel):
    """One source's view of what a role needs, so disagreeing sources sit side by side."""

    class Aspect(models.TextChoices):
        EDUCATION = "education", "Education"
        EXPERIENCE = "experience", "Experience"
        LICENSING = "licensing", "Licensing"
        CERTIFICATION = "certification", "Certification"
        DURATION = "duration", "How long it takes"

    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="requirements")
    order = models.PositiveIntegerField()
    aspect = models.CharField(max_length=20, choices=Aspect.choices)
    text = models.TextField()
    rule = models.JSONField(
        null=True, blank=True, help_text="The statement as a condition the advisor checks"
    )

    class Meta:
        ordering = ["role", "order"]
        constraints = [UniqueConstraint(fields=["role", "order"], name="requirement_order_unique_per_role")]

    def __str__(self) -> str:
        return f"{self.get_aspect_display()}: {self.text[:60]}"


class Specialisation(SourcedModel):
    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="specialisations")
    order = models.PositiveIntegerField()
    slug = models.SlugField(max_length=80, validators=[slug_validator])
    name = models.CharField(max_length=200)
    description = models.TextField()
    populations = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["role", "order"]
        constraints = [
            UniqueConstraint(fields=["role", "order"], name="specialisation_order_unique_per_role"),
            UniqueConstraint(fields=["role", "slug"], name="specialisation_slug_unique_per_role"),
        ]

    def __str__(self) -> str:
        return self.name


class Certification(SourcedModel):
    slug = models.SlugField(max_length=80, unique=True, validators=[slug_validator])
    code = models.CharField(max_length=30, unique=True)
    name = models.CharField(max_length=200)
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="certifications")
    order = models.PositiveIntegerField(default=1)
    summary = models.TextField()
    suits = models.TextField(help_text="Who it suits")
    roles = models.ManyToManyField(Role, related_name="certifications", blank=True)

    objects = CertificationQuerySet.as_manager()

    class Meta:
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("roadmap:certification", args=[self.slug])


class CertificationStatement(SourcedModel):
    """What one article says about a certification, in its own terms."""

    certification = models.ForeignKey(Certification, on_delete=models.CASCADE, related_name="statements")
    order = models.PositiveIntegerField()
    text = models.TextField()

    class Meta:
        ordering = ["certification", "order"]
        constraints = [
            UniqueConstraint(fields=["certification", "order"], name="statement_order_unique_per_cert")
        ]

    def __str__(self) -> str:
        return self.text[:80]


class EligibilityPath(SourcedModel):
    """One way to qualify for a certification: every requirement in it must hold."""

    certification = models.ForeignKey(Certification, on_delete=models.CASCADE, related_name="eligibility")
    order = models.PositiveIntegerField()
    key = models.SlugField(max_length=80, validators=[slug_validator])
    name = models.CharField(max_length=200)
    requirements = models.JSONField(
        default=list, help_text="Conditions, each as in the content schema's RequirementSchema"
    )

    class Meta:
        ordering = ["certification", "order"]
        verbose_name = "eligibility path"
        constraints = [
            UniqueConstraint(fields=["certification", "order"], name="path_order_unique_per_cert"),
            UniqueConstraint(fields=["certification", "key"], name="path_key_unique_per_cert"),
        ]

    def __str__(self) -> str:
        return self.name


class Definition(SourcedModel):
    slug = models.SlugField(max_length=80, unique=True, validators=[slug_validator])
    order = models.PositiveIntegerField()
    term = models.CharField(max_length=200)
    text = models.JSONField(default=list, help_text="Paragraphs, one per list item")
    attribution = models.CharField(max_length=300, blank=True)
    quotation = models.BooleanField(
        default=False, help_text="The text is the attributed body's own words, shown as a quotation"
    )

    class Meta:
        ordering = ["order"]

    def __str__(self) -> str:
        return self.term


class ProcessPhase(SourcedModel):
    order = models.PositiveIntegerField(unique=True)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["order"]

    def __str__(self) -> str:
        return f"{self.order}. {self.name}"


class CaseManagerType(SourcedModel):
    slug = models.SlugField(max_length=80, unique=True, validators=[slug_validator])
    order = models.PositiveIntegerField()
    name = models.CharField(max_length=200)
    description = models.JSONField(default=list, help_text="Paragraphs, one per list item")
    populations = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["order"]

    def __str__(self) -> str:
        return self.name


class Statistic(SourcedModel):
    class Kind(models.TextChoices):
        EMPLOYMENT = "employment", "Employment"
        EMPLOYER_SHARE = "employer-share", "Share of employment by employer"
        GROWTH = "growth", "Projected growth"
        AVERAGE_PAY = "average-pay", "Average pay"

    class Unit(models.TextChoices):
        JOBS = "jobs", "jobs"
        PERCENT = "percent", "%"
        USD_PER_YEAR = "usd-per-year", "US$ a year"

    order = models.PositiveIntegerField()
    kind = models.CharField(max_length=20, choices=Kind.choices)
    label = models.CharField(max_length=300)
    value = models.DecimalField(max_digits=12, decimal_places=2, validators=[MinValueValidator(0)])
    unit = models.CharField(max_length=20, choices=Unit.choices)
    period = models.CharField(max_length=100, blank=True)
    attribution = models.CharField(max_length=200, blank=True)
    role = models.ForeignKey(Role, on_delete=models.CASCADE, null=True, blank=True, related_name="statistics")

    class Meta:
        ordering = ["order"]

    def __str__(self) -> str:
        return f"{self.label}: {self.display_value}"

    @property
    def display_value(self) -> str:
        number = int(self.value) if self.value == int(self.value) else self.value
        if self.unit == self.Unit.PERCENT:
            return f"{number}%"
        if self.unit == self.Unit.USD_PER_YEAR:
            return f"${number:,} a year"
        return f"{number:,}"


class ContentSync(models.Model):
    """A run of load_content or an export: the content files' fingerprint and the content version then.

    Content saved since the newest of these (the content version moved on) is not in the content
    files yet, so load_content refuses to overwrite it (roles/content_sync.py).
    """

    class Kind(models.TextChoices):
        LOADED = "loaded", "Loaded from the content files"
        EXPORTED = "exported", "Exported to the content files"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    folder = models.CharField(max_length=500, help_text="The content folder read or written")
    fingerprint = models.CharField(max_length=64, help_text="SHA-256 of the content files' names and bytes")
    content_version = models.PositiveBigIntegerField(help_text="The content version right after the run")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = "content load or export"
        verbose_name_plural = "content loads and exports"

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.created:%Y-%m-%d %H:%M} UTC)"


class DeletedRoleListing(models.Model):
    """A certification a role was listed under when it was deleted, kept with that deletion's revision.

    The links live on the certification, so the role's own version does not hold them; recovering
    the role (roles/history.py) lists it under these certifications again.
    """

    revision = models.ForeignKey(
        "reversion.Revision", on_delete=models.CASCADE, related_name="deleted_role_listings"
    )
    certification = models.ForeignKey(Certification, on_delete=models.CASCADE, related_name="+")

    def __str__(self) -> str:
        return f"{self.certification.code} (revision {self.revision_id})"


class ContentVersion(models.Model):
    """One row whose number goes up with every content save, in the same transaction.

    Every app process rereads it now and then and keys its caches by it (roles/content_version.py),
    so a save reaches every process's pages, and a process that reads a new number also reads
    the rows saved with it.
    """

    number = models.PositiveBigIntegerField(default=1)
    changed_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Content version {self.number} ({self.changed_at:%Y-%m-%d %H:%M:%S})"
