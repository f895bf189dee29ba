"""Participants of an event: its sources and targets, from the dependency parse (``roles``)
and the rules of news wording built on it (speech acts in reported speech, co-agents,
"between X and Y", a definite act noun pointing back, coordinated passives and the act a
passive happened in), and ``settle``: a role is never filled by a thing ("aid", "the talks")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dateline.events.candidate import Candidate, Trace
from dateline.events.decide import named
from dateline.events.doers import military_move
from dateline.events.recipients import amount_recipients, purpose_recipients
from dateline.events.roles import (
    MentionIndex,
    actors_of,
    agent_of,
    in_quote,
    joined_in,
    object_tokens,
    passive_verb,
    prep_objects,
    relative_antecedent,
    shared_agent,
    speaker_of,
    subject_of,
)
from dateline.events.stance import stance_subjects
from dateline.models import Actor, Event

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from dateline.events.matcher import Hit
    from dateline.events.patterns import Triggers

OBJECT_DEPS = ("dobj", "obj", "nsubjpass")


def same(a: Actor, b: Actor) -> bool:
    if a.start is not None and a.start == b.start:
        return True
    return a.code is not None and a.code == b.code and a.text == b.text


def different_people(a: Actor, b: Actor) -> bool:
    """Whether two actors that share a code are still two participants: two people named
    apart ("Judge Jane Roe sentenced John Doe"), or a named private person and anyone
    else under a bare country code ("a US jury convicted John Doe"). Two actors under one
    code of which one is unnamed are one ("the EU adopted sanctions ... the EU")."""
    if a.name and b.name:
        return a.name != b.name
    # "a US jury convicted Jane Roe": a named private person (a bare country code, no
    # office) is someone else than the country's body or the country that acts on her.
    private = a.code is not None and " " not in a.code
    return private and bool(a.name or b.name)


def sources_of(hit: Hit, index: MentionIndex, triggers: Triggers, rules: Trace) -> list[Actor]:
    anchor = hit.anchor
    if hit.pattern.modals:
        speaker = speaker_of(anchor, triggers, triggers.cue("roles", "modal_demand_heads"))
        rules.append("roles.speaker")
        return actors_of(speaker, index, triggers) if speaker is not None else []
    if hit.support is None and hit.noun is None and hit.token.pos_ in ("NOUN", "PROPN"):
        return _noun_sources(hit.token, index, triggers, rules)
    if hit.support is not None and any(c.dep_ == "poss" for c in hit.token.children):
        # "repeating Russia's demand": the possessor made the demand; the one repeating it
        # only reports it.
        owners = _noun_sources(hit.token, index, triggers, rules)
        if owners:
            return owners
    by = agent_of(anchor) if anchor.tag_ == "VBN" and anchor.dep_ in ("acl", "advcl") else None
    if by is not None:
        # "a swap mediated by the UAE": a participle's "by" phrase is its doer.
        rules.append("roles.passive-agent")
        return actors_of(by, index, triggers)
    passive = passive_verb(anchor)
    if passive is not None and anchor.lemma_.lower() in triggers.cue("roles", "stance_verbs"):
        # "Sweden is gravely concerned by reports": the passive's subject holds the stance
        # whatever the "by" phrase names.
        subject = next((c for c in passive.children if c.dep_ == "nsubjpass"), None)
        if subject is not None:
            rules.append("roles.stative-passive")
            return actors_of(subject, index, triggers)
    if passive is not None:
        agent = agent_of(anchor)
        if agent is None:
            agent = shared_agent(anchor)
            if agent is not None:
                rules.append("roles.coordinated-passive")
        if agent is not None:
            rules.append("roles.passive-agent")
            return actors_of(agent, index, triggers)
        if hit.noun is None:
            if _self_passive(hit, triggers):
                # "jets were scrambled", "troops were deployed": the force mobilized acts.
                subject = next((c for c in passive.children if c.dep_ == "nsubjpass"), None)
                if subject is not None:
                    rules.append("roles.passive-force")
                    return actors_of(subject, index, triggers)
            means = _passive_means(anchor, index, triggers)
            if means:
                rules.append("roles.passive-means")
                return means
            return _reporting_authority(hit, index, triggers, rules)
        # "has been engaged in talks": a light verb's passive subject is the doer; "was
        # found guilty", "was given a sentence": of these verbs it is the one it happens to.
        subject = next((c for c in anchor.children if c.dep_ == "nsubjpass"), None)
        if (
            subject is None
            or subject.i == hit.noun.i
            or anchor.lemma_.lower() in triggers.cue("roles", "undergoer_light_verbs")
        ):
            return []
        rules.append("roles.stative-passive")
        return actors_of(subject, index, triggers)
    speaker = _coordinated_speaker(hit, triggers)
    if speaker is not None:
        rules.append("roles.coordinated-speech-act")
        return actors_of(speaker, index, triggers)
    joint = joined_in(anchor, triggers)
    if joint:
        rules.append("roles.joined-in")
        return [a for h in joint for a in actors_of(h, index, triggers)]
    head, rule = subject_of(anchor, triggers)
    if head is None:
        return _noun_sources(hit.token, index, triggers, rules) if hit.support else []
    if rule == "roles.relative-clause":
        head = relative_antecedent(head, index, triggers)
    rules.append(rule)
    actors = actors_of(head, index, triggers, trace=rules)
    if head.pos_ == "PRON" and not any(a.code for a in actors) and not in_quote(head):
        # (Inside quotation marks the speaker says "we": "they" there is someone else.)
        # "Hungary said it will support ...": an unresolved pronoun is the speaker.
        speaker = speaker_of(anchor, triggers)
        if speaker is not None and speaker.i != head.i:
            found = actors_of(speaker, index, triggers)
            if any(a.code for a in found):
                rules.append("roles.speaker-pronoun")
                return found
    if (
        not any(a.code for a in actors)
        and head.lemma_.lower() in triggers.cue("roles", "instrument_nouns")
        and head.dep_ in ("dobj", "obj")
        and head.head.i != head.i
    ):
        # "senators introduced a bill that would impose sanctions", "the US circulated a
        # draft that asks ...": a text acts for whoever put it forward.
        author = next((c for c in head.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        found = actors_of(author, index, triggers) if author is not None else []
        if found:
            rules.append("roles.instrument-author")
            return found
    return actors


def _passive_means(verb: Token, index: MentionIndex, triggers: Triggers) -> list[Actor]:
    """ "Four soldiers were killed in an ambush by Taliban fighters", "... in a Russian
    missile strike": a passive act with no "by" phrase was done by whoever did the act it
    happened in."""
    trace = Trace()  # the noun's own rules stay out of the verb's trace
    for noun in prep_objects(verb, triggers.cue("roles", "means_preps")):
        if noun.lemma_.lower() in triggers.by_noun:
            found = [
                a
                for a in _noun_sources(noun, index, triggers, trace)
                if a.code or named(a, noun.sent)
            ]
            if found:
                return found
    return []


def _coordinated_speaker(hit: Hit, triggers: Triggers) -> Token | None:
    """ "X said (that) Y had attacked Z and accused W of ...": a speech act (accusing, urging,
    rejecting) with no subject of its own, coordinated into the clause a verb of saying
    reports, is the speaker's own act, wherever the parser attached the coordination."""
    verb = hit.anchor
    if (
        hit.pattern.type not in triggers.cue("roles", "speech_act_types")
        or hit.token.pos_ != "VERB"
        or verb.dep_ != "conj"
        or any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
    ):
        return None
    saying = triggers.cue("attribution", "verbs") | triggers.cue("roles", "speech_verbs")
    current = verb
    for _ in range(8):
        if current.head.i == current.i:
            return None
        if current.dep_ == "ccomp" and current.head.lemma_.lower() in saying:
            return next(
                (c for c in current.head.children if c.dep_ in ("nsubj", "nsubjpass")), None
            )
        if current.dep_ not in (
            "conj",
            "ccomp",
            "xcomp",
            "advcl",
            "relcl",
            "acl",
            "attr",
            "dobj",
            "pobj",
            "prep",
        ):
            return None
        current = current.head
    return None


def _noun_sources(
    noun: Token, index: MentionIndex, triggers: Triggers, rules: Trace
) -> list[Actor]:
    """An event noun's own doer: possessor, an actor word before it, or "by X"."""
    out: list[Actor] = []
    for child in noun.children:
        if child.dep_ == "poss" or (
            child.dep_ in ("compound", "amod", "nmod") and child.i < noun.i
        ):
            # "the Paris talks": a city before an event noun is where, not who.
            found = [
                a
                for a in actors_of(child, index, triggers)
                if a.code is not None and a.rule != "roles.capital-as-government"
            ]
            if found:
                rules.append(f"roles.noun-{child.dep_}")
                out.extend(found)
    for obj in prep_objects(noun, triggers.cue("roles", "source_preps")):
        rules.append("roles.noun-by")
        out.extend(actors_of(obj, index, triggers))
    if not out:
        # "killed in the attack, reportedly carried out by the Taliban": the "by" phrase of a
        # participle that describes the event noun names the noun's doer.
        doing = triggers.cue("roles", "doer_participles")
        for clause in _participles_of(noun):
            by = agent_of(clause) if clause.lemma_.lower() in doing else None
            if by is not None and (found := actors_of(by, index, triggers)):
                rules.append("roles.noun-participle-agent")
                out.extend(found)
    return out


# Sectors of the bodies that arrest, charge and sentence.
AUTHORITY_SECTORS = frozenset({"GOV", "COP", "JUD"})


def _reporting_authority(
    hit: Hit, index: MentionIndex, triggers: Triggers, rules: Trace
) -> list[Actor]:
    """ "Police said three men were arrested", "Authorities in Peru announced that 40
    suspects had been detained": an arrest or charge told in the passive, with no doer, by
    the state's own police, courts or officials was done by them (rule
    ``roles.reporting-authority``; the types of the ``reported_by_doer_types`` cue)."""
    if hit.pattern.type not in triggers.cue("roles", "reported_by_doer_types"):
        return []
    speaker = speaker_of(hit.anchor, triggers)
    if speaker is None:
        return []
    found = [
        a for a in actors_of(speaker, index, triggers)
        if a.code is not None and a.country is not None and a.sector in AUTHORITY_SECTORS
    ]  # fmt: skip
    if found:
        rules.append("roles.reporting-authority")
    return found


def _participles_of(noun: Token) -> list[Token]:
    """Past participles that describe ``noun``: its own ``acl`` ("an ambush claimed by X") or
    one set off by a comma right after it, which the parser hangs on the clause's verb ("died
    in the attack, reportedly carried out by X")."""
    out = [c for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN"]
    doc = noun.doc
    after = noun.i + 1
    if after < len(doc) and doc[after].text == ",":
        for verb in noun.ancestors:
            out += [
                c
                for c in verb.children
                if c.dep_ == "advcl"
                and c.tag_ == "VBN"
                and c.left_edge.i == after + 1
                and not any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)
            ]
    return out


def _self_passive(hit: Hit, triggers: Triggers) -> bool:
    """Whether the trigger's passive subject is its doer: a force mobilized ("jets were
    scrambled") or a stative passive of commitment ("Vietnam is committed to")."""
    return hit.pattern.type in triggers.cue(
        "roles", "self_types"
    ) or hit.token.lemma_.lower() in triggers.cue("roles", "self_passive_verbs")


def targets_of(hit: Hit, index: MentionIndex, triggers: Triggers, rules: Trace) -> list[Actor]:
    """Targets, where a place stands for its country only for material acts done to it
    ("shelled Juba"), not for talks or protests held in it."""
    places = hit.pattern.type in triggers.cue("roles", "place_target_types")
    found = _raw_targets(hit, index, triggers, rules, places)
    if hit.pattern.mode == "visit" and not any(a.code for a in found):
        host = _visited(hit, index, triggers)
        if host is not None:
            rules.append("roles.visit-host")
            return [host]
    return found


def _visited(hit: Hit, index: MentionIndex, triggers: Triggers) -> Actor | None:
    """ "will travel to Moscow", "arrived in Kyiv": a visit's destination capital stands for
    its government, a destination country for the country."""
    for head in prep_objects(hit.anchor, triggers.cue("roles", "visit_preps")):
        country = index.capitals.get(head.text)
        if country is not None:
            return Actor(
                text=head.text, code=f"{country} GOV", sector="GOV", country=country,
                start=head.idx, end=head.idx + len(head.text), rule="roles.visit-host",
            )  # fmt: skip
        if head.i in index.places:
            name, country = index.places[head.i]
            return Actor(
                text=name, code=country, country=country, start=head.idx,
                end=head.idx + len(head.text), rule="roles.visit-host",
            )  # fmt: skip
    return None


def _raw_targets(
    hit: Hit, index: MentionIndex, triggers: Triggers, rules: Trace, places: bool
) -> list[Actor]:
    preps = triggers.cue("roles", "target_preps")
    anchor = hit.anchor
    heads: list[Token] = []
    if hit.pattern.modals:
        # "X said Y must ...": the one who must is the target.
        subject = next((c for c in anchor.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None and anchor.dep_ == "ccomp":
            # "warned Mr. X must step down": the parser makes X the object of "warned".
            subject = next(
                (c for c in anchor.head.children if c.dep_ == "dobj" and c.i < anchor.i), None
            )
            if subject is not None:
                rules.append("roles.modal-subject-as-object")
        return actors_of(subject, index, triggers) if subject is not None else []
    passive = passive_verb(anchor)
    undergoes = hit.noun is not None and anchor.lemma_.lower() in triggers.cue(
        "roles", "undergoer_light_verbs"
    )
    if (
        passive is not None
        and (hit.noun is None or undergoes)
        and hit.support is None
        and not _self_passive(hit, triggers)
    ):
        heads += [c for c in passive.children if c.dep_ in ("nsubjpass", "csubjpass")]
        if heads:
            rules.append("roles.passive-subject")
        relatives = triggers.cue("roles", "relative_pronouns")
        if any(h.lower_ in relatives for h in heads) and passive.dep_ == "relcl":
            # "an aid worker who was kidnapped by gunmen": the one kidnapped is the antecedent.
            heads = [passive.head if h.lower_ in relatives else h for h in heads]
            rules.append("roles.relative-clause")
    if (
        not heads
        and hit.noun is None
        and anchor.dep_ == "acl"
        and anchor.tag_ == "VBN"
        and anchor.head.pos_ in ("NOUN", "PROPN")
        and not object_tokens(anchor, None)
        and hit.pattern.type in triggers.cue("roles", "reduced_relative_types")
        and agent_of(anchor) is not None
    ):
        # "among eight people killed by security forces": a passive participle's noun is
        # the one the act was done to, when the participle names its doer ("200 people
        # injured" in a stampede is a toll, not an act).
        heads.append(anchor.head)
        rules.append("roles.reduced-relative")
    if (hit.support is None and hit.token.pos_ in ("VERB", "AUX")) or hit.noun is not None:
        heads += object_tokens(hit.token, hit.noun)
        # "spoke with [Foreign Minister X]" misparsed as a clause "with Minister X ...": a
        # name-headed clause marked by a target preposition is that preposition's object.
        heads += [
            c
            for c in hit.token.children
            if c.dep_ == "advcl"
            and c.pos_ == "PROPN"
            and any(m.dep_ == "mark" and m.lower_ in preps for m in c.children)
        ]
        # "agreed to a ceasefire": the event noun under a preposition is no target.
        skip = hit.noun.i if hit.noun is not None else -1
        heads += [h for h in prep_objects(hit.token, preps) if h.i != skip]
        if hit.token.pos_ == "VERB":
            heads += prep_objects(hit.token, triggers.cue("roles", "verb_target_preps"))
            if not object_tokens(hit.token, hit.noun):
                # "helped Iraq rebuild", "let protesters march": the subject of a bare
                # infinitive clause is the verb's object.
                heads += [
                    subject
                    for clause in hit.token.children
                    if clause.dep_ == "ccomp" and clause.tag_ == "VB"
                    and not any(c.dep_ in ("mark", "aux") for c in clause.children)
                    for subject in clause.children
                    if subject.dep_ == "nsubj"
                ]  # fmt: skip
    for noun in (hit.noun, hit.token if hit.token.pos_ in ("NOUN", "PROPN") else None):
        if noun is not None:
            heads += prep_objects(noun, preps)
            # "a package of sanctions against X", "a round of talks with X": the measure
            # word's inner event noun carries the target.
            for measured in prep_objects(noun, frozenset({"of"})):
                heads += prep_objects(measured, preps)
            if hit.support is not None:
                heads += prep_objects(hit.support, preps)
    recipients = amount_recipients(hit, triggers)
    if recipients:
        rules.append("roles.amount-recipient")
        heads += recipients
    # "threatened on Tuesday to cut ties with X": a date after a target preposition is no
    # object and must not keep the complement from being read.
    heads = [h for h in heads if h.ent_type_ not in ("DATE", "TIME")]
    if not heads and hit.noun is None and hit.token.pos_ == "VERB":
        # "agreed to hold talks with X", "threatened to strike X": the complement's objects.
        for comp in (c for c in hit.token.children if c.dep_ == "xcomp"):
            heads += object_tokens(comp, None) + prep_objects(comp, preps)
            if heads:
                rules.append("roles.complement-object")
    elif heads:
        rules.append("roles.object")
    weak = triggers.cue("roles", "weak_target_preps")
    out: list[Actor] = []
    own_force = hit.pattern.type in triggers.cue("roles", "self_types")
    destination = triggers.cue("roles", "destination_preps") if own_force else frozenset()
    if destination and not military_move(hit.token, index, triggers):
        destination = frozenset()  # "deployed a relief team to X": X is whom it helps
    if hit.noun is not None:
        # "expelled two Russian diplomats", "the blockade of Serbia": the light verb's own noun
        # phrase may name whom the act is aimed at; not where a force is sent ("moving
        # 2,000 troops to Poland").
        moved = {
            t.idx for p in prep_objects(hit.noun, destination) for t in p.subtree
        }  # fmt: skip
        own = [a for a in actors_of(hit.noun, index, triggers) if a.code and a.start not in moved]
        if own:
            rules.append("roles.object-phrase")
            out.extend(own)
    for head in heads:
        found = actors_of(head, index, triggers, trace=rules)
        if own_force and head.dep_ in OBJECT_DEPS:
            # "would station German jets in Poland": the force moved is no target.
            found = [a for a in found if a.sector != "MIL"]
        if head.dep_ == "pobj" and head.head.lower_ in destination:
            # "will move forces to Romania and Poland": where troops go is no target.
            if found:
                rules.append("roles.destination")
            continue
        if not places:
            found = [a for a in found if a.rule != "roles.place-country"]
        if head.dep_ == "pobj" and head.head.lower_ in weak:
            found = [a for a in found if a.code]  # "talks on a plan": a plan is no actor
        out.extend(found)
    # "adopted sanctions against X, targeting Y": a participle of aiming names more targets,
    # also one coordinated after another participle ("adding ... and targeting Y").
    aiming = triggers.cue("roles", "aim_verbs")
    participles = [c for c in anchor.children if c.dep_ in ("advcl", "acl", "conj")]
    participles += [g for c in participles for g in c.children if g.dep_ in ("advcl", "conj")]
    for clause in participles:
        if clause.lemma_.lower() in aiming and clause.tag_ == "VBG":
            aimed = [a for h in object_tokens(clause, None) for a in actors_of(h, index, triggers)]
            if any(a.code for a in aimed):
                rules.append("roles.aimed-at")
                out.extend(a for a in aimed if a.code)
    if not any(a.code for a in out) and hit.pattern.type in triggers.cue(
        "roles", "clause_target_types"
    ):
        # "demanded that the EU return the assets": who is to act is the one asked.
        # "noted with concern that X continues ...": the clause may hang on the event noun.
        governors = [t for t in (hit.token, hit.noun, hit.support) if t is not None]
        clauses = [c for g in governors for c in g.children if c.dep_ in ("ccomp", "acl")]
        for clause in dict.fromkeys(clauses):
            subject = next((c for c in clause.children if c.dep_ == "nsubj"), None)
            if subject is not None and any(m.lower_ == "that" for m in clause.children):
                found = [a for a in actors_of(subject, index, triggers) if a.code]
                if found:
                    rules.append("roles.clause-subject")
                    out.extend(found)
        # "called for X to step down", "pressed for X to leave": the subject of the
        # infinitive clause "for" introduces is the one asked to act.
        for clause in (c for c in hit.token.children if c.dep_ in ("advcl", "ccomp", "xcomp")):
            marks = {m.lower_ for m in clause.children if m.dep_ in ("mark", "aux")}
            subject = next((c for c in clause.children if c.dep_ == "nsubj"), None)
            if subject is not None and {"for", "to"} <= marks:
                found = [a for a in actors_of(subject, index, triggers) if a.code]
                if found:
                    rules.append("roles.for-to-subject")
                    out.extend(found)
    if not any(a.code for a in out):
        # "voiced concern after a Chinese warship sailed close": the doer of what it is about.
        doers = [d for s in stance_subjects(hit, triggers) for d in _doers(s, index, triggers)]
        if doers:
            rules.append("roles.stance-content")
            out.extend(doers)
    if not any(a.code for a in out) and (helped := purpose_recipients(hit, index, triggers)):
        rules.append("roles.aid-purpose")  # "provided food to help the people in X"
        out.extend(helped)
    if any(a.code for a in out):
        return [a for a in out if a.code]  # "rejected a proposal from X": X is the target
    if hit.anchor.pos_ == "VERB":
        # "began a hunger strike to protest X's decision", "rioted, calling for X's removal":
        # the purpose or accompanying clause names whom the act is aimed at.
        verb = hit.anchor
        clauses = [c for c in verb.children if c.dep_ in ("advcl", "xcomp") and c.pos_ == "VERB"]
        found = [
            a
            for clause in clauses
            for h in object_tokens(clause, None) + prep_objects(clause, preps)
            for a in actors_of(h, index, triggers)
            if a.code and a.rule != "roles.place-country"
        ]
        if found:
            rules.append("roles.purpose-object")
            return found
    if not any(a.code for a in out):
        # "demanded autonomy from X", "shelled positions of X", "eased measures in X": the
        # actor sits inside the object, or where the act is done.
        inner = preps | triggers.cue("roles", "object_preps")
        if not places:
            # "protested against deliveries to X": a protest is not aimed at the recipient.
            inner = inner - {"to"}
        # Where a force is sent is no target ("moved troops to X").
        inner = inner - destination
        where = triggers.cue("roles", "object_preps") - destination
        # "strikes on facilities used by X": a thing's user or owner first.
        owners = [
            a
            for h in heads
            if h.lemma_.lower() in triggers.cue("roles", "non_actor_nouns")
            for a in actors_inside(h, index, triggers, places)
            if a.code
        ]
        if owners:
            rules.append("roles.actor-in-phrase")  # as ``settle`` gives way to them
            return owners
        deeper = [o for h in heads for o in prep_objects(h, inner)]
        deeper += prep_objects(hit.token, where)
        if places and hit.noun is not None:
            # "launched a raid in Somalia": the light verb's event noun says where it was done.
            deeper += prep_objects(hit.noun, where)
        found = [
            a
            for h in deeper
            for a in actors_of(h, index, triggers)
            if a.code and (places or a.rule != "roles.place-country")
        ]
        if found:
            rules.append("roles.inside-object")
            return found
    return out


def anaphoric_target(
    targets: list[Actor],
    sources: list[Actor],
    sentence: Span,
    previous: list[Event],
    triggers: Triggers,
) -> Actor | None:
    """ "Kyiv swiftly rejected the offer": a definite act noun ("the offer", "the remarks")
    points back to the last act reported before; its doer is the target."""
    if len(targets) != 1 or targets[0].start is None or targets[0].end is None:
        return None
    phrase = sentence.doc.char_span(targets[0].start, targets[0].end, alignment_mode="expand")
    if phrase is None or len(phrase) != 2 or phrase[0].lower_ not in ("the", "this", "these"):
        return None
    if phrase[1].lemma_.lower() not in triggers.cue("roles", "anaphoric_nouns"):
        return None
    own = {a.code for a in sources if a.code}
    for event in reversed(previous):
        doer = next((a for a in event.source if a.code and a.code not in own), None)
        if doer is not None:
            return doer
    return None


def only_pronouns(actors: list[Actor], sentence: Span) -> bool:
    """Whether ``actors`` is not empty and each is a lone pronoun ("it", "they")."""
    doc = sentence.doc
    for actor in actors:
        if actor.start is None or actor.end is None:
            return False
        span = doc.char_span(actor.start, actor.end, alignment_mode="expand")
        if span is None or len(span) != 1 or span[0].pos_ != "PRON":
            return False
    return bool(actors)


def co_agents(hit: Hit, index: MentionIndex, triggers: Triggers) -> list[Actor]:
    """Actors who do the act beside the subject: "together with X", "jointly with X",
    "alongside X", "along with X" (after the verb or set off after its subject: "Brazil,
    together with Argentina, condemned")."""
    verb = hit.anchor
    joint = triggers.cue("roles", "joint_adverbs")
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    preps = [c for h in [verb, *subjects] for c in h.children if c.dep_ == "prep"]
    heads: list[Token] = []
    for prep in preps:
        owner = prep.head
        together = any(c.lower_ in joint for c in prep.children) or any(
            c.dep_ == "advmod" and c.lower_ in joint and c.i == prep.i - 1 for c in owner.children
        )
        if (prep.lower_ == "with" and together) or prep.lower_ in triggers.cue(
            "roles", "joint_preps"
        ):
            heads += [c for c in prep.children if c.dep_ == "pobj"]
        elif prep.lower_ in joint:
            # "along with X": the adverb heads the "with" phrase
            inner = [c for c in prep.children if c.dep_ == "prep" and c.lower_ == "with"]
            heads += [c for w in inner for c in w.children if c.dep_ == "pobj"]
    return [a for h in heads for a in actors_of(h, index, triggers) if a.code]


def between(hit: Hit, index: MentionIndex, triggers: Triggers) -> tuple[list[Actor], list[Actor]]:
    """ "war between X and Y", "fighting between X and Y": X is the source, the rest the
    targets."""
    token = hit.token
    noun = hit.noun or (token if token.pos_ in ("NOUN", "PROPN") or token.tag_ == "VBG" else None)
    if noun is None:
        return [], []
    for obj in prep_objects(noun, frozenset({"between", "among"})):
        actors = [a for a in actors_of(obj, index, triggers) if a.code is not None]
        if len(actors) >= 2:
            return actors[-1:], actors[:-1]
    return [], []


def _head_of(actor: Actor, sentence: Span) -> Token | None:
    """The head word of an actor's words in the parse."""
    if actor.start is None or actor.end is None:
        return None
    span = sentence.doc.char_span(actor.start, actor.end, alignment_mode="expand")
    return span.root if span is not None else None


def not_an_actor(actor: Actor, head: Token, sentence: Span, triggers: Triggers) -> bool:
    """Whether an uncoded phrase names a thing, not someone: a word of the ``non_actor_nouns``
    cue list ("aid", "the talks", "the terms") or an instrument or anaphoric act noun ("the
    bill", "the offer"), with no named entity in it."""
    if actor.code is not None or head.pos_ not in ("NOUN", "PROPN"):
        return False
    things = (
        triggers.cue("roles", "non_actor_nouns")
        | triggers.cue("roles", "instrument_nouns")
        | triggers.cue("roles", "anaphoric_nouns")
    )
    return head.lemma_.lower() in things and not named(actor, sentence)


def _doers(head: Token, index: MentionIndex, triggers: Triggers) -> list[Actor]:
    """Coded actors a phrase names, or, for a thing, those in its own phrase ("restrictions
    imposed by the authorities"); never a place standing for its country."""
    found = [a for a in actors_of(head, index, triggers) if a.code]
    if not found:
        found = [a for a in actors_inside(head, index, triggers) if a.code]
    return [a for a in found if a.rule != "roles.place-country"]


def actors_inside(
    head: Token, index: MentionIndex, triggers: Triggers, parties: bool = True, depth: int = 0
) -> list[Actor]:
    """Actors (coded or named) that stand in a thing's own phrase as its doer or owner: "the
    decision by Israel", "the proposal from Kenya", "the sanctions imposed by the EU", "the
    agreement signed by X and Y", and with ``parties`` "the deal between X
    and Y". Not those it is aimed at or given to ("protested against deliveries to X": X
    receives, it does not deliver)."""
    heads = prep_objects(head, triggers.cue("roles", "owner_preps"))
    if parties:
        heads += prep_objects(head, triggers.cue("roles", "party_preps"))
    heads += [
        agent
        for clause in head.children
        if clause.dep_ == "acl" and clause.tag_ == "VBN"
        for agent in (agent_of(clause),)
        if agent is not None
    ]
    sentence = head.sent
    found = [
        a
        for h in heads
        for a in actors_of(h, index, triggers)
        if a.rule != "roles.place-country" and (a.code or named(a, sentence))
    ]
    if not found and depth < 2:
        # "the signing of a ceasefire between X and Y": a thing of a thing, whose own
        # phrase names the actors.
        found = [
            a
            for h in prep_objects(head, frozenset({"of"}))
            if h.pos_ == "NOUN"
            for a in actors_inside(h, index, triggers, parties, depth + 1)
        ]
    return found


def settle(
    actors: list[Actor],
    sentence: Span,
    index: MentionIndex,
    triggers: Triggers,
    trace: Trace,
    verb: Token | None = None,
    parties: bool = True,
) -> list[Actor]:
    """A role is never filled by a noun phrase that is not an actor: such a phrase gives way
    to the actors in its own phrase ("criticised the sanctions imposed by the EU": the EU;
    "an attack by the Taliban killed": the Taliban), else, for a target, to an actor that
    stands in one of ``verb``'s prepositional phrases ("fired water cannon at a Philippine
    vessel"), or leaves the role empty. ``parties``: whether "between X and Y" names actors
    of the thing (not in the topic of talks)."""
    out: list[Actor] = []
    for actor in actors:
        head = _head_of(actor, sentence)
        if head is None or not not_an_actor(actor, head, sentence, triggers):
            out.append(actor)
            continue
        inside = actors_inside(head, index, triggers, parties)
        if inside:
            trace.append("roles.actor-in-phrase")
        elif verb is not None and (inside := _actors_beside(verb, head, index, triggers)):
            trace.append("roles.actor-in-verb-phrase")
        else:
            trace.append("roles.not-an-actor")
        out.extend(a for a in inside if not any(same(a, b) for b in out + actors))
    return out


def _actors_beside(
    verb: Token, thing: Token, index: MentionIndex, triggers: Triggers
) -> list[Actor]:
    """Actors (coded or named) in the target prepositional phrases of ``verb``, other than the
    phrase of ``thing`` itself ("fired water cannon [at a Philippine vessel]")."""
    sentence = verb.sent
    return [
        a
        for h in prep_objects(verb, triggers.cue("roles", "target_preps"))
        if h.i != thing.i
        for a in actors_of(h, index, triggers)
        if a.rule != "roles.place-country" and (a.code or named(a, sentence))
    ]


def judge_acts(candidate: Candidate, said_by: Actor | None, index: MentionIndex) -> None:
    """ "Russia's referenda are a sham", "X's detention of journalists is unacceptable": a
    verdict on someone's act accuses the one whose act it is (the actors its subject names
    become the targets), and the judge is who says so, or the author of the official
    statement the sentence stands in (rule ``roles.judged-act``). With no judge known the
    judged still are targets and no one is the source ("the deal between X and Y is null
    and void": X and Y do not reject it). Unchanged when the subject names no one."""
    judge = said_by or statement_author(index)
    judged = [a for a in candidate.sources if a.code]
    if not judged or (judge is not None and any(same(judge, a) for a in judged)):
        return
    candidate.trace.append("roles.judged-act")
    candidate.targets = judged + [t for t in candidate.targets if t.code]
    candidate.sources = [judge] if judge is not None else []


def statement_author(index: MentionIndex) -> Actor | None:
    """The actor an official statement speaks for, as the annotator found it (a "we" of
    rule ``actors.statement-author``); None in a text that is no statement."""
    for mention in index.mentions:
        if mention.rule == "actors.statement-author" and mention.code:
            named = mention.antecedent
            author = index.mentions[named] if named is not None else mention
            return Actor(
                text=author.text, code=author.code, sector=author.sector, name=author.name,
                country=author.country, org=author.org, start=author.start, end=author.end,
                rule="roles.statement-author",
            )  # fmt: skip
    return None
