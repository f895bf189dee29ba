"""The coder's main loop: each trigger hit becomes a ``Candidate`` that the stages refine.

Stages, in order: participants (``assign_roles``), the filters that drop a candidate no one
could code (``worth_coding``), status and framing, intent and attribution (``decide``),
place and date, then one ``Event`` per source group and target (``to_events``). Every stage
records the rules that fired in the candidate's trace; none reads the trace to decide.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dateline.events.allegation import (
    finder,
    literal_fire,
    speaks_as_author,
    undergone,
    vague_concern,
    wrongful_act,
)
from dateline.events.attribution import attribution
from dateline.events.candidate import Candidate, Trace
from dateline.events.context import read_context, read_mode
from dateline.events.conventions import apply_conventions
from dateline.events.decide import (
    carried,
    for_reason,
    framed,
    identified,
    intent,
    place_and_date,
    unique,
)
from dateline.events.doers import act_modifiers, joint_act, joint_doers, thing_as_doer
from dateline.events.matcher import find_triggers
from dateline.events.participants import (
    anaphoric_target,
    between,
    co_agents,
    different_people,
    judge_acts,
    only_pronouns,
    same,
    settle,
    sources_of,
    targets_of,
)
from dateline.events.roles import MentionIndex, build_index
from dateline.events.status import StatusReading, read_status
from dateline.events.threats import (
    announced_or_foretold,
    done_by_someone,
    speaker_threatens,
    threat_voiced,
)
from dateline.models import (
    QUAD_CLASS,
    Actor,
    AnnotatedDocument,
    Document,
    Event,
    Evidence,
    Sentence,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from dateline.events.patterns import Triggers


def assign_roles(
    candidate: Candidate,
    span: Span,
    index: MentionIndex,
    triggers: Triggers,
    previous: list[Event] | None,
) -> None:
    """Fill the candidate's sources, targets and co-agents from the parse."""
    hit, trace = candidate.hit, candidate.trace
    between_src, between_tgt = between(hit, index, triggers)
    if between_src:
        sources, targets = between_src, between_tgt
        trace.append("roles.between")
    else:
        sources = sources_of(hit, index, triggers, trace)
        targets = [
            t
            for t in targets_of(hit, index, triggers, trace)
            if not any(same(t, s) for s in sources)
        ]
    joint = co_agents(hit, index, triggers)
    if joint:
        # "Macron hosted it together with Starmer": Starmer hosted too.
        trace.append("roles.together-with")
        targets = [t for t in targets if not any(same(t, c) for c in joint)]
        sources = sources + joint
    if previous and not any(t.code for t in targets):
        earlier = anaphoric_target(targets, sources, span, previous, triggers)
        if earlier is not None:
            trace.append("roles.anaphoric-act")
            targets = [earlier]
    sources = settle(sources, span, index, triggers, trace)
    # "discussed a meeting between X and Y": the topic of talks names none of their parties.
    parties = hit.pattern.type not in triggers.cue("roles", "topic_types")
    targets = [
        t
        for t in settle(targets, span, index, triggers, trace, hit.anchor, parties)
        if not any(same(t, s) for s in sources)
    ]
    targets = _not_own_act(targets, sources, act_modifiers(hit, triggers), trace)
    candidate.sources, candidate.targets, candidate.joint = sources, targets, joint
    if hit.pattern.id in triggers.cue("roles", "undergoer_patterns"):
        undergone(candidate, index, triggers)  # "faced criticism from X": X accuses


def _not_own_act(
    targets: list[Actor], sources: list[Actor], modifiers: list[Token], trace: Trace
) -> list[Actor]:
    """Targets less those of a source's own country that only qualify the event's noun: "the
    U.S. will deliver U.S. assistance to Lebanon" is aimed at Lebanon, not at the U.S.
    (rule ``roles.own-act``; "approved Ukraine aid" keeps Ukraine, a country apart)."""

    def country(actor: Actor) -> str | None:
        return actor.country or (actor.code.split()[0] if actor.code else None)

    own = {country(a) for a in sources if a.code}
    places = [(t.idx, t.idx + len(t.text)) for t in modifiers]

    def qualifies(actor: Actor) -> bool:
        if actor.start is None or actor.end is None or country(actor) is None:
            return False
        inside = any(actor.start <= s and e <= actor.end for s, e in places)
        return country(actor) in own and inside

    kept = [t for t in targets if not qualifies(t)]
    if len(kept) < len(targets):
        trace.append("roles.own-act")
    return kept


def worth_coding(
    candidate: Candidate, sent: Sentence, span: Span, triggers: Triggers, index: MentionIndex
) -> bool:
    """Whether the candidate has participants anyone could code; tidies repeated actors. (A
    wrong a court or an inquiry finds stands without a doer named: "the judge ruled the
    male-only draft violated the constitution".)"""
    hit = candidate.hit
    sources, targets = candidate.sources, candidate.targets
    if hit.pattern.id in triggers.cue("roles", "host_required") and not (
        any(t.code for t in targets) and any(a.code for a in sources)
    ):
        return False  # travelling is a visit only by someone coded to a host named
    if hit.pattern.id in triggers.cue("roles", "blamed_patterns"):
        harms = triggers.cue("roles", "blame_nouns")
        if hit.pattern.id not in triggers.cue("roles", "wrong_patterns") and not any(
            t.lemma_.lower() in harms for t in hit.anchor.subtree
        ):
            return False  # "is responsible for foreign trade": a duty, no blame
        if not (sources or targets) and not (
            hit.pattern.id in triggers.cue("roles", "wrong_patterns")
            and finder(hit.anchor, index, triggers)[1] == "attribution.finding"
        ):
            return False  # "who was behind the attack is unclear": no one is blamed
    if vague_concern(candidate, triggers):
        return False  # "remains concerned by the humanitarian situation": no one's act
    if hit.pattern.id in triggers.cue("roles", "voiced_patterns"):
        return True  # "the killing is unacceptable": condemned by whoever says so
    if hit.pattern.id in triggers.cue("roles", "doer_patterns") and thing_as_doer(
        hit.anchor, triggers
    ):
        return False  # "the break will allow him to plan": a thing enables, no one concedes
    if hit.pattern.id in triggers.cue("roles", "joint_patterns") and not joint_doers(hit.anchor):
        return False  # "he spoke about the alliance": a statement, not talks
    if (
        hit.noun is not None
        and hit.noun.lemma_.lower() in triggers.cue("roles", "partner_nouns")
        and hit.pattern.id in triggers.cue("roles", "partner_patterns")
        and not joint_act(hit, triggers)
    ):
        return False  # "Israel launched an operation": no one to cooperate with
    hazards = triggers.cue("roles", "hazard_nouns")
    if any(c.dep_ == "nsubj" and c.lemma_.lower() in hazards for c in hit.anchor.children):
        return False  # "an earthquake hit the country": no one acted
    if (
        hit.noun is not None
        and hit.noun.lemma_.lower() in triggers.cue("roles", "disaster_measures")
        and any(t.lemma_.lower() in hazards for t in span)
    ):
        return False  # "declared a state of emergency as the storm neared": relief, no coercion
    # An event noun alone needs a participant someone could code: "the talks" says nothing
    # of who; "an attack by the Taliban" names its doer even before the Taliban has a code.
    bare_noun = hit.token.pos_ in ("NOUN", "PROPN") and hit.support is None
    if reported_as_happening(candidate, triggers):
        return True
    # A personal pronoun in a text's first sentence points before the text (an excerpt
    # that starts mid-story: "They arrested a man"); later, one the annotator could not
    # resolve still stands for someone when it is a clause's subject ("They released him on
    # bail", "We call for ..."; not "committing them to ...").
    people = triggers.cue("roles", "person_pronouns" if sent.index == 0 else "subject_pronouns")
    if bare_noun and not any(identified(a, span, people) for a in sources + targets):
        return False
    sources, targets = unique(sources), unique(targets)
    # An actor does not act on itself under the same code ("EU adopted sanctions ... EU").
    # Two people named apart are two actors even under one code.
    targets = [
        t for t in targets
        if not (t.code and any(t.code == s.code and not different_people(t, s) for s in sources))
    ]  # fmt: skip
    candidate.sources, candidate.targets = sources, targets
    if not sources and not targets:
        return False  # no one takes part: nothing to record
    # "She declined to describe its contents": no actor anyone could code, nowhere;
    # "how it could contribute": an unresolved pronoun does nothing anyone can code.
    return any(identified(a, span, people) for a in sources + targets) or bool(
        sent.places and not only_pronouns(sources, span)
    )


def reported_as_happening(candidate: Candidate, triggers: Triggers) -> bool:
    """Whether the sentence reports the act itself although no one in it is named: a crowd's
    or combatants' event noun that is the subject of a verb of occurring ("protests continued
    across the city", "fighting broke out"; not "the talks continued"), or a verb of violence
    whose subject is a weapon or an attack ("rockets struck the base", "the attack killed
    twelve")."""
    hit = candidate.hit
    token = hit.token
    occurring = candidate.type in triggers.cue("roles", "occurrence_types")
    if token.pos_ in ("NOUN", "PROPN") and hit.support is None:
        if not occurring:
            return False
        if token.lemma_.lower() in triggers.cue("roles", "doer_event_nouns"):
            # "demonstrators chanted slogans", "hundreds of protesters gathered"
            head = token.head.head if token.head.lower_ == "of" else token
            verb = head.head.lemma_.lower()
            return (
                head.dep_ == "nsubj"
                and verb in triggers.cue("roles", "crowd_verbs")
                and verb not in triggers.by_verb
            )
        return token.dep_ == "nsubj" and token.head.lemma_.lower() in triggers.cue(
            "roles", "occurrence_verbs"
        )
    if occurring and hit.noun is not None and hit.noun.dep_ == "nsubjpass":
        return True  # "rallies were held in several cities": held, whoever held them
    if candidate.type != "ASSAULT" or token.pos_ not in ("VERB", "AUX"):
        return False
    attacks = {n for n, pats in triggers.by_noun.items() if pats[0].type == "ASSAULT"}
    weapons = triggers.cue("roles", "weapon_nouns") | attacks
    return any(c.dep_ == "nsubj" and c.lemma_.lower() in weapons for c in token.children)


def decide(
    candidate: Candidate,
    reading: StatusReading,
    span: Span,
    index: MentionIndex,
    triggers: Triggers,
) -> None:
    """Type (an announced act becomes the intent it is), status and attribution."""
    hit, trace = candidate.hit, candidate.trace
    candidate.status = reading.status
    trace.append(reading.rule)
    made = apply_conventions(
        hit, intent(hit, reading.status, triggers, trace), reading, triggers, trace
    )
    candidate.type, candidate.mode, candidate.context, candidate.cameo = (
        made.type,
        made.mode,
        made.context,
        made.cameo,
    )
    wrongs = triggers.cue("roles", "wrong_patterns")
    alleged = hit.pattern.id in wrongs or wrongful_act(hit, candidate.type, index, triggers)
    if alleged and hit.pattern.id not in wrongs:
        # "determined that X is wrongfully detained by Russia": an allegation against Russia
        trace.append("intent.alleged-wrong")
        candidate.type, candidate.mode, candidate.cameo = "ACCUSE", "allege", "11"
    if triggers.contexts is not None:
        topic = read_context(hit.anchor, span, made.context, triggers.contexts)
        candidate.context = topic.value
        if topic.rule:
            trace.append(topic.rule)
    if triggers.modes is not None and candidate.mode is None:
        how = read_mode(hit.anchor, span, candidate.type, triggers.modes)
        candidate.mode = how.value
        if how.rule:
            trace.append(how.rule)
    said_by, said_rule = attribution(hit.anchor, span, index, triggers)
    if said_by is None and alleged:
        # "the court ruled that X violated the law": the court makes the allegation
        said_by, said_rule = finder(hit.anchor, index, triggers)
    if made.governor is not None:
        # "are ready to lead", "offered to send": the offer is the event, and it was made
        # when the governing verb says (a readiness stated now has been stated).
        offer = read_status(made.governor, triggers)
        candidate.status = "occurred" if offer.status == "occurring" else offer.status
        # (A convention's governor dates the act the same way: "failed [to agree]".)
        kind = "offer" if made.kind in ("cooperate", "voiced") else made.kind
        trace.append(f"intent.{kind}-{offer.rule}")
    if candidate.type == "REJECT" and reading.basis == "reported-future":
        # "X said Moscow would veto any text": the refusal is voiced now.
        trace.append("status.voiced-refusal")
        candidate.status = "occurred"
    voiced = made.kind == "voiced" and made.governor is None
    if made.kind == "refused" or voiced or (made.kind == "threaten" and said_by):
        # "would not agree", "X said it could strike", "would meet X if ...": the refusal, the
        # threat or the intention someone voiced is what happened; the reporter's own "could"
        # stays hypothetical.
        candidate.status = "occurred"
    if said_rule:
        trace.append(said_rule)
    candidate.attributed_to = said_by
    if alleged or hit.pattern.id in triggers.cue("roles", "blamed_patterns"):
        # "officials said Belarus was behind the sabotage": Belarus is blamed, by whoever
        # says so (no one, when the report itself says it).
        trace.append("roles.speaker-blames")
        if candidate.sources and alleged:
            # "said the police had abused detainees": the police are blamed, not the detainees
            candidate.targets = unique(candidate.sources)
        else:
            candidate.targets = unique(candidate.sources + candidate.targets)
        candidate.sources = (
            [said_by]
            if said_by is not None and not any(same(said_by, t) for t in candidate.targets)
            else []
        )  # no one blames itself: a speaker found among the blamed is a misread one
    elif (
        said_by is not None
        and not any(a.code for a in candidate.sources)
        and hit.pattern.id in triggers.cue("roles", "voiced_patterns")
    ):
        # "the ministry said the attack was a violation": the one who says it condemns; the
        # clause's subject is the act condemned, not its judge.
        trace.append("roles.speaker-judges")
        candidate.sources = [said_by]
    elif hit.pattern.id in triggers.cue("roles", "voiced_patterns"):
        judge_acts(candidate, said_by, index)


def _pairs(candidate: Candidate, triggers: Triggers) -> list[tuple[list[Actor], Actor | None]]:
    """(sources, target) of each event the candidate makes.

    Coordinated sources act each on their own: one event per source and target ("Britain
    and France condemned X": two condemnations). A symmetric act of two coded sources with no
    coded target is one event each way ("X and Y met": X met Y, Y met X); of three or more,
    one event per source with no target, not every ordered pair ("the four leaders signed").
    """
    sources, targets = candidate.sources, candidate.targets
    each_target: list[Actor | None] = list(targets) or [None]
    coded_sources = [a for a in sources if a.code]
    pattern = candidate.hit.pattern
    if (
        (
            candidate.type in triggers.cue("roles", "symmetric_types")
            or pattern.type in triggers.cue("roles", "symmetric_pattern_types")
        )
        and not candidate.joint
        and pattern.mode != "visit"
        and len(coded_sources) > 1
        and not any(t.code for t in targets)
    ):
        if len(coded_sources) > 2:
            candidate.trace.append("roles.joint-act")
            return [([a], None) for a in coded_sources]
        # "X and Y met": X met Y and Y met X.
        candidate.trace.append("roles.symmetric")
        return [([a], b) for a in coded_sources for b in coded_sources if a is not b]
    if len(sources) > 1:
        candidate.trace.append("roles.each-source")
        return [([a], t) for a in sources for t in each_target]
    return [(list(sources), t) for t in each_target]


def to_events(
    candidate: Candidate, document: Document, sent: Sentence, triggers: Triggers
) -> list[Event]:
    """The finished candidate as events, each with its evidence and the trace's rules."""
    hit = candidate.hit
    words = hit.words
    trigger_start = words[0].idx
    trigger_end = words[-1].idx + len(words[-1].text)
    pairs = _pairs(candidate, triggers)
    rules = candidate.trace.rules()
    events: list[Event] = []
    for sources, target in pairs:
        codes = [a.code or a.text for a in sources] + [target.code or target.text if target else ""]
        event_id = Event.make_id(
            document.id, trigger_start, trigger_end, hit.pattern.id, candidate.type, *codes
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
                type=candidate.type,
                mode=candidate.mode,
                context=candidate.context,
                status=candidate.status,
                source=list(sources),
                target=[target] if target else [],
                evidence=evidence,
                place=candidate.place,
                date=candidate.date,
                date_precision=candidate.precision,
                attributed_to=candidate.attributed_to,
                cameo=candidate.cameo,
                doc_id=document.id,
                quad_class=QUAD_CLASS[candidate.type],
            )
        )
    return events


def sentence_events(
    annotated: AnnotatedDocument,
    sent: Sentence,
    span: Span,
    index: MentionIndex,
    triggers: Triggers,
    previous: list[Event],
    voiced: bool,
) -> list[Event]:
    """The events of one sentence (``span`` is its parse); ``previous`` are the acts of the
    sentences just before, for a definite act noun that points back ("rejected the offer");
    ``voiced``: whether the text is an official statement in its author's voice
    (``allegation.speaks_as_author``, worked out once per document by ``code_events``)."""
    events: list[Event] = []
    # An official statement's own words may voice a verdict (see ``allegation.own_voice``).
    # "responded to the attack with airstrikes": the airstrikes are the act, not a response
    hits = announced_or_foretold(find_triggers(span, triggers, voiced=voiced), triggers)
    for hit in hits:
        candidate = Candidate.of(hit)
        assign_roles(candidate, span, index, triggers, previous)
        if not worth_coding(candidate, sent, span, triggers, index):
            continue
        if not done_by_someone(candidate, triggers):
            continue  # "rising sea levels threaten the Maldives": no one threatens
        reading = read_status(hit.anchor, triggers)
        if reading.basis == "condition":
            continue  # "if Russia attacked": a condition, not a reported event
        if framed(hit, hits, triggers) or carried(hit, hits, triggers) or for_reason(hit, triggers):
            continue
        if (
            hit.pattern.id in triggers.cue("roles", "voiced_patterns")
            and candidate.type in triggers.cue("roles", "negated_verdict_types")
            and any(c.dep_ == "neg" for c in hit.anchor.children)
        ):
            continue  # "journalism is not a crime", "said X had not lied": no verdict against
        decide(candidate, reading, span, index, triggers)
        speaker_threatens(candidate, triggers)
        literal_fire(candidate, index, triggers)
        threat_voiced(candidate, triggers)
        candidate.place, candidate.date, candidate.precision = place_and_date(
            annotated, sent, candidate.status, candidate.trace, hit, candidate.actors()
        )
        events.extend(to_events(candidate, annotated.document, sent, triggers))
    return _one_per_act(events)


def _codes(actors: list[Actor]) -> frozenset[str]:
    return frozenset(a.code for a in actors if a.code)


def _named(actors: list[Actor]) -> frozenset[tuple[str, str]]:
    """Actors that are coded or named ("Sumy", not "11 others"), as named: "shelled Kharkiv
    and shelled Sumy" hit two targets, whatever their codes."""
    return frozenset(
        (a.code or "", a.text.lower()) for a in actors if a.code or a.text[:1].isupper()
    )


def _same_place(a: Event, b: Event) -> bool:
    """Whether two events may have happened at one place: the same, or one names none."""
    if a.place is None or b.place is None:
        return True
    return (a.place.name, a.place.country) == (b.place.name, b.place.country)


def _one_per_act(events: list[Event]) -> list[Event]:
    """One event per act of a sentence: two triggers of one type, status, date, place and
    source whose targets are the same or one's are a part of the other's ("a missile strike
    killed nine and wounded 27", "attended the meeting, which Macron hosted") are one event,
    reported by the trigger that names more of it (the first in the text when neither
    does). Events with no coded source are left alone: nothing says they are the same
    actor's."""
    kept: list[Event] = []
    for event in events:
        sources = _codes(event.source)
        twin = next(
            (
                k for k in kept
                if sources and k.type == event.type and k.status == event.status
                and k.date == event.date and _same_place(k, event)
                and _codes(k.source) == sources
                and (_named(k.target) <= _named(event.target)
                     or _named(event.target) <= _named(k.target))
            ),
            None,
        )  # fmt: skip
        if twin is None:
            kept.append(event)
        elif len(_named(event.target)) > len(_named(twin.target)):
            kept[kept.index(twin)] = event
    return kept


def _start_of(annotated: AnnotatedDocument, number: int) -> int:
    """The start offset of sentence ``number`` (0 for numbers before the first)."""
    sentences = annotated.sentences
    return sentences[number].start if 0 <= number < len(sentences) else 0


def document_index(
    annotated: AnnotatedDocument, doc: Doc, capitals: dict[str, str]
) -> MentionIndex:
    """The document's mentions and places by token (``roles.build_index``), for the coder
    and for the stages after it that code with the same roles (``learned``)."""
    index = build_index(annotated.mentions, doc, capitals)
    for sent in annotated.sentences:
        for place in sent.places:
            span = doc.char_span(place.start, place.end, alignment_mode="expand")
            if span is not None and place.country:
                index.places.update({t.i: (place.text, place.country) for t in span})
    return index


def code_document(
    annotated: AnnotatedDocument, doc: Doc, triggers: Triggers, capitals: dict[str, str]
) -> list[Event]:
    """Code the events of ``annotated`` parsed as ``doc``, with the trigger patterns and the
    capital → ISO3 table. Returns the events in text order."""
    index = document_index(annotated, doc, capitals)
    voiced = speaks_as_author(index, doc, triggers)
    events: list[Event] = []
    for sent in annotated.sentences:
        span = doc.char_span(sent.start, sent.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        # The acts of the two sentences before, for "rejected the offer".
        recent = [e for e in events if e.evidence.start >= _start_of(annotated, sent.index - 2)]
        events.extend(sentence_events(annotated, sent, span, index, triggers, recent, voiced))
    return events
