"""PLOVER's conventions for announced, conditional, conceded and refused acts.

The word lists live in the ``[intent]`` table of ``event_cues.toml``; each convention that
applies records its rule id in the candidate's trace:

- ``intent.meeting``: a meeting announced ("is ready to meet", "offered to host talks") or
  offered on a condition ("would meet X if ...") is AGREE, intent to meet (CAMEO 036); a
  meeting scheduled or foretold ("said it would meet") stays a planned CONSULT.
- ``intent.refused-meeting``: a meeting refused ("will not attend the meeting", "declined
  to meet the envoy") is REJECT (CAMEO 12).
- ``intent.conditional-threat``: a protest, sanction or coercion announced on a condition
  ("will impose sanctions if ...") is THREATEN (CAMEO 13).
- ``intent.concede-demands``: accepting or meeting demands is CONCEDE (CAMEO 08).
- ``intent.failed-to-agree``: failing, refusing or declining to agree, and agreeing not at
  all ("did not agree"), is REJECT (CAMEO 12).
- ``intent.demand``: a demand or an insistence is REQUEST with CAMEO root 10, not 02.
- ``intent.riot``: violence done by protesters ("protesters clashed with police") is PROTEST,
  mode riot (CAMEO 145).
- ``intent.joint``: a show of force done jointly ("jointly patrolling") is COOPERATE (062).
- ``intent.show-of-force``: drills held by one side alone ("China staged drills") are
  MOBILIZE (CAMEO 150), not cooperation.
- ``intent.weapons-test``: missiles fired into the sea ("launched a ballistic missile into
  the Sea of Japan") demonstrate military power (MOBILIZE, CAMEO 150); they attack no one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dateline.events.candidate import Intent

if TYPE_CHECKING:
    from spacy.tokens import Token

    from dateline.events.candidate import Trace
    from dateline.events.matcher import Hit
    from dateline.events.patterns import Triggers
    from dateline.events.status import StatusReading

# Control links through which a governing verb or adjective says what becomes of the act
# ("ready [to meet]", "failed [to agree]"); not a report's complement or a coordinated verb
# ("offered to host X and said he had discussed it": the discussion is no offer).
_GOVERNED = ("xcomp", "acomp")


def _governors(anchor: Token, steps: int = 3) -> list[Token]:
    """The verbs (or adjectives) governing ``anchor`` through control links, nearest first."""
    out: list[Token] = []
    current = anchor
    for _ in range(steps):
        if current.dep_ not in _GOVERNED or current.head.i == current.i:
            break
        current = current.head
        out.append(current)
    return out


def _conditional(anchor: Token, triggers: Triggers) -> bool:
    """Whether the act's clause (or a verb governing it) carries a condition clause: "would
    meet X if sanctions were lifted", "is ready to strike unless ..."."""
    conditions = triggers.cue("status", "conditions")
    for verb in [anchor, *_governors(anchor)]:
        for clause in verb.children:
            if clause.dep_ == "advcl" and any(
                m.dep_ == "mark" and m.lower_ in conditions for m in clause.children
            ):
                return True
    return False


def _announced(anchor: Token, triggers: Triggers) -> Token | None:
    """The word that makes the act an announced intention ("ready [to meet]", "offered [to
    host]", "proposed [to hold talks]"); ``None`` when the act is simply reported, scheduled
    or foretold ("is scheduled to meet", "said it would meet": a planned meeting)."""
    cues = triggers.cue("intent", "cues") | triggers.cue("intent", "meeting_cues")
    for verb in _governors(anchor):
        if verb.lemma_.lower() in cues or any(
            c.dep_ in ("acomp", "amod") and c.lemma_.lower() in cues for c in verb.children
        ):
            return verb
    return None


def _object_lemmas(verb: Token) -> set[str]:
    """The verb's objects, and what it agrees or bows "to" ("agreed to the demand")."""
    own = [c for c in verb.children if c.dep_ in ("dobj", "obj", "nsubjpass")]
    own += [
        g
        for c in verb.children
        if c.dep_ == "prep" and c.lower_ == "to"
        for g in c.children
        if g.dep_ == "pobj"
    ]
    return {c.lemma_.lower() for c in own}


def _partnered(hit: Hit, triggers: Triggers) -> bool:
    """Whether drills have a partner: "joint drills", "drills with X", "X and Y held drills"."""
    noun = hit.noun if hit.noun is not None else hit.token
    if any(c.lemma_.lower() in triggers.cue("intent", "partner_words") for c in noun.children):
        return True
    preps = triggers.cue("intent", "partner_preps")
    if any(c.dep_ == "prep" and c.lower_ in preps for h in (noun, hit.anchor) for c in h.children):
        return True
    subject = next((c for c in hit.anchor.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subject is not None and (
        any(c.dep_ == "conj" for c in subject.children) or subject.tag_ in ("NNS", "NNPS")
    )


def _into_the_sea(hit: Hit, triggers: Triggers) -> bool:
    """Whether the act fires a missile (``[intent] launch_weapons``) into or over the sea
    (``[intent] sea_words``): "fired two missiles into the sea off its east coast"."""
    anchor = hit.anchor
    weapons = [hit.noun] if hit.noun is not None else []
    weapons += [c for c in anchor.children if c.dep_ in ("dobj", "nsubjpass")]
    if not any(w.lemma_.lower() in triggers.cue("intent", "launch_weapons") for w in weapons):
        return False
    seas = triggers.cue("intent", "sea_words")
    return any(
        c.dep_ == "prep"
        and c.lower_ in ("into", "over", "in")
        and any(g.dep_ == "pobj" and g.lemma_.lower() in seas for g in c.children)
        for c in anchor.children
    )


def apply_conventions(
    hit: Hit, made: Intent, reading: StatusReading, triggers: Triggers, trace: Trace
) -> Intent:
    """The ``Intent`` after PLOVER's conventions (``made`` when none applies).

    Takes the hit, what ``decide.intent`` made of it, the status read from its clause, the
    triggers (for the cue lists) and the trace. A convention that dates the act by another
    verb ("failed [to agree]", "ready [to meet]") returns that verb as ``governor``; one that
    makes the act a statement made now returns kind ``"voiced"``.
    """
    cue = triggers.cue
    anchor = hit.anchor
    context = made.context
    if made.type in cue("intent", "meeting_types"):
        refusing = next(
            (v for v in _governors(anchor) if v.lemma_.lower() in cue("intent", "failure_verbs")),
            None,
        )
        future = cue("status", "future_modals") | {"would"}
        if refusing is not None or (
            reading.basis == "negation"
            and any(c.dep_ == "aux" and c.lower_ in future for c in anchor.children)
        ):
            # "will not attend the meeting", "refused to meet the envoy": a meeting turned
            # down is a rejection (CAMEO 12), voiced now.
            trace.append("intent.refused-meeting")
            return Intent("REJECT", None, context, "12", "refused", refusing)
        announcer = _announced(anchor, triggers)
        if announcer is not None or _conditional(anchor, triggers):
            trace.append("intent.meeting")
            return Intent("AGREE", None, context, "03", "voiced", announcer)
    if (
        made.type in cue("intent", "conditional_threat_types")
        and reading.status in ("planned", "expected", "hypothetical")
        and _conditional(anchor, triggers)
    ):
        trace.append("intent.conditional-threat")
        return Intent("THREATEN", None, context, "13", "threaten")
    if anchor.lemma_.lower() in cue("intent", "concede_verbs") and _object_lemmas(anchor) & cue(
        "intent", "demand_nouns"
    ):
        if reading.status == "denied":
            trace.append("intent.refused-demands")
            return Intent("REJECT", None, context, "12", "refused")
        trace.append("intent.concede-demands")
        return Intent("CONCEDE", None, context, "08", made.kind, made.governor)
    if made.type == "AGREE":
        failing = next(
            (v for v in _governors(anchor) if v.lemma_.lower() in cue("intent", "failure_verbs")),
            None,
        )
        if failing is not None:
            trace.append("intent.failed-to-agree")
            return Intent("REJECT", None, context, "12", "failed", failing)
        if reading.basis == "negation" and made.kind in ("as-is", "agree"):
            # "the two sides did not agree on a truce": no agreement is a refusal.
            trace.append("intent.failed-to-agree")
            return Intent("REJECT", None, context, "12", "refused")
    noun = hit.noun if hit.noun is not None else hit.token
    if (
        made.type in cue("intent", "no_deal_types")
        and noun.pos_ in ("NOUN", "PROPN")
        and any(c.dep_ == "det" and c.lower_ in cue("intent", "no_words") for c in noun.children)
    ):
        # "there will be no negotiations with the opposition", "said it had no plans for
        # talks", "no agreement was reached": talks or a deal refused (CAMEO 12).
        trace.append("intent.no-deal")
        return Intent("REJECT", None, context, "12", "refused")
    if made.type == "CONCEDE" and reading.basis == "negation" and made.kind == "as-is":
        # "has not yet conceded the election", "did not concede defeat": a concession withheld
        # is a refusal (CAMEO 12).
        trace.append("intent.withheld-concession")
        return Intent("REJECT", None, context, "12", "refused")
    crowds = cue("intent", "riot_subjects")
    if made.type in cue("intent", "riot_types") and (
        any(c.dep_ == "nsubj" and c.lemma_.lower() in crowds for c in anchor.children)
        or (
            hit.token.pos_ in ("NOUN", "PROPN")
            and any(
                g.dep_ == "pobj" and g.lemma_.lower() in crowds
                for c in hit.token.children
                if c.dep_ == "prep" and c.lower_ in ("with", "between", "by")
                for g in c.children
            )
        )
    ):
        # "protesters clashed with the police and threw rocks", "clashes with counter-protesters
        # broke out": a protest turned violent is PROTEST with mode riot (CAMEO 145), not an
        # armed assault.
        trace.append("intent.riot")
        return Intent("PROTEST", "riot", context, "14", made.kind, made.governor)
    if made.type in cue("intent", "in_protest_types") and any(
        c.dep_ == "prep"
        and c.lower_ == "in"
        and any(
            g.dep_ == "pobj" and g.lemma_.lower() in cue("intent", "protest_nouns")
            for g in c.children
        )
        for c in anchor.children
    ):
        # "burned their headscarves in protest", "walked out of the session in protest": an act
        # done as a protest is the protest (CAMEO 14).
        trace.append("intent.in-protest")
        return Intent("PROTEST", None, context, "14", made.kind, made.governor)
    if made.type in cue("intent", "joint_types") and any(
        c.dep_ == "advmod" and c.lower_ in cue("intent", "joint_adverbs") for c in anchor.children
    ):
        trace.append("intent.joint")
        return Intent("COOPERATE", None, "military", "06", made.kind, made.governor)
    if (
        made.type == "COOPERATE"
        and hit.noun is not None
        and hit.noun.lemma_.lower() in cue("intent", "show_of_force_nouns")
        and not _partnered(hit, triggers)
    ):
        trace.append("intent.show-of-force")
        return Intent("MOBILIZE", "troops", "military", "15", made.kind, made.governor)
    if made.type == "ASSAULT" and _into_the_sea(hit, triggers):
        trace.append("intent.weapons-test")
        return Intent("MOBILIZE", "troops", "military", "15", made.kind, made.governor)
    if made.type == "REQUEST" and hit.token.lemma_.lower() in cue("intent", "demand_words"):
        trace.append("intent.demand")
        return Intent(made.type, made.mode, context, "10", made.kind, made.governor)
    return made
