"""Reads the shipped catalogue from `data/*.json` (see FORMAT.md) into the catalogue tables.

`catalogue_load()` is idempotent: unchanged capabilities are left alone, changed ones get the
new content and a higher `revision` (organisations that adopted them are offered the update),
new ones are added. It runs from a data migration and from `manage.py load_catalogue`.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.utils import timezone

DATA_DIR = Path(__file__).resolve().parent / "data"
LEVELS = (1, 2, 3, 4, 5)
LIST_FIELDS = ("skills", "knowledge", "behaviours", "tools", "processes")
_KEY = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class CatalogueError(ValueError):
    """The shipped data breaks a rule of FORMAT.md."""


@dataclass
class LoadResult:
    categories: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0


def read_catalogue(data_dir: Path = DATA_DIR) -> list[dict]:
    """The catalogue files, validated; raises CatalogueError naming every problem."""
    problems: list[str] = []
    documents = []
    keys: set[str] = set()
    names: set[str] = set()
    for path in sorted(data_dir.glob("*.json")):
        document = json.loads(path.read_text(encoding="utf-8"))
        documents.append(document)
        category = document["category"]
        if not _KEY.match(category["key"]) or category["key"] != path.stem:
            problems.append(f"{path.name}: category key {category['key']!r} must match the file")
        for item in document["capabilities"]:
            where = f"{path.name}: {item.get('key')!r}"
            if not _KEY.match(item.get("key", "")):
                problems.append(f"{where}: key is not lowercase kebab-case")
            if item["key"] in keys:
                problems.append(f"{where}: duplicate key")
            if item["name"].lower() in names:
                problems.append(f"{where}: duplicate name {item['name']!r}")
            keys.add(item["key"])
            names.add(item["name"].lower())
            if not item.get("description"):
                problems.append(f"{where}: description missing")
            for field in LIST_FIELDS:
                if not 2 <= len(item.get(field, [])) <= 5:
                    problems.append(f"{where}: {field} needs 2 to 5 entries")
            if not 1 <= len(item.get("tags", [])) <= 5:
                problems.append(f"{where}: tags needs 1 to 5 entries")
            levels = [level["level"] for level in item.get("levels", [])]
            if tuple(levels) != LEVELS:
                problems.append(f"{where}: levels must be exactly 1..5, got {levels}")
            for level in item.get("levels", []):
                if not level.get("descriptor", "").strip():
                    problems.append(f"{where}: level {level['level']} has no descriptor")
                indicators = level.get("indicators", [])
                if not 2 <= len(indicators) <= 4 or not all(i.strip() for i in indicators):
                    problems.append(f"{where}: level {level['level']} needs 2 to 4 indicators")
    if problems:
        raise CatalogueError("; ".join(problems))
    return documents


def _content_hash(category_key: str, item: dict) -> str:
    payload = {"category": category_key, **item}
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


@transaction.atomic
def catalogue_load(
    *, category_model=None, capability_model=None, level_model=None, data_dir: Path = DATA_DIR
) -> LoadResult:
    """Create or update the catalogue tables from the data files (models are injectable so a
    migration can pass its historical models)."""
    if category_model is None:
        from capabilities.models import CatalogueCapability, CatalogueCategory, CatalogueLevel

        category_model, capability_model, level_model = (
            CatalogueCategory,
            CatalogueCapability,
            CatalogueLevel,
        )
    documents = read_catalogue(data_dir)
    result = LoadResult()
    existing = {c.key: c for c in capability_model.objects.all()}
    now = timezone.now()
    for position, document in enumerate(documents):
        data = document["category"]
        category, _ = category_model.objects.update_or_create(
            key=data["key"],
            defaults={
                "name": data["name"],
                "description": data.get("description", ""),
                "position": position,
            },
        )
        result.categories += 1
        for index, item in enumerate(document["capabilities"]):
            digest = _content_hash(category.key, item)
            capability = existing.get(item["key"])
            if capability is not None and capability.content_hash == digest:
                if capability.position != index:
                    capability.position = index
                    capability.save(update_fields=["position"])
                result.unchanged += 1
                continue
            fields = {
                "category": category,
                "name": item["name"],
                "description": item["description"],
                "tags": item.get("tags", []),
                "position": index,
                "content_hash": digest,
                "updated_at": now,
                **{field: item.get(field, []) for field in LIST_FIELDS},
            }
            if capability is None:
                capability = capability_model.objects.create(key=item["key"], **fields)
                result.created += 1
            else:
                for name, value in fields.items():
                    setattr(capability, name, value)
                capability.revision += 1
                capability.save()
                capability.levels.all().delete()
                result.updated += 1
            level_model.objects.bulk_create(
                level_model(
                    capability=capability,
                    level=level["level"],
                    descriptor=level["descriptor"],
                    indicators=level["indicators"],
                )
                for level in item["levels"]
            )
    return result
