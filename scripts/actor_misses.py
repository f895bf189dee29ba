"""Count why gold actors are missed on a sentence-form gold file, by cause.

    python scripts/actor_misses.py examples/gold/news/news.jsonl --split tune
    python scripts/actor_misses.py ../shared/gold/plover-gsr-dev.jsonl --counts-only

The lines are coded as ``dateline evaluate`` codes them (the lines of one article read
together, the main event of each line) and each gold actor that the evaluation counts as
missed (a false negative) is put under one cause:

- ``no-event``: no event on the line, so no actor; ``/code-in-sentence`` when a mention of the
  sentence carries the gold code (the actor would have come with an event);
- ``wrong-role``: the main event has the gold code in the other role (an actor there that
  no gold actor of that role took);
- ``other-event``: another event of the line (not the main one) has it;
- ``not-attached``: a mention of the sentence has the gold code but the main event left it out;
- ``code-missing`` / ``code-wrong:country|sector|igo``: a mention overlaps the gold actor's
  words but is uncoded or coded otherwise;
- ``unrecognised:*``: no mention overlaps the gold words; split by their shape (pronoun,
  publisher "we"/"our", named person, agent noun, organisation or group, country).

Reported actors that match no gold actor (false positives) are counted as ``extra:*``: on a
no-event gold line, in a role whose gold is empty, or with another code than the gold.
``--counts-only`` prints the table without any sentence (for files that must not be read).
Only counts; the scorer is ``dateline.evaluate``.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

from dateline.evaluate import CodeRules, _norm, coded_lines
from dateline.events import main_event
from dateline.models import Actor, Event, Mention
from dateline.pipeline import Pipeline

PRONOUNS = {"he", "she", "it", "they", "him", "her", "them", "his", "its", "their", "this"}
FIRST_PERSON = {"we", "our", "us", "i", "my"}
ORG_WORDS = re.compile(
    r"\b(ministry|department|council|union|organi[sz]ation|party|army|forces?|police|court|"
    r"government|agency|commission|committee|office|bank|fund|group|movement|front|"
    r"administration|parliament|congress|senate|embassy|militants?|rebels?|coalition|"
    r"nations|league|alliance|association|company|corporation|inc|ltd|house|kremlin|"
    r"pentagon|taliban|hamas|hezbollah|isis|islamic state|al[- ]qaeda)\b",
    re.I,
)


def shape(text: str, doc: Any, start: int | None, end: int | None) -> str:
    """A coarse class of the words a gold actor is written with."""
    words = _norm(text)
    if words in FIRST_PERSON:
        return "we/publisher"
    if words in PRONOUNS:
        return "pronoun"
    if ORG_WORDS.search(words):
        return "organisation/group"
    if doc is not None and start is not None and end is not None:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            ents = {e.label_ for e in span.ents}
            if "PERSON" in ents:
                return "named-person"
            if ents & {"GPE", "NORP"}:
                return "country/nationality"
            if "ORG" in ents:
                return "organisation/group"
            if not any(t.text[:1].isupper() for t in span if not t.is_stop):
                return "agent-noun"
    if text[:1].isupper() and len(text.split()) >= 2:
        return "named-person"
    return "other"


def code_kind(gold: str, mention: Mention, rules: CodeRules) -> str:
    """Which part of the code a mention got wrong."""
    if mention.code is None:
        return "code-missing"
    if gold in rules.sectors or gold in {"IGO", "NGO"}:
        return "code-wrong:igo/ngo"
    head = gold.split()[0]
    if head in {mention.country, mention.org, (mention.code or "").split()[0]}:
        return "code-wrong:sector"
    return "code-wrong:country"


def _locate(text: str, line: str, offset: int) -> tuple[int | None, int | None]:
    i = line.lower().find(text.lower()) if text else -1
    if i < 0:
        return None, None
    return offset + i, offset + i + len(text)


def analyse(path: Path, split: str | None, pipeline: Pipeline) -> tuple[Counter[str], list[str]]:
    """Cause counts for the gold file (one half of it when ``split``), and one line per miss."""
    rules = CodeRules.from_pipeline(pipeline)
    records = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    if split:
        records = [r for r in records if r.get("split") == split]
    causes: Counter[str] = Counter()
    notes: list[str] = []
    for line in coded_lines(records, str(path), pipeline):
        coded, start, end = line.coded, line.start, line.end
        assert coded.annotated is not None
        events = line.events
        main = main_event(events, coded.annotated)
        others = [e for e in events if e not in main]
        mentions = [
            m for s in coded.annotated.sentences for m in s.mentions if start <= m.start < end
        ]
        text = coded.document.text[start:end]
        doc = coded.annotated.spacy_doc
        _classify(records[line.index], text, start, main, others, mentions, rules, doc,
                  causes, notes)  # fmt: skip
    return causes, notes


def _classify(
    record: dict[str, Any],
    line: str,
    offset: int,
    main: list[Event],
    others: list[Event],
    mentions: list[Mention],
    rules: CodeRules,
    doc: Any,
    causes: Counter[str],
    notes: list[str],
) -> None:
    roles: dict[str, list[Actor]] = {"source": [], "target": []}
    for event in main:
        roles["source"] += [a for a in event.source if a.code and a not in roles["source"]]
        roles["target"] += [a for a in event.target if a.code and a not in roles["target"]]
    gold_none = record.get("event") in (None, "NONE")
    free: dict[str, list[Actor]] = {}
    missed: dict[str, list[dict[str, Any]]] = {}
    for role in ("source", "target"):
        free[role] = list(roles[role])
        missed[role] = []
        for actor in (a for a in record.get(role) or [] if a.get("code")):
            hit = next((a for a in free[role] if rules.matches(actor["code"], a)), None)
            if hit is None:
                missed[role].append(actor)
            else:
                free[role].remove(hit)
                causes["hit"] += 1
    for role, other_role in (("source", "target"), ("target", "source")):
        for actor in missed[role]:
            # Only an actor of the other role that no gold actor of that role took counts
            # as this one put in the wrong role.
            cause = _cause(actor, line, offset, main, others, mentions, rules, doc,
                           free[other_role])  # fmt: skip
            causes["miss"] += 1
            causes[cause] += 1
            notes.append(f"{cause:32} {record.get('id')} {role}:{actor['code']} "
                         f"{actor.get('text')!r} got {[a.code for a in roles[role]]}")  # fmt: skip
        gold = [a for a in record.get(role) or [] if a.get("code")]
        for actor in free[role]:
            if gold_none:
                kind = "extra:no-event-line"
            elif not gold:
                kind = "extra:role-empty-in-gold"
            else:
                kind = "extra:other-code"
            causes["extra"] += 1
            causes[kind] += 1
            notes.append(f"{kind:32} {record.get('id')} {role}:{actor.code} {actor.text!r}")


def _cause(
    actor: dict[str, Any],
    line: str,
    offset: int,
    main: list[Event],
    others: list[Event],
    mentions: list[Mention],
    rules: CodeRules,
    doc: Any,
    other_free: list[Actor],
) -> str:
    code = actor["code"]
    has_code = any(rules.matches(code, _actor_as_mention_actor(m)) for m in mentions)
    if not main:
        return "no-event/code-in-sentence" if has_code else "no-event/code-not-in-sentence"
    if any(rules.matches(code, a) for a in other_free):
        return "wrong-role"
    if any(rules.matches(code, a) for e in others for a in e.source + e.target):
        return "other-event"
    if has_code:
        return "not-attached"
    s, e = _locate(actor.get("text") or "", line, offset)
    if s is not None and e is not None:
        over = [m for m in mentions if m.start < e and s < m.end]
        if over:
            return code_kind(code, over[0], rules)
    return "unrecognised:" + shape(actor.get("text") or "", doc, s, e)


def _actor_as_mention_actor(m: Mention) -> Actor:
    return Actor(m.text, m.code, m.sector, m.name, m.country, m.org, m.start, m.end)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", type=Path)
    parser.add_argument("--split", choices=("tune", "check"))
    parser.add_argument("--counts-only", action="store_true")
    args = parser.parse_args()
    if args.split == "check":
        parser.error("the check half is scored with dateline evaluate, never read")
    causes, notes = analyse(args.gold, args.split, Pipeline())
    if not args.counts_only:
        for note in sorted(notes):
            print(note)
        print()
    hits, miss, extra = causes.pop("hit", 0), causes.pop("miss", 0), causes.pop("extra", 0)
    print(f"{args.gold} {args.split or 'all'}: gold actors {hits + miss}, hit {hits}, "
          f"missed {miss}, extra {extra}")  # fmt: skip
    for cause, n in sorted(causes.items(), key=lambda kv: (kv[0].startswith("extra"), -kv[1])):
        print(f"  {cause:34} {n:4}")


if __name__ == "__main__":
    main()
