"""The event coder: from annotated sentences to PLOVER events.

``code_events(annotated, pipeline)`` finds triggers in each sentence (``matcher``), takes
the sources and targets (``participants``, on the dependency roles of ``roles``), decides
status (``status``), attribution (``attribution``), intent, place and date (``decide``), and
returns ``Event`` objects with their evidence and the rule ids that fired.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dateline.events.attribution import attribution
from dateline.events.decide import framed, intent, named, place_and_date, unique
from dateline.events.matcher import depth, find_triggers
from dateline.events.participants import (
    anaphoric_target,
    between,
    co_agents,
    only_pronouns,
    same,
    sources_of,
    targets_of,
)
from dateline.events.roles import MentionIndex, build_index
from dateline.events.status import event_status
from dateline.models import (
    QUAD_CLASS,
    Actor,
    AnnotatedDocument,
    Event,
    Evidence,
    Sentence,
)

if TYPE_CHECKING:
    from spacy.tokens import Span

    from dateline.events.patterns import Triggers
    from dateline.pipeline import Pipeline

__all__ = ["code_events", "main_event"]


def _sentence_events(
    annotated: AnnotatedDocument,
    sent: Sentence,
    span: Span,
    index: MentionIndex,
    triggers: Triggers,
    previous: list[Event] | None = None,
) -> list[Event]:
    document = annotated.document
    events: list[Event] = []
    hits = find_triggers(span, triggers)
    for hit in hits:
        rules = [hit.pattern.id]
        between_src, between_tgt = between(hit, index, triggers)
        if between_src:
            sources, targets = between_src, between_tgt
            rules.append("roles.between")
        else:
            sources = sources_of(hit, index, triggers, rules)
            targets = [
                t
                for t in targets_of(hit, index, triggers, rules)
                if not any(same(t, s) for s in sources)
            ]
        joint = co_agents(hit, index, triggers)
        if joint:
            # "Macron hosted it together with Starmer": Starmer hosted too.
            rules.append("roles.together-with")
            targets = [t for t in targets if not any(same(t, c) for c in joint)]
            sources = sources + joint
        if previous and not any(t.code for t in targets):
            earlier = anaphoric_target(targets, sources, span, previous, triggers)
            if earlier is not None:
                rules.append("roles.anaphoric-act")
                targets = [earlier]
        if hit.pattern.id in triggers.cue("roles", "host_required") and not (
            any(t.code for t in targets) and any(a.code for a in sources)
        ):
            continue  # travelling is a visit only by someone coded to a host named
        # An event noun alone needs a coded participant: "the talks" says nothing of who.
        bare_noun = hit.token.pos_ in ("NOUN", "PROPN") and hit.support is None
        if bare_noun and not any(a.code for a in sources + targets):
            continue
        sources, targets = unique(sources), unique(targets)
        # An actor does not act on itself under the same code ("EU adopted sanctions ... EU").
        targets = [t for t in targets if not (t.code and any(t.code == s.code for s in sources))]
        if not sources and not targets:
            continue  # no one takes part: nothing to record
        if not any(a.code or named(a, span) for a in sources + targets) and (
            not sent.places or only_pronouns(sources, span)
        ):
            # "She declined to describe its contents": no actor anyone could code, nowhere;
            # "how it could contribute": an unresolved pronoun does nothing anyone can code.
            continue
        status, status_rule = event_status(hit.anchor, triggers)
        if status_rule == "status.condition":
            continue  # "if Russia attacked": a condition, not a reported event
        if framed(hit, hits, triggers):
            continue
        rules.append(status_rule)
        type_, mode, context, cameo = intent(hit, status, status_rule, triggers, rules)
        said_by, said_rule = attribution(hit.anchor, span, index, triggers)
        cue_rule = next((r for r in rules if r.startswith("intent.cue:")), None)
        if cue_rule is not None:
            # "are ready to lead", "offered to send": the offer is the event, and it was made
            # when the governing verb says (a readiness stated now has been stated).
            rules.remove(cue_rule)
            governor = span.doc[int(cue_rule.split(":")[1])]
            status, status_rule = event_status(governor, triggers)
            if status == "occurring":
                status = "occurred"
            rules.append(f"intent.offer-{status_rule}")
        if type_ == "REJECT" and status_rule == "status.reported-future":
            # "X said Moscow would veto any text": the refusal is voiced now.
            rules.append("status.voiced-refusal")
            status = "occurred"
        if rules[-1] == "intent.refused" or (rules[-1] == "intent.threaten" and said_by):
            # "would not agree", "X said it could strike": the refusal or the threat someone
            # voiced is what happened; the reporter's own "could" stays hypothetical.
            status = "occurred"
        if said_rule:
            rules.append(said_rule)
        place, date, precision = place_and_date(
            annotated, sent, status, rules, hit, sources + targets
        )
        words = hit.words
        trigger_start = words[0].idx
        trigger_end = words[-1].idx + len(words[-1].text)
        each_target: list[Actor | None] = list(targets) or [None]
        pairs = [(list(sources), t) for t in each_target]
        coded_sources = [a for a in sources if a.code]
        if (
            (
                type_ in triggers.cue("roles", "symmetric_types")
                or hit.pattern.type in triggers.cue("roles", "symmetric_pattern_types")
            )
            and not joint
            and hit.pattern.mode != "visit"
            and len(coded_sources) > 1
            and not any(t.code for t in targets)
        ):
            # "X and Y met": X met Y and Y met X.
            rules.append("roles.symmetric")
            pairs = [([a], b) for a in coded_sources for b in coded_sources if a is not b]
        for sources, target in pairs:
            codes = [a.code or a.text for a in sources] + [
                target.code or target.text if target else ""
            ]
            event_id = Event.make_id(
                document.id, trigger_start, trigger_end, hit.pattern.id, type_, *codes
            )
            evidence = Evidence(
                sentence=sent.text,
                start=sent.start,
                end=sent.end,
                trigger=" ".join(t.text for t in words),
                rule=hit.pattern.id,
                trigger_start=trigger_start,
                trigger_end=trigger_end,
                rules=list(rules),
                doc_id=document.id,
            )
            events.append(
                Event(
                    id=event_id,
                    type=type_,
                    mode=mode,
                    context=context,
                    status=status,
                    source=list(sources),
                    target=[target] if target else [],
                    evidence=evidence,
                    place=place,
                    date=date,
                    date_precision=precision,
                    attributed_to=said_by,
                    cameo=cameo,
                    doc_id=document.id,
                    quad_class=QUAD_CLASS[type_],
                )
            )
    return events


def _start_of(annotated: AnnotatedDocument, number: int) -> int:
    """The start offset of sentence ``number`` (0 for numbers before the first)."""
    sentences = annotated.sentences
    return sentences[number].start if 0 <= number < len(sentences) else 0


def _capitals(pipeline: Pipeline) -> dict[str, str]:
    """Capital → ISO3 from the actor data."""
    countries = pipeline.actor_data.countries
    return {name: code for code, c in countries.items() for name in c.capitals}


def code_events(annotated: AnnotatedDocument, pipeline: Pipeline) -> list[Event]:
    """Code the events of an annotated document.

    Takes the ``AnnotatedDocument`` (its ``spacy_doc`` is used when present, else the text is
    parsed with ``pipeline.nlp``) and the ``Pipeline`` (for ``triggers``). Returns the events in
    text order. Raises ``DataFileError`` when the trigger data is invalid and ``ModelError``
    when spaCy cannot be loaded.
    """
    triggers = pipeline.triggers
    doc = annotated.spacy_doc
    if doc is None:
        doc = pipeline.nlp(annotated.document.text)
    mentions = annotated.mentions
    index = build_index(mentions, doc, _capitals(pipeline))
    for sent in annotated.sentences:
        for place in sent.places:
            span = doc.char_span(place.start, place.end, alignment_mode="expand")
            if span is not None and place.country:
                index.places.update({t.i: (place.text, place.country) for t in span})
    events: list[Event] = []
    for sent in annotated.sentences:
        span = doc.char_span(sent.start, sent.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        # The acts of the two sentences before, for "rejected the offer".
        recent = [e for e in events if e.evidence.start >= _start_of(annotated, sent.index - 2)]
        events.extend(_sentence_events(annotated, sent, span, index, triggers, recent))
    return events


def main_event(events: list[Event], annotated: AnnotatedDocument | None = None) -> list[Event]:
    """The events of the shallowest trigger (nearest the root of its sentence): what a
    one-event-per-sentence gold file calls the sentence's event. Takes the events of one
    short document; returns the events of its main trigger (all targets)."""
    if not events:
        return []
    doc = annotated.spacy_doc if annotated is not None else None

    def key(event: Event) -> tuple[int, int]:
        start = event.evidence.trigger_start or 0
        if doc is None:
            return (0, start)
        span = doc.char_span(
            start, event.evidence.trigger_end or start + 1, alignment_mode="expand"
        )
        return (depth(span.root) if span is not None else 99, start)

    best = min(events, key=key)
    return [
        e
        for e in events
        if e.evidence.trigger_start == best.evidence.trigger_start
        and e.evidence.rule == best.evidence.rule
    ]
