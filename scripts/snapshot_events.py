"""Write every event coded while evaluating a gold file, with the report, as sorted JSON.

    .venv/bin/python scripts/snapshot_events.py GOLD OUT.json [--split tune|check]

For refactors that must not change behaviour: snapshot before, snapshot after, ``cmp`` the two
files. The events are those ``dateline evaluate GOLD`` codes (every field, the trace included),
in the order it codes them.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from dateline.evaluate import ScoreOptions, evaluate
from dateline.models import CodedDocument, Document
from dateline.options import Options
from dateline.pipeline import Pipeline


class RecordingPipeline(Pipeline):
    """A Pipeline that keeps the events of every document it codes."""

    def __init__(self, options: Options) -> None:
        super().__init__(options)
        self.coded: list[dict[str, object]] = []

    def code(self, document: Document) -> CodedDocument:
        coded = super().code(document)
        self.coded.append({"doc": document.id, "events": [e.to_dict() for e in coded.events]})
        return coded


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--split", choices=("tune", "check"))
    args = parser.parse_args()
    pipeline = RecordingPipeline(Options.from_env())
    report = evaluate(args.gold, pipeline, ScoreOptions(split=args.split))
    snapshot = {"report": report, "events": pipeline.coded}
    args.out.write_text(json.dumps(snapshot, indent=1, sort_keys=True, default=str) + "\n")


if __name__ == "__main__":
    main()
