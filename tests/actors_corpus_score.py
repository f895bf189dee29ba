"""Scoring actor mentions and places against the example corpus gold (used by
tests/test_actors_corpus.py; run it directly to list the misses)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dateline.models import AnnotatedDocument, Document
from dateline.pipeline import Pipeline

REPO = Path(__file__).resolve().parents[1]
GOLD = REPO / "examples" / "gold" / "corpus.gold.json"


@dataclass
class Score:
    actors: int = 0
    actors_ok: int = 0  # every gold code found inside the phrase
    places: int = 0
    places_ok: int = 0  # right country, coordinates within 0.05 degrees
    misses: list[str] = field(default_factory=list)


def _codes(value: Any) -> list[str]:
    return value if isinstance(value, list) else [value]


def _same(gold: str, found: set[str | None]) -> bool:
    # A country acting as a state may be written "CAN" or "CAN GOV" (the seed gold accepts both).
    alternatives = {gold, f"{gold} GOV"} if len(gold) == 3 else {gold}
    if gold.endswith(" GOV") and len(gold) == 7:
        alternatives.add(gold[:3])
    return bool(alternatives & found)


def score_document(ann: AnnotatedDocument, gold: dict[str, Any], score: Score) -> None:
    text = ann.document.text
    lower = text.lower()
    for actor in gold.get("actors") or []:
        codes = _codes(actor["code"])
        if not codes:
            continue
        score.actors += 1
        phrase = actor["mention"].lower()
        starts = [i for i in range(len(lower)) if lower.startswith(phrase, i)]
        if not starts:
            score.misses.append(f"{ann.document.source}: phrase not in text: {actor['mention']!r}")
            continue
        found: set[str | None] = set()
        ok = False
        for start in starts:  # the gold names a phrase, not which occurrence: any one will do
            end = start + len(phrase)
            here = {m.code for m in ann.mentions if start <= m.start and m.end <= end}
            here |= {m.code for m in ann.mentions if m.start <= start and end <= m.end}
            ok = ok or all(_same(code, here) for code in codes)
            found |= here
        if ok:
            score.actors_ok += 1
        else:
            score.misses.append(
                f"{ann.document.source}: {actor['mention']!r} {codes} got {sorted(map(str, found))}"
            )
    places = [p for s in ann.sentences for p in s.places]
    if ann.dateline_place is not None:
        places.append(ann.dateline_place)
    for gp in gold.get("places") or []:
        score.places += 1
        hits = [p for p in places if gp["mention"] in (p.text, p.name, p.text.title())]
        ok = hits and all(
            p.country == gp["country"] and abs((p.lat or 0) - gp["lat"]) < 0.05
            and abs((p.lon or 0) - gp["lon"]) < 0.05 for p in hits
        )  # fmt: skip
        if ok:
            score.places_ok += 1
        else:
            got = [(p.text, p.country) for p in hits]
            score.misses.append(
                f"{ann.document.source}: place {gp['mention']!r} {gp['country']} got {got}"
            )


def score_corpus(pipeline: Pipeline) -> Score:
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    score = Score()
    for entry in gold["documents"]:
        docs = [
            d for d in pipeline.read(REPO / entry["file"])
            if isinstance(d, Document)
            and (entry.get("record") is None or d.record == entry["record"])
        ]  # fmt: skip
        if len(docs) != 1:
            score.misses.append(
                f"{entry['file']} {entry.get('record')}: {len(docs)} documents read"
            )
            continue
        score_document(pipeline.annotate(docs[0]), entry, score)
    return score


if __name__ == "__main__":
    import tempfile

    from dateline.options import Options

    with tempfile.TemporaryDirectory() as tmp:
        result = score_corpus(Pipeline(Options(db_path=Path(tmp) / "x.db")))
    for miss in result.misses:
        print(miss)
    print(f"actors {result.actors_ok}/{result.actors}  places {result.places_ok}/{result.places}")
