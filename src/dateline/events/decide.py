"""Decisions the coder takes per event besides roles: intent, framing, place and date, and
which actors count."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dateline.dates import document_day
from dateline.events.candidate import Intent
from dateline.events.promises import no_promise
from dateline.events.when import event_date
from dateline.models import Actor, AnnotatedDocument, EventPlace, Place, Precision, Sentence

if TYPE_CHECKING:
    from spacy.tokens import Span

    from dateline.events.candidate import Trace
    from dateline.events.matcher import Hit
    from dateline.events.patterns import Triggers

# Statuses for which an event with no place of its own happens at the dateline.
THERE_AND_THEN = ("occurring", "planned", "expected")


def named(actor: Actor, sentence: Span) -> bool:
    """Whether an uncoded actor's words hold a named entity ("Sudanese rebels", "Hamas")."""
    if actor.start is None or actor.end is None:
        return False
    span = sentence.doc.char_span(actor.start, actor.end, alignment_mode="expand")
    kinds = ("PERSON", "ORG", "NORP", "GPE", "LOC", "FAC")
    return span is not None and any(t.ent_type_ in kinds for t in span)


def identified(actor: Actor, sentence: Span, people: frozenset[str] = frozenset()) -> bool:
    """Whether someone could code the actor: it has a code, names an entity, is a kind of
    actor the actor data knows by its sector ("police", "prosecutors", "protesters"), whose
    country the reader, or a later stage, can supply, or is a personal pronoun of ``people``
    ("they arrested a man": the arresters were named before)."""
    if actor.code or actor.sector or actor.name or named(actor, sentence):
        return True
    if not people or actor.start is None or actor.end is None:
        return False
    span = sentence.doc.char_span(actor.start, actor.end, alignment_mode="expand")
    return span is not None and len(span) == 1 and span[0].lower_ in people


def unique(actors: list[Actor]) -> list[Actor]:
    """Actors without repeats of a code ("Italian military aid": one Italy)."""
    seen: set[str] = set()
    out = []
    for actor in actors:
        if actor.code is not None:
            if actor.code in seen:
                continue
            seen.add(actor.code)
        out.append(actor)
    return out


def framed(hit: Hit, hits: list[Hit], triggers: Triggers) -> bool:
    """Whether the event is the content of another trigger's demand, accusation, threat,
    refusal or promise in the same sentence ("urged allies to send", "accused X of attacking"),
    or repeats the type of the act it is the purpose of ("began a strike to protest")."""
    framing = triggers.cue("roles", "framing_types")
    denials = triggers.cue("status", "denied")  # "denied attacking": the attack, denied, stays
    anchors = {
        h.anchor.i: h
        for h in hits
        if h is not hit
        and (h.pattern.type in framing or h.pattern.type == hit.pattern.type)
        and h.anchor.lemma_.lower() not in denials
    }
    parallel = triggers.cue("roles", "parallel_marks")
    current = hit.anchor
    for _ in range(4):
        if (
            current.dep_ == "advcl"
            and any(c.dep_ in ("nsubj", "nsubjpass") for c in current.children)
            and any(c.dep_ == "mark" and c.lower_ in parallel for c in current.children)
        ):
            return False  # "X pledged aid, while Y offered troops": a clause of its own
        if (
            current.dep_ not in ("xcomp", "ccomp", "pcomp", "pobj", "prep", "advcl", "acl", "dobj")
            or current.head.i == current.i
        ):
            return False
        current = current.head
        if current.i in anchors:
            return True
    return False


def carried(hit: Hit, hits: list[Hit], triggers: Triggers) -> bool:
    """Whether the hit is a carrier trigger (``[roles] carrier_triggers``) whose purpose or
    complement clause holds another trigger: "will work with allies to impose costs" names
    the imposing, not a cooperation of its own."""
    if hit.pattern.id not in triggers.cue("roles", "carrier_triggers"):
        return False
    clauses = [c for c in hit.anchor.children if c.dep_ in ("xcomp", "advcl", "ccomp")]
    inside = {t.i for clause in clauses for t in clause.subtree}
    return any(h is not hit and h.anchor.i in inside for h in hits)


def intent(hit: Hit, status: str, triggers: Triggers, trace: Trace) -> Intent:
    """Type, mode, context and CAMEO root, turning an announced act into the intent it is.

    Takes the hit, the status read from its clause, the triggers (for the cue lists) and the
    trace the rules that fire are recorded in. Returns an ``Intent``.
    """
    pattern = hit.pattern
    type_ = pattern.type
    as_is = Intent(type_, pattern.mode, pattern.context, pattern.cameo)
    cooperative = triggers.cue("intent", "cooperative")
    hostile = triggers.cue("intent", "hostile")
    if type_ not in cooperative and type_ not in hostile and type_ != "AGREE":
        return as_is
    anchor = hit.anchor
    modals = triggers.cue("intent", "modals")
    if type_ in hostile:
        modals = modals | triggers.cue("intent", "hostile_modals")
    cues = triggers.cue("intent", "cues")
    going_on = triggers.cue("intent", "ongoing_verbs") | triggers.cue("intent", "onset_verbs")
    # "will continue our efforts", "will begin work": the act is going on or scheduled
    announced = anchor.lemma_.lower() not in going_on and any(
        c.dep_ == "aux" and c.lower_ in modals for c in anchor.children
    )
    current = anchor
    for _ in range(3):
        # "will work with allies to impose costs": an infinitive of purpose is announced by
        # the modal of the verb it serves, as a controlled infinitive is ("will continue to").
        purpose = current.dep_ == "advcl" and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in current.children
        )
        if (
            announced
            or (current.dep_ not in ("xcomp", "acomp", "ccomp", "conj") and not purpose)
            or current.head.i == current.i
        ):
            break
        link = current.dep_
        current = current.head
        if current.lemma_.lower() in going_on:
            break  # "will continue to support": an act going on, not one announced
        # (a reported clause is not announced by its reporter's tense: "will say they struck")
        announced = current.lemma_.lower() in cues or any(
            (c.dep_ in ("acomp", "amod") and c.lemma_.lower() in cues)
            or (c.dep_ == "aux" and c.lower_ in modals and link != "ccomp")
            for c in current.children
        )
    if not announced:
        return as_is
    if type_ in cooperative and (reason := no_promise(anchor, current, triggers)) is not None:
        trace.append(reason)
        return as_is
    if status == "denied" and type_ not in hostile:
        trace.append("intent.refused")
        return Intent("REJECT", None, pattern.context, "12", "refused")
    if type_ == "AGREE":
        return Intent(type_, pattern.mode, pattern.context, pattern.cameo, "agree")
    if type_ in cooperative:
        trace.append("intent.cooperate")
        governor = current if current.i != anchor.i else None
        return Intent("AGREE", None, pattern.context, "03", "cooperate", governor)
    trace.append("intent.threaten")
    return Intent("THREATEN", None, pattern.context, "13", "threaten")


def background(hit: Hit) -> bool:
    """Whether the trigger is an event noun named in passing, inside another clause's phrase
    ("talks on a ceasefire in the ongoing war"): a conflict or state of affairs the sentence
    mentions, not an act done where and when the sentence's main clause happens."""
    token = hit.token
    return hit.support is None and token.pos_ in ("NOUN", "PROPN") and token.dep_ != "ROOT"


def for_reason(hit: Hit, triggers: Triggers) -> bool:
    """Whether the trigger is a bare event noun of ``[roles] reason_noun_types`` that names
    the reason of another act, under one of ``[roles] reason_preps`` ("is serving a sentence
    for the assassination of", "sanctioned for their role in the deportation of", "protests
    over the killing"): the act reported is the sentence, the sanction, the protest."""
    token = hit.token
    if not background(hit) or hit.pattern.type not in triggers.cue("roles", "reason_noun_types"):
        return False
    reasons = triggers.cue("roles", "reason_preps")
    current = token
    for _ in range(2):
        if current.dep_ != "pobj" or current.head.dep_ != "prep":
            return False
        if current.head.lower_ in reasons:
            return True
        current = current.head.head  # "role in [the deportation]": the noun the phrase is of
    return False


def event_scope(hit: Hit) -> tuple[int, int]:
    """The token range a place must fall in to be the event's own place.

    A background event noun owns only its own phrase ("the war in Sudan"); a clause event owns
    the clause it lives in, climbing control, purpose and coordinated clauses to the verb they
    share ("is in Paris to join talks"), but not a verb of saying that reports it ("said in
    Moscow that Kyiv attacked")."""
    if background(hit):
        return hit.token.left_edge.i, hit.token.right_edge.i
    current = hit.anchor
    for _ in range(4):
        if current.dep_ not in ("xcomp", "advcl", "conj", "acomp") or current.head.i == current.i:
            break
        current = current.head
    return current.left_edge.i, current.right_edge.i


def at_dateline(
    annotated: AnnotatedDocument, name: str, known: Place | None, actors: list[Actor] | None
) -> bool:
    """Whether one of the event's ``actors`` is at the dateline: of the dateline's country
    (the host), or named in a sentence that puts someone at the dateline's place (a visitor:
    "Carney is in Paris"). When neither the dateline's country nor anyone there is known, the
    dateline is trusted."""
    if actors is None:
        return True
    country = known.country if known is not None else None
    wanted = {name.lower()} | ({known.name.lower(), known.text.lower()} if known else set())
    present = {
        m.code
        for s in annotated.sentences
        if any(p.name.lower() in wanted or p.text.lower() in wanted for p in s.places)
        for m in s.mentions
        if m.code
    }
    if country is None and not present:
        return True
    return any(
        (country is not None and a.country == country) or (a.code and a.code in present)
        for a in actors
    )


def place_and_date(
    annotated: AnnotatedDocument,
    sent: Sentence,
    status: str,
    rules: Trace,
    hit: Hit | None = None,
    actors: list[Actor] | None = None,
) -> tuple[EventPlace | None, str | None, Precision]:
    """The event's place and date: a place of the sentence inside the event's own clause or
    phrase (``event_scope``), else the dateline place for an event happening there and then
    (a clause event that is occurring, planned or expected, never a background event noun,
    with one of its ``actors`` at the dateline: ``at_dateline``); the date that modifies the
    event, else the document date (``when.event_date``). Returns (place, date, precision)."""
    document = annotated.document
    place: EventPlace | None = None
    mention_spans = [(m.start, m.end) for m in sent.mentions]
    own = [p for p in sent.places if not any(s <= p.start and p.end <= e for s, e in mention_spans)]
    if hit is not None and own:
        low, high = event_scope(hit)
        doc = hit.token.doc
        # Each place by the token its name hangs on.
        rooted = [(p, span.root.i) for p in own
                  if (span := doc.char_span(p.start, p.end, alignment_mode="expand"))]  # fmt: skip
        scoped = [(p, i) for p, i in rooted if low <= i <= high]
        if len(scoped) < len(own):
            rules.append("place.scope")
        # No verb is at a place of a verb coordinated after it, and a conjunct with a place
        # of its own is there, not at its first conjunct's place: "shelled Kharkiv on Monday
        # and shelled Sumy on Tuesday".
        anchor = hit.anchor
        later = {t.i for c in anchor.children if c.dep_ == "conj" for t in c.subtree}
        scoped = [(p, i) for p, i in scoped if i not in later]
        mine = {t.i for t in anchor.subtree}
        nearest = [p for p, i in scoped if i in mine]
        own = [p for p, _ in scoped]
        if nearest and len(nearest) < len(own):
            rules.append("place.own-clause")
            own = nearest
    in_passing = hit is not None and background(hit)
    date, precision = event_date(annotated, sent, status, rules, hit)
    # An act done on the day of the dateline ("agreed on Tuesday" under "PARIS, January 6",
    # or not dated otherwise) happened there and then as much as one still going on, when
    # one of its actors is there (``at_dateline``); one dated to another day may not have.
    day = document_day(document)
    same_day = status == "occurred" and day is not None and date == day.isoformat()
    if own:
        p = own[0]
        place = EventPlace(p.name, p.country, p.lat, p.lon, p.geonameid, "place.sentence")
        rules.append("place.sentence")
    elif (
        document.dateline
        and document.dateline.place
        and (status in THERE_AND_THEN or same_day)
        and not in_passing
    ):
        name = document.dateline.place
        known = annotated.dateline_place or next(
            (
                p
                for s in annotated.sentences
                for p in s.places
                if p.text.lower() == name.lower() or p.name.lower() == name.lower()
            ),
            None,
        )
        if not at_dateline(annotated, name, known, actors):
            rules.append("place.not-at-dateline")
        elif known is not None:
            place = EventPlace(
                known.name, known.country, known.lat, known.lon, known.geonameid, "place.dateline"
            )
        else:
            place = EventPlace(
                name.title() if name.isupper() else name, None, None, None, None, "place.dateline"
            )
        if place is not None:
            rules.append("place.dateline-same-day" if same_day else "place.dateline")
    return place, date, precision
