"""Allegations made by reporting a wrong: "the judge found that Manafort had lied", "critics
claim the government is muzzling the press".

A verb of wrongdoing names no PLOVER event by itself when someone reports it: the report is
the event, an accusation (ACCUSE, mode allege, CAMEO 112) by whoever says or finds it against
whoever is said to have done the wrong. Trigger patterns marked ``reported`` fire only where
``reported_clause`` holds; the coder then blames the clause's actor (``blamed_patterns`` in
``event_cues.toml``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dateline.events.participants import statement_author
from dateline.events.roles import MentionIndex, actors_of, prep_objects
from dateline.models import Actor

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from dateline.events.candidate import Candidate
    from dateline.events.matcher import Hit
    from dateline.events.patterns import Triggers

# Links from a reported clause up to the verb that reports it: its complement ("said [X had
# lied]"), a clause beside it ("X lied, the court found"), or a second wrong coordinated
# with the first ("had lied and [violated] the deal").
REPORT_LINKS = frozenset({"ccomp", "parataxis"})
# Quotation marks: a sentence that quotes someone is not in the statement author's voice.
QUOTES = frozenset({'"', "\u201c", "\u201d", "``", "''"})
MAX_STEPS = 4


def _report_head(verb: Token, heads: frozenset[str]) -> Token | None:
    """The verb of saying or judging whose report ``verb`` heads (see ``reported_clause``)."""
    current = verb
    for _ in range(MAX_STEPS):
        parent = current.head
        if parent.i == current.i:
            return None
        if current.dep_ in REPORT_LINKS or (current.dep_ == "acl" and parent.pos_ == "NOUN"):
            # "said [X had lied]", "made a determination [that X is wrongfully detained]"
            return parent if parent.lemma_.lower() in heads else None
        if current.dep_ == "xcomp" or (current.dep_ == "conj" and parent.pos_ in ("VERB", "AUX")):
            current = parent
            continue
        return None
    return None


def reported_clause(verb: Token, heads: frozenset[str]) -> bool:
    """Whether ``verb`` heads what someone reports, finds or rules: the complement of one of
    the lemmas ``heads`` (verbs of saying and judging), reached through coordinated verbs
    ("said X had lied and violated the deal") and passive or control verbs above it ("claimed
    he was wrongfully imprisoned", "alleged it continued to interfere"). Takes the verb and
    the lemmas; returns True or False."""
    return _report_head(verb, heads) is not None


def own_voice(verb: Token) -> bool:
    """Whether ``verb`` stands in words of the text's own author as a verdict: its sentence
    quotes no one, and it is no relative clause describing whoever did a wrong. (Used only
    for an official statement, whose author's voice is a government's: "the regime continues
    to muzzle the press".)"""
    if verb.dep_ in ("relcl", "pcomp") or (verb.dep_ == "acl" and verb.tag_ in ("VBN", "VBG")):
        # "to hold accountable those who committed abuses", "those responsible for wrongfully
        # detaining", "the families of those wrongfully detained": whoever did it, or suffered
        # it, is described; no one is accused
        return False
    return not any(t.text in QUOTES for t in verb.sent)


def speaks_as_author(index: MentionIndex, doc: Doc, triggers: Triggers) -> bool:
    """Whether the text is an official statement in its author's voice: the annotator found
    its author (``participants.statement_author``), or it speaks in the first person plural
    (``[roles] author_pronouns``) in a sentence that quotes no one ("We condemn ...", "We
    call on ...") although no single author could be named."""
    if statement_author(index) is not None:
        return True
    pronouns = triggers.cue("roles", "author_pronouns")
    return any(
        t.lower_ in pronouns and t.pos_ == "PRON" and not any(q.text in QUOTES for q in t.sent)
        for t in doc
    )


def finder(verb: Token, index: MentionIndex, triggers: Triggers) -> tuple[Actor | None, str | None]:
    """Who alleges the wrong at ``verb`` when no verb of saying names a speaker, and the rule:
    the subject of a verb of judging that reports it ("the court ruled that ...",
    "investigators concluded ...": ``attribution.finding``), or, for a wrong no one reports,
    the author of the official statement it stands in ("the regime continues to muzzle the
    press": ``attribution.statement-verdict``). (None, None) when neither is known."""
    heads = triggers.cue("roles", "report_heads")
    head = _report_head(verb, heads | triggers.cue("attribution", "verbs"))
    if head is None:
        author = statement_author(index)
        return (author, "attribution.statement-verdict") if author is not None else (None, None)
    if head.lemma_.lower() not in heads:
        return None, None
    subject = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    actors = actors_of(subject, index, triggers) if subject is not None else []
    return (actors[0], "attribution.finding") if actors else (None, None)


def undergone(candidate: Candidate, index: MentionIndex, triggers: Triggers) -> None:
    """Roles of an act its subject undergoes (``[roles] undergoer_patterns``: "the president
    faced criticism from church leaders", "the senator faces charges", "Iran will face
    consequences", "the convoy came under attack from rebels"): the subject is the target,
    the actors of a "from" or "by" phrase on the noun or the verb are the sources (rule
    ``roles.undergoer``); other targets (what the criticism was for) are dropped."""
    hit = candidate.hit
    accusers = _accusers(hit, index, triggers)
    if not candidate.sources:
        # "the new law came under fire from the EU": the EU accuses; no actor is accused
        if accusers:
            candidate.trace.append("roles.undergoer")
            candidate.sources, candidate.targets = accusers, []
        return
    subject = next((c for c in hit.anchor.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is not None and subject.lemma_.lower() in triggers.by_noun:
        # "the deportation of refugees by Pakistan drew criticism": the act is criticised,
        # so its doer is the one accused; with no doer named, the act is the news.
        doers = [a for h in prep_objects(subject, frozenset({"by"})) for a in
                 actors_of(h, index, triggers)]  # fmt: skip
        candidate.trace.append("roles.undergone-act")
        candidate.sources = accusers
        candidate.targets = doers if accusers else []
        return
    candidate.trace.append("roles.undergoer")
    candidate.targets = candidate.sources
    candidate.sources = accusers


def _accusers(hit: Hit, index: MentionIndex, triggers: Triggers) -> list[Actor]:
    """The actors of a "from" or "by" phrase on the verb or its noun ("came under fire from
    X", "faced criticism by X")."""
    preps = frozenset({"from", "by"})
    heads = prep_objects(hit.token, preps)
    if hit.noun is not None:
        heads += prep_objects(hit.noun, preps)
    return [a for h in heads for a in actors_of(h, index, triggers)]


def literal_fire(candidate: Candidate, index: MentionIndex, triggers: Triggers) -> None:
    """After ``undergone``: "troops came under fire near Idlib", "came under fire from
    rebels" is shooting (ASSAULT, CAMEO 19), not words, when no one or only armed actors
    fire (rule ``roles.literal-fire``); "came under fire from rights groups" stays an
    accusation."""
    hit = candidate.hit
    if (
        hit.pattern.id in triggers.cue("roles", "undergoer_patterns")
        and hit.noun is not None
        and hit.noun.lemma_.lower() in triggers.cue("roles", "literal_undergone")
        and all(
            a.sector in triggers.cue("roles", "armed_sectors")
            for a in _accusers(hit, index, triggers)
        )
    ):
        candidate.trace.append("roles.literal-fire")
        candidate.type, candidate.mode, candidate.context, candidate.cameo = (
            "ASSAULT", None, "military", "19")  # fmt: skip


def wrongful_act(hit: Hit, type_: str, index: MentionIndex, triggers: Triggers) -> bool:
    """Whether a material act is reported as a wrong: a coercion or an attack qualified by an
    adverb of wrongfulness ("is wrongfully detained by Russia", "unlawfully killed") that
    someone reports, finds or determines, or that an official statement's own words state.
    Such an act is the reporter's allegation (ACCUSE, CAMEO 112), not a report of the act."""
    if type_ not in triggers.cue("roles", "wrongful_types"):
        return False
    anchor = hit.anchor
    adverbs = triggers.cue("roles", "wrong_adverbs")
    if not any(c.dep_ == "advmod" and c.lemma_.lower() in adverbs for c in anchor.children):
        return False
    heads = (
        triggers.cue("roles", "report_heads")
        | triggers.cue("attribution", "verbs")
        | triggers.cue("roles", "report_nouns")
    )
    if reported_clause(anchor, heads):
        return True
    return speaks_as_author(index, anchor.doc, triggers) and own_voice(anchor)


def vague_concern(candidate: Candidate, triggers: Triggers) -> bool:
    """Whether a stated concern is about a state of affairs, not anyone's act: "remains deeply
    concerned by the humanitarian situation", "concerned about the economy" (no disapproval of
    anyone, no event), unlike "concerned by the arrests", "by reports that the police are
    escalating violence", "about Russia's decision". True for a stance pattern (``[roles]
    stance_patterns``) whose clause names no coded target and no act of a type in
    ``concern_act_types`` (an act noun, a harm noun of ``blame_nouns``, or an act verb)."""
    hit = candidate.hit
    if hit.pattern.id not in triggers.cue("roles", "stance_patterns"):
        return False
    if any(t.code for t in candidate.targets):
        return False
    types = triggers.cue("roles", "concern_act_types")
    nouns = triggers.cue("roles", "blame_nouns") | {
        word
        for word, patterns in triggers.by_noun.items()
        if any(p.type in types for p in patterns)
    }
    verbs = {  # verbs that name an act alone ("detain"), not light verbs ("come under")
        word
        for word, patterns in triggers.by_verb.items()
        if any(
            p.type in types and not (p.objects or p.particle or p.preps or p.reported)
            for p in patterns
        )
    }
    # what the concern is about: the stance's own complements, not a clause coordinated with it
    skip = ("conj", "cc", "nsubj", "nsubjpass", "aux", "auxpass", "punct")
    heads = [c for c in hit.anchor.children if c.dep_ not in skip]
    words = [t for h in heads for t in h.subtree]
    return not any(
        t.lemma_.lower() in (verbs if t.pos_ == "VERB" else nouns if t.pos_ == "NOUN" else ())
        for t in words
    )
