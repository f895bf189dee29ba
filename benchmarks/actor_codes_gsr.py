"""Actor codes against the PLOVER gold-standard sentences (../shared/gold/plover-gsr-dev.jsonl).

    .venv/bin/python benchmarks/actor_codes_gsr.py [--misses N]

For every labelled source and target actor, the actor counts as found when a mention
inside (or around) its words carries its country (ISO3), or its sector for IGO/NGO. The
sentences are read from the shared folder, never copied into the project. Learning is off.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

from dateline.models import Document
from dateline.options import Options
from dateline.pipeline import Pipeline

GOLD = Path(__file__).resolve().parents[2] / "shared" / "gold" / "plover-gsr-dev.jsonl"
# Old CAMEO-style codes in the gold that are not ISO 3166-1.
LEGACY = {"JAP": "JPN", "VTN": "VNM", "ITL": "ITA"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", type=int, default=0, help="list this many misses")
    args = parser.parse_args()
    if not GOLD.is_file():
        raise SystemExit(f"{GOLD} is missing")
    found = total = 0
    misses: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        pipeline = Pipeline(Options(db_path=Path(tmp) / "x.db", learn=False))
        for line in GOLD.read_text(encoding="utf-8").splitlines():
            gold = json.loads(line)
            text = gold["text"]
            doc = Document(Document.make_id(None, [text]), "gsr", "text", None, [text])
            mentions = pipeline.annotate(doc).mentions
            for actor in gold["source"] + gold["target"]:
                code = LEGACY.get(actor.get("code") or "", actor.get("code"))
                start = text.find(actor["text"])
                if not code or start < 0:
                    continue
                total += 1
                end = start + len(actor["text"])
                near = [
                    m for m in mentions
                    if (start <= m.start and m.end <= end) or (m.start <= start and end <= m.end)
                ]  # fmt: skip
                if any(code in (m.country, m.sector) for m in near):
                    found += 1
                else:
                    misses.append(f"{actor['text']!r} {code}: {[(m.text, m.code) for m in near]}")
    for miss in misses[: args.misses]:
        print(miss)
    print(f"actors with the gold country/sector: {found}/{total} ({found / total:.2f})")


if __name__ == "__main__":
    main()
