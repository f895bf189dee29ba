#!/usr/bin/env python3
"""Split a gold JSON Lines file into a tuning half and a check half, deterministically.

Each line gets a ``"split"`` field, ``"tune"`` or ``"check"``, decided by a SHA-256 hash of
its ``"id"`` (with an optional salt). By default the lines of each gold event type
(``"NONE"``/null included) are ordered by that hash and cut at the tuning share, so that every
type is divided evenly (a type with an odd count gives its spare line to the half that is
smaller so far): a plain hash cut leaves small types lopsided (13 lines can split 1 to 12).
With ``--per-id`` each line's half depends on its id alone (hash below the share: tune).
With ``--group FIELD`` all lines that share a value of FIELD (e.g. ``article``) go to the same
half: sentences of one article share wording, so splitting an article would let the tuning half
leak into the check half. Groups are taken in hash order, each to the half that is smaller so
far (weighted by the share).

A line that already has a ``"split"`` keeps it, so adding sentences later never moves the
ones already split (a set is split once; ``--force`` recomputes every line).

Then score one half with ``dateline evaluate GOLD --split tune`` (or ``check``).

    python scripts/split_gold.py news.jsonl -o news.split.jsonl [--per-id] [--share 0.5]

Standard library only; the input file is never written to. Exit status 2 for a bad file, with
a ``[file:line] message``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

SPLITS = ("tune", "check")


class SplitError(Exception):
    """The gold file cannot be split (unreadable, a line without an id, a repeated id)."""


def position(identifier: str, salt: str = "") -> float:
    """Where ``identifier`` falls in [0, 1): the first 8 bytes of SHA-256(salt + id)."""
    digest = hashlib.sha256((salt + identifier).encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def read_lines(path: Path) -> list[dict[str, Any]]:
    """The JSON objects of a JSON Lines file, each with a unique string ``id``.

    Raises ``SplitError`` with ``[file:line]`` for bad JSON, a missing id or a repeated id.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise SplitError(f"[{path}] cannot read: {exc}") from exc
    records: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise SplitError(f"[{path}:{number}] not JSON: {exc.msg}") from exc
        identifier = record.get("id") if isinstance(record, dict) else None
        if not isinstance(identifier, str) or not identifier:
            raise SplitError(f"[{path}:{number}] a line needs a string 'id' to be split")
        if identifier in seen:
            raise SplitError(
                f"[{path}:{number}] id {identifier!r} already on line {seen[identifier]}"
            )
        seen[identifier] = number
        records.append(record)
    return records


def assign(
    records: Sequence[dict[str, Any]],
    share: float = 0.5,
    salt: str = "",
    stratify: bool = True,
    force: bool = False,
    group: str | None = None,
) -> list[dict[str, Any]]:
    """Copies of ``records`` in the same order, each with a ``"split"`` field.

    ``share`` is the tuning half's share in (0, 1). Raises ``ValueError`` for a share outside
    it, and ``SplitError`` for a ``"split"`` value that is neither tune nor check.
    """
    if not 0 < share < 1:
        raise ValueError(f"the tuning share must lie between 0 and 1, not {share}")
    out = [dict(record) for record in records]
    todo = []
    for record in out:
        if force or "split" not in record:
            todo.append(record)
        elif record["split"] not in SPLITS:
            raise SplitError(f"id {record['id']!r}: split {record['split']!r} is not tune/check")
    if group is not None:
        return _assign_groups(out, todo, share, salt, group)
    if not stratify:
        for record in todo:
            record["split"] = "tune" if position(record["id"], salt) < share else "check"
        return out
    groups: dict[str, list[dict[str, Any]]] = {}
    for record in todo:
        groups.setdefault(str(record.get("event") or "NONE"), []).append(record)
    pending = {record["id"] for record in todo}
    kept = [record for record in out if record["id"] not in pending]
    sizes = {half: sum(1 for r in kept if r["split"] == half) for half in SPLITS}
    for event in sorted(groups):
        group = sorted(groups[event], key=lambda r: (position(r["id"], salt), r["id"]))
        exact = len(group) * share
        tune = int(exact)
        # A spare line goes where it evens the halves out (weighted by the share).
        if exact > tune and sizes["tune"] * (1 - share) <= sizes["check"] * share:
            tune += 1
        for index, record in enumerate(group):
            record["split"] = "tune" if index < tune else "check"
            sizes[record["split"]] += 1
    return out


def _assign_groups(
    out: list[dict[str, Any]],
    todo: list[dict[str, Any]],
    share: float,
    salt: str,
    field: str,
) -> list[dict[str, Any]]:
    """Give each group of ``todo`` (lines sharing ``field``) one half; a group that already has
    a split line keeps that half for its new lines."""
    pending = {record["id"] for record in todo}
    sizes = {half: 0 for half in SPLITS}
    fixed: dict[str, str] = {}
    for record in out:
        if record["id"] not in pending:
            sizes[record["split"]] += 1
            fixed.setdefault(str(record.get(field)), record["split"])
    groups: dict[str, list[dict[str, Any]]] = {}
    for record in todo:
        if record.get(field) in (None, ""):
            raise SplitError(f"id {record['id']!r} has no {field!r} to group by")
        groups.setdefault(str(record[field]), []).append(record)
    for key in sorted(groups, key=lambda k: (position(k, salt), k)):
        half = fixed.get(key)
        if half is None:
            half = "tune" if sizes["tune"] * (1 - share) <= sizes["check"] * share else "check"
        for record in groups[key]:
            record["split"] = half
        sizes[half] += len(groups[key])
    return out


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: split GOLD and write the lines to ``-o`` (or stdout); 0 on success."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold", type=Path, help="gold JSON Lines file, one 'id' per line")
    parser.add_argument("-o", "--output", type=Path, help="where to write (default: stdout)")
    parser.add_argument("--share", type=float, default=0.5, help="tuning share (default 0.5)")
    parser.add_argument("--salt", default="", help="prefix hashed with each id (default none)")
    parser.add_argument(
        "--per-id",
        dest="stratify",
        action="store_false",
        help="each line's half from its id alone, not divided evenly by event type",
    )
    parser.add_argument("--force", action="store_true", help="recompute existing 'split' fields")
    parser.add_argument(
        "--group", metavar="FIELD", help="keep lines sharing this field (e.g. article) together"
    )
    args = parser.parse_args(argv)
    if args.output is not None and args.output.resolve() == args.gold.resolve():
        parser.error("write to another file (-o) and compare before replacing the gold file")
    try:
        records = assign(
            read_lines(args.gold), args.share, args.salt, args.stratify, args.force, args.group
        )
    except (SplitError, ValueError) as exc:
        print(exc, file=sys.stderr)
        return 2
    text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    if args.output is None:
        sys.stdout.write(text)
    else:
        args.output.write_text(text, encoding="utf-8")
    counts = {half: sum(1 for r in records if r["split"] == half) for half in SPLITS}
    print(f"{len(records)} lines: {counts['tune']} tune, {counts['check']} check", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
