"""Model objects (``Event``, ``Document``) as the JSON-ready rows the pages show."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from dateline.models import QUAD_CLASS, Actor, Document, Event
from dateline.web.highlight import Span, paragraphs, sentence


def actor_dict(actor: Actor) -> dict[str, Any]:
    return {
        "text": actor.text,
        "code": actor.code,
        "name": actor.name,
        "country": actor.country,
        "sector": actor.sector,
        "org": actor.org,
    }


def event_row(event: Event, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    """One line of an events table (``extra`` adds e.g. ``num_articles``)."""
    row = {
        "id": event.id,
        "date": event.date,
        "date_precision": event.date_precision,
        "type": event.type,
        "quad_class": event.quad_class or QUAD_CLASS.get(event.type),
        "mode": event.mode,
        "context": event.context,
        "status": event.status,
        "source": [actor_dict(a) for a in event.source],
        "target": [actor_dict(a) for a in event.target],
        "sentence": event.evidence.sentence,
        "trigger": event.evidence.trigger,
        "place": event.place.name if event.place else None,
        "doc_id": event.doc_id or event.evidence.doc_id,
        # A StoredEvent (dateline.store) says how often it was reported; a bare Event once.
        "merged_id": getattr(event, "merged_id", None),
        "num_articles": getattr(event, "num_articles", 1),
        "num_sources": getattr(event, "num_sources", None),
    }
    row.update(extra or {})
    return row


def event_spans(event: Event, ref: bool = False) -> list[Span]:
    """The marks an event puts on its article: sentence, trigger, actors, attribution."""
    ev = event.evidence
    spans = [Span(ev.start, ev.end, "event", event.type, event.id if ref else None)]
    if ev.trigger_start is not None and ev.trigger_end is not None:
        spans.append(Span(ev.trigger_start, ev.trigger_end, "trigger", f"{event.type} trigger"))
    for role, actors in (("source", event.source), ("target", event.target)):
        for actor in actors:
            if actor.start is not None and actor.end is not None:
                spans.append(Span(actor.start, actor.end, "actor", f"{role} {actor.code or '?'}"))
    who = event.attributed_to
    if who is not None and who.start is not None and who.end is not None:
        spans.append(Span(who.start, who.end, "actor", f"said by {who.code or '?'}"))
    return spans


def evidence_pieces(event: Event) -> list[dict[str, Any]]:
    """The evidence sentence as marked pieces (trigger, actors)."""
    ev = event.evidence
    marks = [s for s in event_spans(event) if s.kind != "event"]
    return sentence(ev.sentence, ev.start, marks)


def event_detail(
    event: Event, reports: list[dict[str, Any]], extra: dict[str, Any] | None = None
) -> dict[str, Any]:
    """Everything the event page shows. ``reports``: one dict per article that reported it."""
    row = event_row(event, extra)
    row.update(
        {
            "sentence_pieces": evidence_pieces(event),
            "date_precision": event.date_precision,
            "cameo": event.cameo,
            "place": event.place.to_dict() if event.place else None,
            "attributed_to": actor_dict(event.attributed_to) if event.attributed_to else None,
            "rule": event.evidence.rule,
            "rules": _rules(event),
            "evidence": event.evidence.to_dict(),
            "reports": reports,
        }
    )
    if event.attributed_to is not None:
        row["attributed_to"]["text"] = event.attributed_to.text
    return row


def _rules(event: Event) -> list[str]:
    """Every rule that fired, trigger pattern first, actors' and place's rules after."""
    out: list[str] = []
    candidates = [event.evidence.rule, *event.evidence.rules]
    candidates += [a.rule for a in (*event.source, *event.target) if a.rule]
    if event.attributed_to is not None and event.attributed_to.rule:
        candidates.append(event.attributed_to.rule)
    if event.place is not None and event.place.rule:
        rule = event.place.rule
        candidates.append(rule if rule.startswith("place") else f"place.{rule}")
    for rule in candidates:
        if rule and rule not in out:
            out.append(rule)
    return out


def document_dict(doc: Document) -> dict[str, Any]:
    """The document's metadata (the body is sent as marked paragraphs)."""
    data = doc.to_dict()
    data.pop("paragraphs", None)
    return data


def document_view(
    doc: Document, events: Sequence[Event], mentions: list[Span] | None = None
) -> dict[str, Any]:
    """The document page: metadata, paragraphs with events, triggers and actors marked."""
    spans: list[Span] = list(mentions or [])
    for event in events:
        spans.extend(event_spans(event, ref=True))
    return {
        "document": document_dict(doc),
        "paragraphs": paragraphs(doc.paragraphs, spans),
        "events": [event_row(e) for e in events],
    }
