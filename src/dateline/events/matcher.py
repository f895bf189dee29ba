"""Finding triggers in a parsed sentence: verbs, light-verb and phrasal forms, event nouns."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from dateline.events.allegation import own_voice, reported_clause

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from dateline.events.lexicon import Lexicon
    from dateline.events.patterns import Trigger, Triggers

VERB_POS = ("VERB", "AUX")
NOUN_POS = ("NOUN", "PROPN")
# A verb in these relations modifies a noun: it describes a state, it reports no act.
MODIFIER_DEPS = frozenset({"amod", "acl", "relcl"})
# A verb's own object, or the passive subject it was done to.
OWN_OBJECT_DEPS = frozenset({"dobj", "obj", "nsubjpass"})


@dataclass
class Hit:
    """One trigger found: the pattern, the verb (or noun) and, for light verbs, the noun."""

    pattern: Trigger
    token: Token  # the word the pattern fired on: verb, or event noun
    noun: Token | None = None  # the event noun of a light-verb form ("talks" in "hold talks")
    support: Token | None = None  # the verb that carries an event noun ("launched" an attack)

    @property
    def anchor(self) -> Token:
        """The verb whose clause the event lives in (for roles, status and attribution)."""
        return self.support or self.token

    @property
    def words(self) -> list[Token]:
        extra = [t for t in (self.noun,) if t is not None]
        return sorted([self.token, *extra], key=lambda t: t.i)


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


def _object_noun(
    verb: Token,
    pattern: Trigger,
    events: frozenset[str] = frozenset(),
    people: frozenset[str] = frozenset(),
) -> Token | None:
    """The event noun a light verb takes: its object, passive subject, or the object of one of
    the pattern's prepositions; conjoined objects count ("talks and meetings"), and so does
    what an "of"/"in" phrase measures ("a package of sanctions"), unless the object is itself
    one of the event nouns ``events``: "announced a withdrawal of its troops" announces the
    withdrawal, and the troops are the ones who withdraw."""
    candidates: list[Token] = []
    for child in verb.children:
        if child.dep_ in ("dobj", "nsubjpass", "attr", "obj", "oprd", "acomp"):
            candidates.append(child)
        elif child.dep_ == "ccomp" and child.pos_ == "ADJ":
            # "would hold Moscow responsible": the parser makes the small clause's adjective
            # a complement clause
            candidates.append(child)
        elif child.dep_ in ("prep", "prt") and (not pattern.preps or child.lower_ in pattern.preps):
            # "described the policy as reckless": the parser hangs a bare adjective on "as"
            candidates.extend(c for c in child.children if c.dep_ in ("pobj", "amod", "acomp"))
            if not any(c.dep_ == "pobj" for c in child.children):
                # "pulled out of the pact": a two-word preposition, its object on the second
                candidates.extend(
                    g for c in child.children if c.dep_ == "prep" for g in c.children
                    if g.dep_ == "pobj"
                )  # fmt: skip
            if child.dep_ == "prt":
                candidates.extend(c for c in verb.children if c.dep_ == "prep")
    for cand in list(candidates):
        candidates.extend(c for c in cand.children if c.dep_ == "conj")
        if cand.pos_ == "PROPN":
            # "took part in Exercise Balikatan", "launched Operation Peace Spring": the common
            # noun of the name says what kind of event it is.
            candidates.extend(c for c in cand.children if c.dep_ == "compound")
        # "characterized the shooting as terrorism": the parser may hang the pattern's
        # preposition on the object rather than on the verb.
        for prep in (c for c in cand.children if c.dep_ == "prep" and c.lower_ in pattern.preps):
            candidates.extend(c for c in prep.children if c.dep_ == "pobj")
        if _lemma(cand) in events or _lemma(cand) in people:
            continue  # "called on the organizers of the protest": people, not a measure
        # "a package of sanctions", "$50 million in aid"
        for prep in (c for c in cand.children if c.dep_ == "prep" and c.lower_ in ("of", "in")):
            candidates.extend(c for c in prep.children if c.dep_ == "pobj")
    return next((c for c in candidates if _names(c, pattern.objects)), None)


def _names(noun: Token, objects: frozenset[str]) -> bool:
    """Whether ``noun`` is one of a pattern's objects: its lemma, its lemma after a
    modifier's ("visa restriction", "travel ban": a restriction of a kind the bare noun is
    not always; "not guilty"), or its lemma with the "of" phrase that says its kind ("state
    of emergency")."""
    lemma = _lemma(noun)
    names = set(noun_keys(noun))
    for c in noun.children:
        if c.dep_ in ("compound", "amod", "nmod", "neg") and c.i < noun.i:
            names.add(f"{_lemma(c)} {lemma}")
        elif c.dep_ == "prep" and c.lower_ == "of":
            names.update(f"{lemma} of {_lemma(g)}" for g in c.children if g.dep_ == "pobj")
    return not names.isdisjoint(objects)


def noun_keys(token: Token) -> list[str]:
    """The lemma, then, for a plural the tagger took for a name (a capital at the start of a
    sentence: "Tributes were paid"), its singular guessed from the form; only the pattern's
    object nouns are looked up with them, so a plural name ("the Bahamas") stays a name."""
    keys = [_lemma(token)]
    lower = token.lower_
    if token.pos_ == "PROPN" and lower.endswith("s"):
        keys += [lower[:-1], lower[:-2], lower[:-3] + "y"]
    return keys


def verb_keys(token: Token) -> list[str]:
    """The lemma, then guesses from the inflected form, for when the lemmatizer errs
    ("staged" → "stag")."""
    lower = token.lower_
    keys = [_lemma(token)]
    if lower.endswith("ed"):
        keys += [lower[:-1], lower[:-2], lower[:-3] if lower[-3:-2] == lower[-4:-3] else lower[:-2]]
    elif lower.endswith("ing"):
        keys += [lower[:-3], lower[:-3] + "e"]
    elif lower.endswith("s"):
        keys += [lower[:-1], lower[:-2]]
    return list(dict.fromkeys(k for k in keys if k))


def _verb_hit(token: Token, triggers: Triggers, voiced: bool = False) -> Hit | None:
    key = next((k for k in verb_keys(token) if k in triggers.by_verb), None)
    if key is None:
        return None
    for pattern in triggers.by_verb[key]:
        if _object_excluded(token, pattern):
            continue
        if pattern.reported and not (
            reported_clause(
                token, triggers.cue("attribution", "verbs") | triggers.cue("roles", "report_heads")
            )
            or (voiced and own_voice(token))
        ):
            continue
        if pattern.objects:
            people = triggers.lexicon.actor_nouns if triggers.lexicon is not None else frozenset()
            noun = _object_noun(token, pattern, frozenset(triggers.by_noun), people)
            if noun is not None and (
                not pattern.object_preps
                or any(c.dep_ == "prep" and c.lower_ in pattern.object_preps for c in noun.children)
            ):
                return Hit(pattern, token, noun)
            continue
        if pattern.particle:
            if any(_particle(c, token) and c.lower_ in pattern.particle for c in token.children):
                return Hit(pattern, token)
            continue
        if pattern.preps:
            # (the parser calls a passive's "by" its agent: "is concerned by reports", and
            # some verbs' "to" a dative: "will welcome his counterpart to Nairobi")
            if any(
                c.dep_ in ("prep", "prt", "agent", "dative") and c.lower_ in pattern.preps
                for c in token.children
            ):
                return Hit(pattern, token)
            if _clause_mark(token, pattern.preps):
                return Hit(pattern, token)
            continue
        return Hit(pattern, token)
    return None


def _particle_like(child: Token, verb: Token) -> bool:
    """A preposition or adverb right after the verb: a particle as the parser may label it."""
    return child.dep_ in ("prep", "advmod") and child.i == verb.i + 1


def _ruled_out(token: Token, triggers: Triggers) -> bool:
    """Whether a hand pattern of the verb excludes it by its object (``unless_objects``)."""
    key = next((k for k in verb_keys(token) if k in triggers.by_verb), None)
    return key is not None and any(
        p.unless_objects and _object_excluded(token, p) for p in triggers.by_verb[key]
    )


def _particle(child: Token, verb: Token) -> bool:
    """Whether ``child`` is the verb's particle: spaCy labels some ("stepped aside", "stepped
    down") as adverbs, so an adverb right after the verb counts as well."""
    return child.dep_ == "prt" or (child.dep_ == "advmod" and child.i == verb.i + 1)


def _object_excluded(verb: Token, pattern: Trigger) -> bool:
    """Whether the verb's object rules the pattern out: any object for an intransitive pattern
    ("demonstrated its resolve" is no street protest), none for a transitive one ("returned
    to Kyiv" hands nothing back), or one of its ``unless_objects``
    ("released a statement" frees no one), also as the object of the pattern's preposition."""
    own = [c for c in verb.children if c.dep_ in OWN_OBJECT_DEPS]
    if pattern.intransitive and any(c.dep_ in ("dobj", "obj") for c in own):
        return True
    if pattern.transitive and not own:
        return True  # "returned to Kyiv": going back, nothing handed back
    # a particle listed rules out the phrasal verb: "backed down", "backed out of the deal",
    # "hails from Krakow" (the parser may call the particle a preposition or an adverb)
    own += [c for c in verb.children if c.dep_ == "prt" or _particle_like(c, verb)]
    # the verb a control verb governs counts too: "declined to comment" refuses no demand
    governed = [c for c in verb.children if c.dep_ == "xcomp"]
    # and so does the object of the pattern's own preposition: "spoke to reporters" is a
    # statement, not talks; and so does a "with" phrase, which carries the object of "met with
    # criticism", "agreed with the view"
    preps = pattern.preps | {"with"}
    governed += [
        g for c in verb.children if c.dep_ == "prep" and c.lower_ in preps
        for g in c.children if g.dep_ == "pobj"
    ]  # fmt: skip
    return any(k in pattern.unless_objects for c in own + governed for k in noun_keys(c))


def _clause_mark(verb: Token, preps: frozenset[str]) -> bool:
    """ "called for Assad to step down", "pushed for the talks to resume": the parser makes the
    preposition the subordinator of the infinitive clause it introduces, not the verb's own
    preposition; the verb still takes it."""
    return any(
        c.dep_ in ("advcl", "xcomp", "ccomp")
        and any(g.dep_ == "mark" and g.lower_ in preps and g.i < c.i for g in c.children)
        for c in verb.children
    )


def _topic(verb: Token) -> bool:
    """A gerund under a preposition of a noun names that noun's topic ("talks on ending the
    war", "efforts at bringing stability"), not an act reported."""
    return verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.head.pos_ in NOUN_POS


def _dictionary_hits(
    sentence: Span, triggers: Triggers, lexicon: Lexicon, used: set[int], supports: frozenset[str]
) -> list[Hit]:
    """Hits of the CAMEO dictionary on the verbs no hand trigger took.

    An entry that says "no event" (CAMEO ---), a statement (CAMEO 01/02) or a code that only
    combines with another ("030", intent) makes none. An event noun of the hand triggers is
    left to them when a support verb carries it ("launched an attack") or the pattern reaches
    it other than as the verb's own object; as that object ("reiterated its demand", "ended
    the war") the verb and noun together are the act, and the dictionary's pattern says
    which. A gerund naming a noun's topic ("talks on ending the war") is no act either. A
    participle or relative clause that modifies a noun ("occupied land", "a ship flying the
    flag", "which forces have held") describes, it does not report an act. A verb the hand
    triggers know fires from the dictionary only with a pattern around it: the hand-written
    pattern already says when the verb alone is an event."""
    hits: list[Hit] = []
    aiming = triggers.cue("roles", "aim_verbs")
    for token in sentence:
        if (
            token.i in used
            or token.dep_ in MODIFIER_DEPS
            or _topic(token)
            or not (token.pos_ == "VERB" or (token.pos_ == "NOUN" and token.tag_.startswith("VB")))
        ):
            continue
        keys = verb_keys(token)
        # "adding tankers ..., targeting Chinese firms": the hand data's verbs of aiming name
        # the targets of another act, not an act of their own
        alone = not any(k in triggers.by_verb or k in aiming for k in keys[:1])
        match = lexicon.match(token, keys, alone=alone)
        if match is None or not lexicon.makes_event(match.entry):
            continue
        noun = match.noun
        if noun is not None and (
            noun.i in used
            or (
                _lemma(noun) in triggers.by_noun
                and (_lemma(token) in supports or noun.dep_ not in OWN_OBJECT_DEPS)
            )
        ):
            continue
        hits.append(Hit(lexicon.trigger(match.entry), token, noun))
        used.add(token.i)
        if noun is not None:
            used.add(noun.i)
    return hits


def _own_demand(verb: Token, triggers: Triggers) -> bool:
    """Whether ``verb`` heads the sentence's main clause (or a clause coordinated with it),
    active, with a subject other than the writer's own side, and names an act the coder
    knows (a hand trigger or a dictionary entry that makes an event): "Russia must withdraw
    its troops", "the fighting must stop and the leaders must return to talks"; not "we must
    act" (a resolve), "the budget must be approved" or "residents must register" (a
    procedure)."""
    main = verb
    for _ in range(3):
        if main.dep_ != "conj":
            break
        main = main.head
    if main.dep_ != "ROOT" or any(c.dep_ == "auxpass" for c in verb.children):
        return False
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.lower_ in triggers.cue("roles", "first_person"):
        return False
    if _verb_hit(verb, triggers) is not None:
        return True
    lexicon = triggers.lexicon
    if lexicon is None:
        return False
    match = lexicon.match(verb, verb_keys(verb))
    return match is not None and lexicon.makes_event(match.entry)


def find_triggers(sentence: Span, triggers: Triggers, voiced: bool = False) -> list[Hit]:
    """Every trigger of the sentence: the hand-written verb patterns first, then the CAMEO
    dictionary on the verbs they left, then event nouns; a noun a verb took is not re-used.
    ``voiced``: the sentence stands in an official statement, whose author's own words
    report a wrong as its verdict (patterns marked ``reported`` fire there too)."""
    hits: list[Hit] = []
    used: set[int] = set()
    saying = triggers.cue("attribution", "verbs")
    # "warned that Belarus must free them", "made clear that X should go": the warning says
    # what must be done; the demand is the event, not a threat.
    heads = triggers.cue("roles", "modal_demand_heads")
    own = triggers.cue("roles", "root_demand_modals")
    for pattern in triggers.modal_patterns:
        for token in sentence:
            if token.i in used:
                continue
            if token.dep_ in ("ccomp", "conj", "csubj") and _lemma(token.head) in saying | heads:
                modals = pattern.modals
            elif _own_demand(token, triggers):
                modals = pattern.modals & own  # "Russia must withdraw": the text's own demand
            else:
                continue
            # "said X must go", or a semi-modal verb that governs the act: "said X needs to go"
            semi = _lemma(token) in modals and any(c.dep_ == "xcomp" for c in token.children)
            if semi or any(c.dep_ == "aux" and c.lower_ in modals for c in token.children):
                hits.append(Hit(pattern, token))
                used.add(token.i)
                if _lemma(token.head) in heads:
                    used.add(token.head.i)
    for token in sentence:
        if token.i in used:
            continue
        if token.pos_ in VERB_POS or (token.pos_ == "NOUN" and token.tag_.startswith("VB")):
            hit = _verb_hit(token, triggers, voiced)
            if hit is not None:
                hits.append(hit)
                used.add(token.i)
                if hit.noun is not None:
                    used.add(hit.noun.i)
            elif _ruled_out(token, triggers):
                # "met with criticism", "hosted the Olympics": the hand data says what the
                # verb does with such an object, nothing; the dictionary does not overrule it
                used.add(token.i)
    supports = triggers.cue("roles", "support_verbs")
    if triggers.lexicon is not None:
        hits += _dictionary_hits(sentence, triggers, triggers.lexicon, used, supports)
    for token in sentence:
        if token.i in used or token.pos_ not in NOUN_POS:
            continue
        # a pattern with modifiers claims its noun only with one of them ("hunger strike")
        words = {_lemma(c) for c in token.children if c.dep_ in ("compound", "amod")}
        patterns = [
            p
            for p in triggers.by_noun.get(_lemma(token), [])
            if not p.modifiers or p.modifiers & words
        ]
        if not patterns:
            continue
        if patterns[0].preps and not any(
            c.dep_ == "prep" and c.lower_ in patterns[0].preps for c in token.children
        ):
            continue  # "calls for a ceasefire" is a demand; "two calls" are not
        support = None
        if token.dep_ in ("dobj", "nsubjpass") and _lemma(token.head) in supports:
            support = token.head
        elif (
            token.dep_ == "pobj"
            and token.head.dep_ == "prep"
            and _lemma(token.head.head) in supports
        ):
            support = token.head.head
        hits.append(Hit(patterns[0], token, None, support))
        used.add(token.i)
    return hits


def depth(token: Token) -> int:
    """How many links from the sentence root: the main event of a sentence is the shallowest."""
    steps = 0
    while token.head.i != token.i and steps < 50:
        token = token.head
        steps += 1
    return steps
