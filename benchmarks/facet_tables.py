"""Mode and context accuracy with and without the word tables, side by side.

    python benchmarks/facet_tables.py

Scores the PLOVER dev half and both halves of the three real-news sets twice with one
pipeline: with ``event_modes.toml`` and the topic words of ``event_contexts.toml`` (as
shipped), and with them emptied (the trigger pattern's own mode and context only, as before
the tables; the context names and their aliases stay, so the scoring is the same). The
figures are those of ``dateline evaluate``: on the lines whose type is right and whose gold
names a mode or context, the share whose main event carries it. The check halves are only
scored; no sentence is printed.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from dateline.evaluate import ScoreOptions, evaluate
from dateline.options import Options
from dateline.pipeline import Pipeline

GOLDS = [("PLOVER dev", Path("../shared/gold/plover-gsr-dev.jsonl"), None)] + [
    (f"{name} {half}", Path(f"examples/gold/news/{name}.jsonl"), half)
    for name in ("news", "news2", "news3")
    for half in ("tune", "check")
]


def _figures(pipeline: Pipeline) -> dict[str, tuple[float | None, int, float | None, int]]:
    out = {}
    for label, path, half in GOLDS:
        report = evaluate(path, pipeline, ScoreOptions(split=half, draws=0))
        out[label] = (
            report["mode_accuracy"], report["mode_scored"],
            report["context_accuracy"], report["context_scored"],
        )  # fmt: skip
    return out


def _cell(value: float | None, n: int) -> str:
    return f"{value:.3f} of {n:>3}" if value is not None else f"  -   of {n:>3}"


def main() -> None:
    pipeline = Pipeline(Options())
    shipped = pipeline.triggers
    on = _figures(pipeline)
    assert shipped.contexts is not None and shipped.modes is not None
    # The tables emptied: no mode words, no topic words; names and aliases kept.
    pipeline.__dict__["triggers"] = replace(
        shipped,
        modes=replace(shipped.modes, phrases={}),
        contexts=replace(shipped.contexts, phrases={}),
    )
    off = _figures(pipeline)
    print(f"{'gold':<16} {'mode without':>14} {'mode with':>14} {'context without':>16} "
          f"{'context with':>14}")  # fmt: skip
    for label in on:
        print(
            f"{label:<16} {_cell(off[label][0], off[label][1]):>14} "
            f"{_cell(on[label][0], on[label][1]):>14} "
            f"{_cell(off[label][2], off[label][3]):>16} {_cell(on[label][2], on[label][3]):>14}"
        )


if __name__ == "__main__":
    main()
