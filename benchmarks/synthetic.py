"""A synthetic corpus for scale benchmarks: the real facts replicated over N subjects × L languages.

    python benchmarks/synthetic.py OUT [--facts 5000] [--subjects 40] [--languages ar,en,ru]

Copies briefs/ to OUT and adds replicas of every fact (with its people and
conflicts) until the corpus holds about --facts facts. Each replica speaks
about synthetic subject countries (two-letter codes no real country uses),
spread round-robin, so a country brief stays about the size of a real one
while the corpus grows, as when a ministry adds countries. --languages picks
the brief languages (those with a catalog in templates/locale). The result
validates (`briefgen facts validate --data OUT`) and builds like the real one.
"""

from __future__ import annotations

import argparse
import itertools
import shutil
import string
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def _letters(n: int) -> str:
    """0 → 'a', 25 → 'z', 26 → 'ba': suffixes for ids that allow letters only."""
    out = ""
    while True:
        out = string.ascii_lowercase[n % 26] + out
        n //= 26
        if n == 0:
            return out


def _load(path: Path):
    return yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):
    """Every value written out where it is used: briefgen refuses YAML aliases (*name) in its data,
    and replicas share their unchanged values with the fact they copy."""

    def ignore_aliases(self, data) -> bool:
        return True


def _dump(path: Path, data) -> None:
    path.write_text(yaml.dump(data, allow_unicode=True, sort_keys=False, Dumper=_Dumper), encoding="utf-8")


def generate(out: Path, facts: int = 5000, subjects: int = 40, languages: list[str] | None = None) -> Path:
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(ROOT / "briefs", out)
    countries = _load(out / "reference" / "countries.yaml")
    people = _load(out / "reference" / "people.yaml")
    real_subjects = [c["code"] for c in countries if c.get("subject")]
    used = {c["code"] for c in countries}
    spare = (a + b for a, b in itertools.product(string.ascii_uppercase, repeat=2) if a + b not in used and a in "QX")
    extra = []
    for index in range(max(0, subjects - len(real_subjects))):
        code = next(spare)
        extra.append(code)
        countries.append({"code": code, "subject": True,
                          "name": {"ar": f"البلد {code}", "en": f"Country {code}", "ru": f"Страна {code}"}})
    subject_codes = real_subjects + extra
    fact_files = sorted(p for p in (out / "facts").glob("*.yaml") if p.name != "conflicts.yaml")
    originals = {p: _load(p) for p in fact_files}
    conflicts = _load(out / "facts" / "conflicts.yaml") or []
    real_count = sum(len(v) for v in originals.values())
    replicas = max(0, -(-facts // real_count) - 1)
    new_people, new_conflicts = [], []
    for k in range(1, replicas + 1):
        suffix = _letters(k)
        # Replica k moves each real subject country to another subject, round-robin over all of them.
        moved = {code: subject_codes[(i + k * len(real_subjects)) % len(subject_codes)]
                 for i, code in enumerate(real_subjects)}
        for person in people[: len([p for p in people if "_r" not in p["id"]])]:
            copy = dict(person, id=f"{person['id']}_r{suffix}")
            if copy.get("country") in moved:
                copy["country"] = moved[copy["country"]]
            new_people.append(copy)
        for path, items in originals.items():
            copies = []
            for fact in items:
                copy = dict(fact, id=f"{fact['id']}-r{k}")
                copy["countries"] = list(dict.fromkeys(moved.get(c, c) for c in fact["countries"]))
                if fact.get("speaker"):
                    copy["speaker"] = f"{fact['speaker']}_r{suffix}"
                copies.append(copy)
            _dump(out / "facts" / f"{path.stem}-r{k}.yaml", copies)
        for conflict in conflicts:
            claims = [dict(claim, fact=f"{claim['fact']}-r{k}") for claim in conflict["claims"]]
            new_conflicts.append(dict(conflict, id=f"{conflict['id']}-r{k}", claims=claims))
    _dump(out / "reference" / "countries.yaml", countries)
    _dump(out / "reference" / "people.yaml", people + new_people)
    _dump(out / "facts" / "conflicts.yaml", conflicts + new_conflicts)
    if languages:
        briefs = _load(out / "briefs.yaml")
        briefs["languages"] = languages
        _dump(out / "briefs.yaml", briefs)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--facts", type=int, default=5000)
    parser.add_argument("--subjects", type=int, default=40)
    parser.add_argument("--languages", default="ar,en,ru")
    options = parser.parse_args()
    generate(options.out, options.facts, options.subjects, options.languages.split(","))
    print(options.out)


if __name__ == "__main__":
    main()
