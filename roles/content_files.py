"""Where the content files live and how they are read and written, byte for byte."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from roles.schema import CertificationsFile, FieldFile, RoleFile, SourcesFile

SOURCES_FILE = "sources.yaml"
CERTIFICATIONS_FILE = "certifications.yaml"
FIELD_FILE = "field.yaml"
ROLES_DIR = "roles"
# The largest real content file is about 35 KB.
MAX_FILE_BYTES = 1_000_000

T = TypeVar("T", bound=BaseModel)


class ContentError(Exception):
    """A content file that cannot be loaded; the message names the file and the field path."""


@dataclass
class ContentBundle:
    sources: SourcesFile
    roles: dict[str, RoleFile]  # keyed by file path relative to the content folder
    certifications: CertificationsFile
    field: FieldFile


def read_bundle(content_dir: Path) -> ContentBundle:
    """Give every content file parsed and validated, or raise ContentError naming the first bad one."""
    content_dir = Path(content_dir)
    role_paths = sorted((content_dir / ROLES_DIR).glob("*.yaml"))
    if not role_paths:
        raise ContentError(f"{content_dir / ROLES_DIR}: no role files (*.yaml) found")
    return ContentBundle(
        sources=_read(content_dir, SOURCES_FILE, SourcesFile),
        roles={
            f"{ROLES_DIR}/{path.name}": _read(content_dir, f"{ROLES_DIR}/{path.name}", RoleFile)
            for path in role_paths
        },
        certifications=_read(content_dir, CERTIFICATIONS_FILE, CertificationsFile),
        field=_read(content_dir, FIELD_FILE, FieldFile),
    )


def _read(content_dir: Path, name: str, schema: type[T]) -> T:
    path = content_dir / name
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            # Refused before parsing: a huge file would take minutes and gigabytes to parse.
            raise ContentError(
                f"{name}: the file is {size:,} bytes, "
                f"more than the {MAX_FILE_BYTES:,} bytes a content file may hold"
            )
        # safe_load builds plain data only: a !!python/object tag is an error, never code.
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ContentError(f"{name}: file not found in {content_dir}") from None
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise ContentError(f"{name}: not valid YAML: {error}") from None
    try:
        return schema.model_validate(raw)
    except ValidationError as error:
        raise ContentError(describe_errors(name, error)) from None


def describe_errors(name: str, error: ValidationError) -> str:
    """Give one line per problem, each as `file: field.path: message`."""
    lines = []
    for problem in error.errors():
        parts = [str(part) for part in problem["loc"]]
        message = problem["msg"].removeprefix("Value error, ")
        located = re.match(r"at ([\w.]+): (.*)", message)
        if located:
            parts.append(located.group(1))
            message = located.group(2)
        path = ".".join(parts) or "(top level)"
        lines.append(f"{name}: {path}: {message}")
    return "\n".join(lines)


def dump_yaml(model: BaseModel) -> str:
    """Give the file text for a schema model: the one canonical form export writes."""
    data = model.model_dump(mode="json", exclude_defaults=True)
    return yaml.dump(
        data,
        Dumper=yaml.SafeDumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=100,
        indent=2,
    )
