"""Site-wide search: one interface, two real search engines.

Every place a reader might look for (a role, a step, a duty group, a skill, a salary level, an
FAQ, a certification's eligibility path, a definition, a source...) becomes a `Document` with
the URL of its page and section. The documents go into SQLite's FTS5 (an in-memory index in each
process, with the default SQLite set-up) or PostgreSQL's full-text search (a table with a
weighted tsvector, when DATABASE_URL is PostgreSQL). Both stem English words, fold case and
accents, and rank title matches above role and body matches. Each is rebuilt from the content
when the content version moves (roles/content_version.py), so every process finds what the
admin last saved.

A query is understood the same way for both engines (`parse_query`): words are folded, common
words dropped, and each word widened to its synonyms from fixtures/search_synonyms.yaml. Every
word (or a synonym of it) must match; when nothing does, any word may. Results whose role the
query names ("case manager salary") come first, then those with a query word in their title,
each tier in the engine's own order. Engine query syntax in the visitor's words is
never interpreted: every word is quoted (FTS5) or passed as plain text (PostgreSQL).
"""

from __future__ import annotations

import re
import sqlite3
import threading
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Annotated

import yaml
from django.conf import settings
from django.db import connection, transaction
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

from roles import content_version
from roles import models as content

SYNONYMS_FILE = Path(settings.BASE_DIR) / "fixtures" / "search_synonyms.yaml"
MAX_QUERY_LENGTH = 200
MAX_WORDS = 12
RESULTS_LIMIT = 30
# Highlight markers the engines put around matched words; the text is escaped before they
# become <mark> tags, so nothing in the content or the query can inject markup.
START, STOP = "\ue000", "\ue001"
WORD = re.compile(r"[a-z0-9]+")


class Kind:
    """Kinds of result, with the label a reader sees."""

    ROLE = "role"
    STEP = "step"
    DUTIES = "duties"
    SKILL = "skill"
    CAREER_STAGE = "career-stage"
    SALARY = "salary"
    SALARY_LEVEL = "salary-level"
    REQUIREMENT = "requirement"
    WORK_ENVIRONMENT = "work-environment"
    SPECIALISATION = "specialisation"
    FIGURE = "figure"
    FAQ = "faq"
    CERTIFICATION = "certification"
    ELIGIBILITY = "eligibility"
    FIELD = "field"
    SOURCE = "source"

    LABELS = {
        ROLE: "Role",
        STEP: "Step",
        DUTIES: "Responsibilities",
        SKILL: "Skill",
        CAREER_STAGE: "Career stage",
        SALARY: "Salary ladder",
        SALARY_LEVEL: "Salary level",
        REQUIREMENT: "Requirement",
        WORK_ENVIRONMENT: "Work environment",
        SPECIALISATION: "Specialisation",
        FIGURE: "Jobs and pay figure",
        FAQ: "FAQ",
        CERTIFICATION: "Certification",
        ELIGIBILITY: "Eligibility rule",
        FIELD: "About case management",
        SOURCE: "Source",
    }


# --- The vocabulary: synonyms and common words, kept as reviewed content -----------------------

Word = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+$", max_length=40)]


class Vocabulary(BaseModel):
    """fixtures/search_synonyms.yaml: groups of words read as one, and words left out of queries."""

    model_config = ConfigDict(extra="forbid")

    synonyms: list[Annotated[list[Word], Field(min_length=2)]]
    stop_words: list[Word]
    suggested_searches: list[Annotated[str, StringConstraints(min_length=1, max_length=60)]] = []

    @field_validator("synonyms")
    @classmethod
    def one_group_a_word(cls, groups: list[list[str]]) -> list[list[str]]:
        seen: set[str] = set()
        for group in groups:
            for word in group:
                if word in seen:
                    raise ValueError(f"{word!r} is in more than one synonym group")
                seen.add(word)
        return groups


@cache
def vocabulary() -> Vocabulary:
    """Give the reviewed synonyms and common words (read once a process)."""
    return Vocabulary.model_validate(yaml.safe_load(SYNONYMS_FILE.read_text(encoding="utf-8")))


@cache
def _synonym_lookup() -> dict[str, tuple[str, ...]]:
    return {word: tuple(group) for group in vocabulary().synonyms for word in group}


def fold(text: str) -> str:
    """Give text lower-cased with accents removed ("Résumé" → "resume")."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).lower()


def _singular_forms(word: str) -> list[str]:
    """Crude singulars, only to find a word's synonym group; the engines stem properly."""
    forms = [word]
    if word.endswith("ies") and len(word) > 4:
        forms.append(word[:-3] + "y")
    if word.endswith("es") and len(word) > 3:
        forms.append(word[:-2])
    if word.endswith("s") and len(word) > 2:
        forms.append(word[:-1])
    return forms


@dataclass(frozen=True)
class ParsedQuery:
    """A visitor's query as the engines see it: groups of alternatives, every group needed."""

    text: str
    groups: tuple[tuple[str, ...], ...]
    words: tuple[str, ...]  # the visitor's own words that count, for suggestions

    def __bool__(self) -> bool:
        return bool(self.groups)


def parse_query(text: str) -> ParsedQuery:
    """Give the query's words (folded, common words dropped), each widened to its synonyms."""
    text = text[:MAX_QUERY_LENGTH].strip()
    stop_words = set(vocabulary().stop_words)
    lookup = _synonym_lookup()
    groups: list[tuple[str, ...]] = []
    words: list[str] = []
    for word in WORD.findall(fold(text)):
        if word in stop_words or word in words:
            continue
        words.append(word)
        synonyms = next((lookup[form] for form in _singular_forms(word) if form in lookup), ())
        groups.append((word, *(synonym for synonym in synonyms if synonym != word)))
        if len(words) == MAX_WORDS:
            break
    return ParsedQuery(text=text, groups=tuple(groups), words=tuple(words))


def named_role(query: ParsedQuery, roles: list[tuple[str, str]]) -> str:
    """Give the slug of the role whose whole title the query names (the longest such title), or ""."""
    said = {form for word in query.words for form in _singular_forms(word)}
    best, best_length = "", 0
    for slug, title in roles:
        title_words = WORD.findall(fold(title))
        if title_words and all(word in said for word in title_words) and len(title_words) > best_length:
            best, best_length = slug, len(title_words)
    return best


def _without_role_words(query: ParsedQuery, role_title: str) -> ParsedQuery:
    title_words = set(WORD.findall(fold(role_title)))
    kept = [
        (word, group)
        for word, group in zip(query.words, query.groups, strict=True)
        if not title_words.intersection(_singular_forms(word))
    ]
    if not kept:
        return query
    return ParsedQuery(
        text=query.text, groups=tuple(group for _, group in kept), words=tuple(word for word, _ in kept)
    )


# --- Documents: what can be found, and where it is ---------------------------------------------


@dataclass(frozen=True)
class Document:
    key: str
    kind: str
    title: str
    body: str
    url: str
    role_slug: str = ""
    role_title: str = ""


def _text(*parts) -> str:
    flat: list[str] = []
    for part in parts:
        if isinstance(part, list | tuple):
            flat.extend(str(item) for item in part if item)
        elif part:
            flat.append(str(part))
    return " ".join(flat)


def _figure_sentence(statistic: content.Statistic) -> str:
    """Give a figure as the role page words it: label, value, whose figure and when."""
    sentence = f"{statistic.label}: {statistic.display_value}"
    if statistic.attribution:
        sentence += f", according to {statistic.attribution}"
    if statistic.period:
        sentence += f" ({statistic.period})"
    return sentence + "."


def build_documents() -> list[Document]:
    """Give every searchable place on the site, read through the content QuerySets."""
    documents: list[Document] = []
    add = documents.append
    for role in content.Role.objects.for_guide():
        page = role.get_absolute_url()
        about = {"role_slug": role.slug, "role_title": role.title}
        add(
            Document(
                f"role-{role.pk}",
                Kind.ROLE,
                role.title,
                _text(role.summary, role.what_they_do),
                page,
                **about,
            )
        )
        for step in role.steps.all():
            add(
                Document(
                    f"step-{step.pk}",
                    Kind.STEP,
                    f"Step {step.number}: {step.title}",
                    _text(step.body),
                    reverse("roadmap:step", args=[role.slug, step.number]),
                    **about,
                )
            )
        for group in role.responsibility_groups.all():
            items = [item.text for item in group.items.all()]
            add(
                Document(
                    f"duties-{group.pk}",
                    Kind.DUTIES,
                    group.title,
                    _text(items),
                    f"{page}#duties-{group.order}",
                    **about,
                )
            )
        for skill in role.skills.all():
            add(
                Document(
                    f"skill-{skill.pk}",
                    Kind.SKILL,
                    skill.name,
                    skill.description,
                    f"{page}#skill-{skill.order}",
                    **about,
                )
            )
        for stage in role.career_stages.all():
            tips = [f"{tip.title}: {tip.text}" for tip in stage.tips.all()]
            add(
                Document(
                    f"stage-{stage.pk}",
                    Kind.CAREER_STAGE,
                    f"{stage.label}: {' or '.join(stage.positions)}",
                    _text(stage.description, tips),
                    f"{page}#stage-{stage.order}",
                    **about,
                )
            )
        levels = list(role.salary_levels.all())
        if levels:
            add(
                Document(
                    f"salary-{role.pk}",
                    Kind.SALARY,
                    f"{role.title} salary",
                    _text(
                        [f"{level.title}: {level.span} a year." for level in levels],
                        [_figure_sentence(statistic) for statistic in role.pay_statistics()],
                    ),
                    f"{page}#salary-ladder",
                    **about,
                )
            )
        for level in levels:
            add(
                Document(
                    f"level-{level.pk}",
                    Kind.SALARY_LEVEL,
                    f"{level.title}: {level.span}",
                    _text(level.experience and f"{level.experience} of experience.", level.description),
                    f"{page}#salary-ladder",
                    **about,
                )
            )
        for statement in role.requirements.all():
            add(
                Document(
                    f"requirement-{statement.pk}",
                    Kind.REQUIREMENT,
                    statement.get_aspect_display(),
                    statement.text,
                    f"{page}#requirements-{statement.aspect}",
                    **about,
                )
            )
        if role.work_environment:
            add(
                Document(
                    f"environment-{role.pk}",
                    Kind.WORK_ENVIRONMENT,
                    f"{role.title} work environment",
                    _text(role.work_environment),
                    f"{page}#work-environment",
                    **about,
                )
            )
        for specialisation in role.specialisations.all():
            add(
                Document(
                    f"specialisation-{specialisation.pk}",
                    Kind.SPECIALISATION,
                    specialisation.name,
                    specialisation.description,
                    f"{page}#specialisation-{specialisation.order}",
                    **about,
                )
            )
        for faq in role.faqs.all():
            add(
                Document(
                    f"faq-{faq.pk}",
                    Kind.FAQ,
                    faq.question,
                    _text(faq.answer),
                    f"{page}#faq-{faq.order}",
                    **about,
                )
            )
    field_page = reverse("roadmap:case-management")
    for certification in content.Certification.objects.for_detail():
        page = certification.get_absolute_url()
        add(
            Document(
                f"certification-{certification.pk}",
                Kind.CERTIFICATION,
                f"{certification.code}: {certification.name}",
                _text(
                    certification.organization.name,
                    certification.summary,
                    certification.suits,
                    [statement.text for statement in certification.statements.all()],
                ),
                page,
            )
        )
        for path in certification.eligibility.all():
            add(
                Document(
                    f"path-{path.pk}",
                    Kind.ELIGIBILITY,
                    f"{certification.code}: {path.name}",
                    _text([_text(rule.get("text"), rule.get("note")) for rule in path.requirements]),
                    f"{page}#path-{path.pk}",
                )
            )
    for definition in content.Definition.objects.all():
        add(
            Document(
                f"definition-{definition.pk}",
                Kind.FIELD,
                definition.term,
                _text(definition.text, definition.attribution),
                f"{field_page}#definition-{definition.slug}",
            )
        )
    phases = list(content.ProcessPhase.objects.all())
    if phases:
        add(
            Document(
                "process",
                Kind.FIELD,
                "The case management process",
                _text([f"{phase.name}: {phase.description}" for phase in phases]),
                f"{field_page}#process-heading",
            )
        )
    for manager_type in content.CaseManagerType.objects.all():
        add(
            Document(
                f"type-{manager_type.pk}",
                Kind.FIELD,
                manager_type.name,
                _text(manager_type.description, manager_type.populations),
                f"{field_page}#type-{manager_type.slug}",
            )
        )
    for statistic in content.Statistic.objects.select_related("role"):
        body = _text(statistic.display_value, statistic.period, statistic.attribution)
        if statistic.role_id and statistic.kind != content.Statistic.Kind.AVERAGE_PAY:
            add(
                Document(
                    f"figure-{statistic.pk}",
                    Kind.FIGURE,
                    statistic.label,
                    body,
                    f"{statistic.role.get_absolute_url()}#outlook",
                    statistic.role.slug,
                    statistic.role.title,
                )
            )
        elif not statistic.role_id:
            add(
                Document(
                    f"figure-{statistic.pk}",
                    Kind.FIGURE,
                    statistic.label,
                    body,
                    f"{field_page}#figures-heading",
                )
            )
    for organization in content.Organization.objects.all():
        add(
            Document(
                f"organization-{organization.pk}",
                Kind.FIELD,
                str(organization),
                organization.description,
                f"{field_page}#organizations-heading",
            )
        )
    sources_page = reverse("roadmap:sources")
    for source in content.Source.objects.all():
        add(
            Document(
                f"source-{source.pk}",
                Kind.SOURCE,
                source.title,
                _text(source.get_kind_display(), source.note),
                f"{sources_page}#{source.anchor}",
            )
        )
    return documents


# --- Results -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Hit:
    key: str
    kind: str
    url: str
    role_slug: str
    role_title: str
    title_marked: str  # the title with START/STOP around matched words
    snippet_marked: str

    @property
    def kind_label(self) -> str:
        return Kind.LABELS.get(self.kind, self.kind)

    @property
    def title_html(self) -> SafeString:
        return highlighted(self.title_marked)

    @property
    def snippet_html(self) -> SafeString:
        return highlighted(self.snippet_marked)

    @property
    def title(self) -> str:
        return self.title_marked.replace(START, "").replace(STOP, "")

    @property
    def snippet(self) -> str:
        return self.snippet_marked.replace(START, "").replace(STOP, "")


def highlighted(marked: str) -> SafeString:
    """Give engine output as HTML: everything escaped, then the markers turned into <mark>."""
    html = str(escape(marked.replace("\x00", "")))
    # Markers the engine left unbalanced (a cut snippet) must not leave an open tag.
    parts: list[str] = []
    open_mark = False
    for piece in re.split(f"([{START}{STOP}])", html):
        if piece == START and not open_mark:
            parts.append("<mark>")
            open_mark = True
        elif piece == STOP and open_mark:
            parts.append("</mark>")
            open_mark = False
        elif piece not in (START, STOP):
            parts.append(piece)
    if open_mark:
        parts.append("</mark>")
    return mark_safe("".join(parts))


@dataclass
class Results:
    query: ParsedQuery
    kind: str
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    all_words: bool = True  # False: nothing matched every word, so these match some of them
    role_slug: str = ""


# --- The engines --------------------------------------------------------------------------------


def _fts5_term(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def fts5_expression(groups: tuple[tuple[str, ...], ...], all_groups: bool) -> str:
    """Give an FTS5 MATCH expression: each word a quoted string, so no word is an operator."""
    ors = ["(" + " OR ".join(_fts5_term(term) for term in group) + ")" for group in groups]
    return (" AND " if all_groups else " OR ").join(ors)


class SqliteIndex:
    """SQLite FTS5 in this process's memory, built from the content."""

    COLUMNS = ("title", "role_title", "body")
    # bm25 weights for title, role title and body: a word in a title counts most.
    WEIGHTS = (10.0, 4.0, 1.0)

    def __init__(self, documents: list[Document]):
        self.roles = sorted({(doc.role_slug, doc.role_title) for doc in documents if doc.role_slug})
        self.database = sqlite3.connect(":memory:", check_same_thread=False)
        self.lock = threading.Lock()
        self.database.execute(
            "CREATE VIRTUAL TABLE document USING fts5("
            "title, role_title, body, key UNINDEXED, kind UNINDEXED, role_slug UNINDEXED, url UNINDEXED, "
            "position UNINDEXED, tokenize = 'porter unicode61 remove_diacritics 2')"
        )
        self.database.executemany(
            "INSERT INTO document (title, role_title, body, key, kind, role_slug, url, position)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (doc.title, doc.role_title, doc.body, doc.key, doc.kind, doc.role_slug, doc.url, position)
                for position, doc in enumerate(documents)
            ],
        )

    def search(
        self, query: ParsedQuery, *, all_groups: bool, kind: str, role_slug: str, first_kind: str, limit: int
    ):
        expression = fts5_expression(query.groups, all_groups)
        in_title = "title : (" + fts5_expression(query.groups, all_groups=False) + ")"
        kind_filter = " AND kind = :kind" if kind else ""
        weights = ", ".join(str(weight) for weight in self.WEIGHTS)
        parameters = {
            "match": expression,
            "in_title": in_title,
            "kind": kind,
            "role": role_slug,
            "first_kind": first_kind,
            "limit": limit,
            "start": START,
            "stop": STOP,
        }
        with self.lock:
            total = self.database.execute(
                f"SELECT count(*) FROM document WHERE document MATCH :match{kind_filter}", parameters
            ).fetchone()[0]
            rows = self.database.execute(
                "SELECT key, kind, url, role_slug, role_title, highlight(document, 0, :start, :stop),"
                " snippet(document, 2, :start, :stop, '…', 28)"
                f" FROM document WHERE document MATCH :match{kind_filter}"
                " ORDER BY (:role != '' AND role_slug = :role) DESC, kind = :first_kind DESC,"
                " rowid IN (SELECT rowid FROM document WHERE document MATCH :in_title) DESC,"
                f" bm25(document, {weights}), position LIMIT :limit",
                parameters,
            ).fetchall()
        return total, [Hit(*row) for row in rows]


class PostgresIndex:
    """PostgreSQL full-text search over the SearchDocument table ('english' configuration)."""

    CONFIG = "english"

    def __init__(self, roles: list[tuple[str, str]]):
        self.roles = roles

    @staticmethod
    def rebuild(documents: list[Document], version: content_version.Version) -> None:
        from django.contrib.postgres.search import SearchVector

        from roadmap.models import SearchDocument

        with transaction.atomic(), connection.cursor() as cursor:
            # One process rebuilds; the others wait, then find the state current.
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext('roadmap.search'))")
            if not _needs_rebuild(version):
                return
            stamp = _postgres_stamp(version)
            SearchDocument.objects.all().delete()
            SearchDocument.objects.bulk_create(
                SearchDocument(
                    stamp=stamp,
                    key=doc.key,
                    position=position,
                    kind=doc.kind,
                    role_slug=doc.role_slug,
                    role_title=doc.role_title,
                    title=doc.title,
                    body=doc.body,
                    url=doc.url,
                    title_folded=fold(doc.title),
                    body_folded=fold(doc.body),
                )
                for position, doc in enumerate(documents)
            )
            SearchDocument.objects.update(
                vector=SearchVector("title_folded", weight="A", config=PostgresIndex.CONFIG)
                + SearchVector("role_title", weight="B", config=PostgresIndex.CONFIG)
                + SearchVector("body_folded", weight="D", config=PostgresIndex.CONFIG),
                title_vector=SearchVector("title_folded", config=PostgresIndex.CONFIG),
            )

    def _query(self, query: ParsedQuery, all_groups: bool):
        from django.contrib.postgres.search import SearchQuery

        combined = None
        for group in query.groups:
            alternatives = None
            for term in group:
                one = SearchQuery(term, search_type="plain", config=self.CONFIG)
                alternatives = one if alternatives is None else alternatives | one
            if combined is None:
                combined = alternatives
            else:
                combined = combined & alternatives if all_groups else combined | alternatives
        return combined

    def search(
        self, query: ParsedQuery, *, all_groups: bool, kind: str, role_slug: str, first_kind: str, limit: int
    ):
        from django.contrib.postgres.search import SearchHeadline, SearchRank
        from django.db.models import Case, Count, F, IntegerField, Value, When, Window

        from roadmap.models import SearchDocument

        search_query = self._query(query, all_groups)
        any_word = self._query(query, all_groups=False)
        matches = SearchDocument.objects.filter(vector=search_query)
        if kind:
            matches = matches.filter(kind=kind)
        rows = list(
            matches.annotate(
                total=Window(Count("pk")),
                rank=SearchRank(F("vector"), search_query, normalization=Value(1)),
                named_role=Case(
                    When(role_slug=role_slug or None, then=1), default=0, output_field=IntegerField()
                ),
                in_title=Case(When(title_vector=any_word, then=1), default=0, output_field=IntegerField()),
                first_kind=Case(
                    When(kind=first_kind or None, then=1), default=0, output_field=IntegerField()
                ),
                title_marked=SearchHeadline(
                    "title",
                    search_query,
                    config=self.CONFIG,
                    start_sel=START,
                    stop_sel=STOP,
                    highlight_all=True,
                ),
                snippet_marked=SearchHeadline(
                    "body",
                    search_query,
                    config=self.CONFIG,
                    start_sel=START,
                    stop_sel=STOP,
                    max_words=30,
                    min_words=15,
                    max_fragments=1,
                    fragment_delimiter="…",
                ),
            )
            .order_by("-named_role", "-first_kind", "-in_title", "-rank", "position")
            .values_list(
                "total", "key", "kind", "url", "role_slug", "role_title", "title_marked", "snippet_marked"
            )[:limit]
        )
        total = rows[0][0] if rows else 0
        return total, [Hit(*row[1:]) for row in rows]


class _Built:
    """This process's index and the content version it was built from."""

    lock = threading.Lock()
    stamp: tuple | None = None
    index: SqliteIndex | PostgresIndex | None = None


def _postgres_stamp(version: content_version.Version) -> str:
    return f"{version.number}@{version.changed_at.isoformat()}"


def queries_per_search() -> int:
    """Give the database queries a search that finds something makes, once its index is built."""
    return 1 if connection.vendor == "postgresql" else 0


def _stamp(version: content_version.Version) -> tuple:
    return (connection.vendor, version.number, version.changed_at)


def current_index() -> SqliteIndex | PostgresIndex:
    """Give a search index built from the content version this process serves, building it if needed."""
    version = content_version.current()
    if connection.vendor == "postgresql":
        return _postgres_index(version)
    stamp = _stamp(version)
    if _Built.stamp != stamp or _Built.index is None:
        with _Built.lock:
            if _Built.stamp != stamp or _Built.index is None:
                _Built.index = SqliteIndex(build_documents())
                _Built.stamp = stamp
    return _Built.index


def _postgres_index(version: content_version.Version) -> PostgresIndex:
    stamp = _stamp(version)
    if _Built.stamp != stamp or not isinstance(_Built.index, PostgresIndex):
        # First search since this process moved to another content version.
        _ensure_postgres_documents(version)
        roles = list(content.Role.objects.values_list("slug", "title"))
        _Built.index = PostgresIndex(roles)
        _Built.stamp = stamp
    return _Built.index


def _needs_rebuild(version: content_version.Version) -> bool:
    """Say whether the shared table was built from older content than this version.

    A process that has not yet read a newer version must not put its older view back, so two
    processes never rebuild in turns; it waits (at most CONTENT_CHECK_SECONDS) to catch up.
    """
    from roadmap.models import SearchDocument

    built = SearchDocument.objects.values_list("stamp", flat=True).first()
    if built is None:
        return True
    if built == _postgres_stamp(version):
        return False
    return int(built.split("@", 1)[0]) <= version.number


def _ensure_postgres_documents(version: content_version.Version) -> bool:
    """Rebuild the shared table if it holds older content than this version; say whether it did.

    Asked when a process moves to a new content version, and when a search finds nothing (a
    rolled-back transaction may have emptied the table), so a search that finds something costs
    one query.
    """
    if not _needs_rebuild(version):
        return False
    PostgresIndex.rebuild(build_documents(), version)
    return True


def search(text: str, *, kind: str = "", limit: int = RESULTS_LIMIT) -> Results:
    """Give the ranked places matching a visitor's query (every word, or else any word)."""
    query = parse_query(text)
    kind = kind if kind in Kind.LABELS else ""
    results = Results(query=query, kind=kind)
    if not query:
        return results
    index = current_index()
    results.role_slug = named_role(query, index.roles)
    first_kind = ""
    if results.role_slug:
        # The role's own words choose whose results come first; as search words they would
        # favour any text that repeats the role's name over the thing asked about.
        query = _without_role_words(query, dict(index.roles)[results.role_slug])
        # A query that is only a role's name is looking for that role's guide.
        first_kind = Kind.ROLE if query == results.query else ""
    options = {"kind": kind, "role_slug": results.role_slug, "first_kind": first_kind, "limit": limit}
    results.total, results.hits = index.search(query, all_groups=True, **options)
    if (
        not results.hits
        and isinstance(index, PostgresIndex)
        and _ensure_postgres_documents(content_version.current())
    ):
        results.total, results.hits = index.search(query, all_groups=True, **options)
    if not results.hits and len(query.groups) > 1:
        results.total, results.hits = index.search(query, all_groups=False, **options)
        results.all_words = False
    return results


def forget_index() -> None:
    """Make the next search rebuild this process's index (tests that change content use it)."""
    with _Built.lock:
        _Built.stamp = None
        _Built.index = None
