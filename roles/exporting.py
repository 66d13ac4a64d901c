"""Write the database's content back to the content files, in the one canonical form."""

from __future__ import annotations

from pathlib import Path

from django.db import transaction

from roles import content_sync
from roles import models as content
from roles.content_files import CERTIFICATIONS_FILE, FIELD_FILE, ROLES_DIR, SOURCES_FILE, dump_yaml
from roles.models import ContentSync
from roles.schema import (
    CertificationsFile,
    FieldFile,
    RoleFile,
    SourcesFile,
)


def export_files() -> dict[str, str]:
    """Give every content file's text, keyed by its path relative to the content folder."""
    files = {SOURCES_FILE: dump_yaml(_sources_file())}
    for role in content.Role.objects.for_guide():
        files[f"{ROLES_DIR}/{role.slug}.yaml"] = dump_yaml(_role_file(role))
    files[CERTIFICATIONS_FILE] = dump_yaml(_certifications_file())
    files[FIELD_FILE] = dump_yaml(_field_file())
    return files


def export_content(content_dir: Path | str, user=None) -> list[Path]:
    """Write every content file into `content_dir`, removing role files of deleted roles.

    Notes the export (roles/content_sync.py), so load_content knows these edits are in the files.
    """
    content_dir = Path(content_dir)
    with transaction.atomic():
        # Read the content and its version together, so an edit saved meanwhile counts as unexported.
        files = export_files()
        version = content_sync.version_number()
    (content_dir / ROLES_DIR).mkdir(parents=True, exist_ok=True)
    for stale in (content_dir / ROLES_DIR).glob("*.yaml"):
        if f"{ROLES_DIR}/{stale.name}" not in files:
            stale.unlink()
    written = []
    for name, text in files.items():
        path = content_dir / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    content_sync.record(ContentSync.Kind.EXPORTED, content_dir, user=user, version=version)
    return written


def _sources_file() -> SourcesFile:
    return SourcesFile.model_validate(
        {
            "sources": [
                {
                    "code": s.code,
                    "title": s.title,
                    "short_title": s.short_title,
                    "kind": s.kind,
                    "url": s.url,
                    "read_on": s.read_on,
                    "note": s.note,
                }
                for s in content.Source.objects.order_by("pk")
            ],
            "organizations": [
                {
                    "slug": o.slug,
                    "name": o.name,
                    "abbreviation": o.abbreviation,
                    "description": o.description,
                    "source": o.source.code,
                }
                for o in content.Organization.objects.select_related("source").order_by("pk")
            ],
        }
    )


def _role_file(role: content.Role) -> RoleFile:
    return RoleFile.model_validate(
        {
            "role": {
                "slug": role.slug,
                "title": role.title,
                "order": role.order,
                "summary": role.summary,
                "what_they_do": role.what_they_do,
                "work_environment": role.work_environment,
                "conclusion": role.conclusion,
                "source": role.source.code,
                "steps": [
                    {
                        "key": s.key,
                        "number": s.number,
                        "title": s.title,
                        "body": s.body,
                        "covered_when": s.covered_when,
                        "source": s.source.code,
                    }
                    for s in role.steps.all()
                ],
                "responsibility_groups": [
                    {"title": g.title, "items": [i.text for i in g.items.all()], "source": g.source.code}
                    for g in role.responsibility_groups.all()
                ],
                "skills": [
                    {"name": s.name, "description": s.description, "source": s.source.code}
                    for s in role.skills.all()
                ],
                "career_ladder": [
                    {
                        "label": s.label,
                        "positions": s.positions,
                        "description": s.description,
                        "tips": [{"title": t.title, "text": t.text} for t in s.tips.all()],
                        "source": s.source.code,
                    }
                    for s in role.career_stages.all()
                ],
                "salary_ladder": [
                    {
                        "title": s.title,
                        "low": s.low,
                        "high": s.high,
                        "open_ended": s.open_ended,
                        "years_min": s.years_min,
                        "years_max": s.years_max,
                        "description": s.description,
                        "source": s.source.code,
                    }
                    for s in role.salary_levels.all()
                ],
                "faqs": [
                    {"question": f.question, "answer": f.answer, "topic": f.topic, "source": f.source.code}
                    for f in role.faqs.all()
                ],
                "requirements": [
                    {"aspect": r.aspect, "text": r.text, "rule": r.rule, "source": r.source.code}
                    for r in role.requirements.all()
                ],
                "specialisations": [
                    {
                        "slug": s.slug,
                        "name": s.name,
                        "description": s.description,
                        "populations": s.populations,
                        "source": s.source.code,
                    }
                    for s in role.specialisations.all()
                ],
            }
        }
    )


def _certifications_file() -> CertificationsFile:
    return CertificationsFile.model_validate(
        {
            "certifications": [
                {
                    "slug": c.slug,
                    "code": c.code,
                    "name": c.name,
                    "organization": c.organization.slug,
                    "order": c.order,
                    "summary": c.summary,
                    "suits": c.suits,
                    "roles": [r.slug for r in sorted(c.roles.all(), key=lambda r: (r.order, r.slug))],
                    "source": c.source.code,
                    "statements": [{"text": s.text, "source": s.source.code} for s in c.statements.all()],
                    "eligibility": [
                        {
                            "key": p.key,
                            "name": p.name,
                            "requirements": p.requirements,
                            "source": p.source.code,
                        }
                        for p in c.eligibility.all()
                    ],
                }
                for c in content.Certification.objects.for_detail()
            ]
        }
    )


def _field_file() -> FieldFile:
    return FieldFile.model_validate(
        {
            "definitions": [
                {
                    "slug": d.slug,
                    "term": d.term,
                    "text": d.text,
                    "attribution": d.attribution,
                    "quotation": d.quotation,
                    "source": d.source.code,
                }
                for d in content.Definition.objects.select_related("source")
            ],
            "process_phases": [
                {"name": p.name, "description": p.description, "source": p.source.code}
                for p in content.ProcessPhase.objects.select_related("source")
            ],
            "case_manager_types": [
                {
                    "slug": t.slug,
                    "name": t.name,
                    "description": t.description,
                    "populations": t.populations,
                    "source": t.source.code,
                }
                for t in content.CaseManagerType.objects.select_related("source")
            ],
            "statistics": [
                {
                    "kind": s.kind,
                    "label": s.label,
                    "value": float(s.value),
                    "unit": s.unit,
                    "period": s.period,
                    "attribution": s.attribution,
                    "role": s.role.slug if s.role else None,
                    "source": s.source.code,
                }
                for s in content.Statistic.objects.select_related("source", "role")
            ],
        }
    )
