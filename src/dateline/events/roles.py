"""Roles from the dependency parse: who did it (source), to whom (target).

Sources are subjects, passive agents ("by X"), the noun a relative clause hangs on ("a group
of countries that have pledged"), or the subject a control or purpose clause inherits ("is
in Paris to join talks"). Targets are objects and the objects of the target prepositions
("with", "against", "to", "on", ...). An actor phrase is followed through conjunctions,
appositions and inner prepositions ("heads of government from Denmark and Finland") to every
actor mention it lists; each becomes its own actor, except what only qualifies or renames a
coded head ("the president of Kenya", "Hamas, the militant group": one actor). A first-person
word in what someone says ("we", "our forces", "I") is the speaker's side.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from dateline.models import Actor, Mention

if TYPE_CHECKING:
    from spacy.tokens import Token

    from dateline.events.candidate import Trace
    from dateline.events.patterns import Triggers

SUBJECTS = ("nsubj", "csubj", "expl")
# How a clause without a subject of its own inherits one, by the link to its governor.
CLIMB_RULES = {
    "xcomp": "roles.control",
    "acomp": "roles.control",
    "advcl": "roles.purpose",
    "conj": "roles.shared-subject",
}
PASSIVE_SUBJECTS = ("nsubjpass", "csubjpass")
OBJECTS = ("dobj", "dative", "iobj", "obj")
# Clauses an actor phrase does not reach into.
CLAUSAL = ("relcl", "acl", "advcl", "ccomp", "xcomp", "punct", "parataxis", "mark", "cc")
ACTOR_POS = ("NOUN", "PROPN", "PRON", "NUM")
# Rules that give a mention a country only from its surroundings ("the leadership" in a
# story about Syria).
GUESSED_RULES = (
    "actors.document-country",
    "actors.dateline-country",
    "actors.sentence-country",
    "actors.sentence-place",
)
# Entity types that are never actors ("for months", "on Tuesday", "$5 million").
NOT_ACTORS = ("DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL")


@dataclass
class MentionIndex:
    """The document's mentions, by token, with their antecedents resolved."""

    mentions: list[Mention]
    by_token: dict[int, list[int]]
    # Capital city → country (ISO3): a capital named as a participant is its government.
    capitals: dict[str, str] = field(default_factory=dict)
    # Token → (place name, country) of the places the annotator found.
    places: dict[int, tuple[str, str]] = field(default_factory=dict)
    # Mention → the tokens it covers (the inverse of ``by_token``).
    tokens: dict[int, list[int]] = field(default_factory=dict)

    def resolve(self, index: int) -> tuple[Mention, str]:
        """The mention that gives ``index`` its code, following antecedents, and the rule."""
        mention = self.mentions[index]
        rule = mention.rule or "actors"
        seen = {index}
        while mention.code is None and mention.antecedent is not None:
            nxt = mention.antecedent
            if nxt in seen or not 0 <= nxt < len(self.mentions):
                break
            seen.add(nxt)
            mention = self.mentions[nxt]
            rule = f"coref:{mention.rule or 'antecedent'}"
        return mention, rule


def build_index(
    mentions: list[Mention], doc: object, capitals: dict[str, str] | None = None
) -> MentionIndex:
    """Map each token of the spaCy ``doc`` to the mentions covering it."""
    by_token: dict[int, list[int]] = {}
    tokens: dict[int, list[int]] = {}
    for number, mention in enumerate(mentions):
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")  # type: ignore[attr-defined]
        if span is None:
            continue
        for token in span:
            by_token.setdefault(token.i, []).append(number)
            tokens.setdefault(number, []).append(token.i)
    return MentionIndex(mentions, by_token, capitals or {}, tokens=tokens)


def phrase_tokens(head: Token, inner_preps: frozenset[str]) -> list[Token]:
    """The tokens of the actor phrase headed by ``head``: its subtree without clauses and
    without prepositional phrases other than the inner ones ("of", "from", "including")."""
    out = [head]
    stack = [head]
    while stack:
        token = stack.pop()
        for child in token.children:
            if child.dep_ in CLAUSAL:
                continue
            if child.dep_ == "prep" and child.lower_ not in inner_preps:
                continue
            out.append(child)
            stack.append(child)
    return sorted(out, key=lambda t: t.i)


def actors_of(
    head: Token,
    index: MentionIndex,
    triggers: Triggers,
    exclude: set[int] | None = None,
    trace: Trace | None = None,
) -> list[Actor]:
    """Every actor the phrase headed by ``head`` names, one per maximal mention.

    With no mention in the phrase, a capital that is a subject or object stands for its
    government ("Kyiv asked Moscow"; not "travelled to Geneva"), an appositive head is tried
    ("the coalition, a group of countries"), then the phrase itself becomes an uncoded actor
    (nouns and pronouns only). A first-person plural ("we", "our forces") in what someone
    says is the speaker's side. Rules that decide which actors count are appended to
    ``trace`` when one is given.
    """
    inner = triggers.cue("roles", "inner_preps")
    tokens = phrase_tokens(head, inner)
    found: list[int] = []
    for token in tokens:
        for number in index.by_token.get(token.i, ()):
            if number not in found and (exclude is None or number not in exclude):
                found.append(number)
    # Keep the widest mentions: a country inside a title phrase is part of that actor.
    spans = [(index.mentions[n].start, index.mentions[n].end, n) for n in found]
    maximal = [
        n for s, e, n in spans
        if not any((s2 <= s and e <= e2) and (s2, e2) != (s, e) for s2, e2, _ in spans)
    ]  # fmt: skip
    # Only coded mentions make actors here: an uncoded word ("leaders", "forces") beside coded
    # actors adds nothing, and alone it is no better than the whole phrase below
    # ("Vietnamese-led forces").
    maximal = [n for n in maximal if index.resolve(n)[0].code is not None]
    if len(maximal) > 1:
        # "his French counterpart": the counterpart, not the one "his" points to.
        possessive = {t.idx for t in tokens if t.dep_ == "poss" and t.pos_ == "PRON"}
        maximal = [n for n in maximal if index.mentions[n].start not in possessive]
    if len(maximal) > 1:
        maximal, rule = _phrase_head(head, maximal, index, inner)
        if rule is not None and trace is not None:
            trace.append(rule)
    if maximal:
        maximal.sort(key=lambda n: index.mentions[n].start)
        actors: list[Actor] = []
        for number in maximal:
            written = index.mentions[number]
            mention, rule = index.resolve(number)
            actors.append(
                Actor(
                    text=written.text,
                    code=mention.code,
                    sector=mention.sector,
                    name=mention.name,
                    country=mention.country,
                    org=mention.org,
                    start=written.start,
                    end=written.end,
                    rule=rule,
                )
            )
        return actors
    if head.ent_type_ in NOT_ACTORS or head.pos_ == "NUM":
        # "Thousands of protesters", "dozens of soldiers": the actor is what is counted.
        counted = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        pobj = next((c for c in counted.children if c.dep_ == "pobj"), None) if counted else None
        return actors_of(pobj, index, triggers, exclude) if pobj is not None else []
    if head.pos_ == "PROPN" and head.dep_ != "pobj":
        name = head.doc[head.left_edge.i : head.i + 1].text.removeprefix("the ")
        country = index.capitals.get(name) or index.capitals.get(head.text)
        if country is not None:
            return [
                Actor(
                    text=head.text, code=f"{country} GOV", sector="GOV", country=country,
                    start=head.idx, end=head.idx + len(head.text),
                    rule="roles.capital-as-government",
                )
            ]  # fmt: skip
    if head.dep_ == "appos" and head.head.i != head.i:
        return actors_of(head.head, index, triggers, exclude)
    located = [index.places[t.i] for t in tokens if t.i in index.places]
    if located:
        # "shelled the regional capital Juba": a place hit or entered stands for its country.
        name, country = located[0]
        token = next(t for t in tokens if t.i in index.places)
        return [
            Actor(
                text=name, code=country, country=country, start=token.idx,
                end=token.idx + len(token.text), rule="roles.place-country",
            )
        ]  # fmt: skip
    if head.pos_ not in ACTOR_POS or head.lower_ in triggers.cue("roles", "relative_pronouns"):
        return []
    own = _own_forces(head, index, triggers) or _first_person(head, index, triggers)
    if own is not None:
        if trace is not None and own.rule == "roles.speaker-side":
            trace.append("roles.speaker-side")
        return [own]
    first, last = tokens[0], tokens[-1]
    doc = head.doc
    # "He was found guilty" after "a jury convicted Marcus Tellford": still uncoded, but
    # someone the text names.
    names = [index.resolve(n)[0].name for n in index.by_token.get(head.i, ())]
    return [
        Actor(
            text=doc[first.i : last.i + 1].text,
            code=None,
            name=next((n for n in names if n), None),
            sector=_head_sector(head, found, index),
            start=first.idx,
            end=last.idx + len(last.text),
            rule="roles.uncoded-phrase",
        )
    ]


def _head_sector(head: Token, found: list[int], index: MentionIndex) -> str | None:
    """The sector of the uncoded actor noun that heads the phrase ("State prosecutors": JUD,
    "masked gunmen": REB), so that a phrase the actor data names as a kind of actor, without
    a country yet, still counts as one; a mention elsewhere in the phrase ("the site of the
    police") gives none."""
    for number in found:
        if head.i in _tokens_of(number, index):
            sector = index.resolve(number)[0].sector
            if sector:
                return sector
    return None


def _phrase_head(
    head: Token, maximal: list[int], index: MentionIndex, inner: frozenset[str]
) -> tuple[list[int], str | None]:
    """ "The president of Kenya", "Hamas, the Palestinian militant group": when the phrase's
    head word is itself a coded actor, an actor inside its inner prepositional phrase only
    qualifies it, and one in its apposition names it again: neither is a second participant.
    A head that names no actor ("the leaders of France and Egypt", "two Gulf states – Qatar
    and Oman") leaves every actor it lists. Returns the mentions kept and the rule applied."""
    own = [n for n in maximal if head.i in _tokens_of(n, index)]
    if not own:
        return maximal, None
    qualifiers = {
        t.i
        for child in head.children
        if child.dep_ == "prep" and child.lower_ in inner
        for t in child.subtree
    }
    if all(_guessed(index.mentions[n]) for n in own):
        # "welcomed the leadership of President X and Chancellor Y": a head word whose
        # country is only the document's guess names no one; those it is "of" are the actors.
        listed = [n for n in maximal if n not in own and set(_tokens_of(n, index)) <= qualifiers]
        if listed:
            return listed, "roles.guessed-head"
    renamed = {t.i for child in head.children if child.dep_ == "appos" for t in child.subtree}
    kept: list[int] = []
    rule = None
    for n in maximal:
        tokens = set(_tokens_of(n, index))
        if n not in own and tokens <= qualifiers:
            rule = rule or "roles.phrase-head"
        elif n not in own and tokens <= renamed:
            rule = "roles.apposition-head"
        else:
            kept.append(n)
    return kept, rule


def _guessed(mention: Mention) -> bool:
    """Whether a mention's country is only a guess from where the text is (the document's,
    the dateline's or its sentence's country), not named in its own words."""
    return (mention.rule or "").startswith(GUESSED_RULES)


def _tokens_of(number: int, index: MentionIndex) -> list[int]:
    """The token indexes mention ``number`` covers."""
    return index.tokens.get(number, [])


def _first_person(head: Token, index: MentionIndex, triggers: Triggers) -> Actor | None:
    """ "'We will respond,' the ministry said", "'they attacked us'": a first-person plural
    pronoun inside what someone says stands for the speaker's side."""
    if head.lower_ not in triggers.cue("roles", "first_person"):
        return None
    speaker = speaker_of(head, triggers)
    if speaker is None or speaker.i == head.i:
        return None
    said_by = next((a for a in actors_of(speaker, index, triggers) if a.code), None)
    if said_by is None:
        return None
    return Actor(
        text=head.text,
        code=said_by.code,
        sector=said_by.sector,
        name=said_by.name,
        country=said_by.country,
        org=said_by.org,
        start=head.idx,
        end=head.idx + len(head.text),
        rule="roles.speaker-side",
    )


def _own_forces(head: Token, index: MentionIndex, triggers: Triggers) -> Actor | None:
    """ "Russia's defence ministry said its forces had captured ...": "its"/"their" with no
    antecedent found points to the one who reports; with a military noun the actor is that
    country's military, else the reporter itself."""
    owner = next((c for c in head.children if c.dep_ == "poss"), None)
    first_person = triggers.cue("roles", "first_person")
    if owner is None or owner.lower_ not in triggers.cue("roles", "own_pronouns") | first_person:
        return None
    if any(index.resolve(n)[0].code for n in index.by_token.get(owner.i, ())):
        return None  # the annotator resolved the pronoun: the mention path handles it
    speaker = speaker_of(head, triggers)
    if speaker is None or speaker.i == head.i:
        return None
    if any(
        c.dep_ == "poss" and c.lower_ in triggers.cue("roles", "own_pronouns")
        for c in speaker.children
    ):
        return None  # "its spokesman said its forces": no one to point back to
    said_by = next((a for a in actors_of(speaker, index, triggers) if a.code), None)
    if said_by is None:
        return None
    military = head.lemma_.lower() in triggers.cue("roles", "military_nouns")
    country = said_by.country
    code = f"{country} MIL" if military and country else said_by.code
    first = head.left_edge
    return Actor(
        text=head.doc[first.i : head.i + 1].text,
        code=code,
        sector="MIL" if military and country else said_by.sector,
        name=said_by.name,
        country=country,
        org=said_by.org,
        start=first.idx,
        end=head.idx + len(head.text),
        rule="roles.speaker-side" if owner.lower_ in first_person else "roles.own-pronoun",
    )


def subject_of(verb: Token, triggers: Triggers) -> tuple[Token | None, str]:
    """The token that is the source of ``verb`` and the rule that found it.

    Climbs control, purpose and coordinated clauses to the subject they share; a relative
    clause's subject is the noun it hangs on.
    """
    relatives = triggers.cue("roles", "relative_pronouns")
    current = verb
    rule = "roles.subject"
    for step in range(6):
        # The verb's own passive subject is its target; a governing verb's is the doer
        # ("Carney is scheduled to hold talks").
        deps = SUBJECTS if step == 0 else SUBJECTS + PASSIVE_SUBJECTS
        subject = next((c for c in current.children if c.dep_ in deps), None)
        if subject is not None and subject.dep_ != "expl":
            if subject.lower_ in relatives and current.dep_ == "relcl":
                return current.head, "roles.relative-clause"
            return subject, rule
        if subject is None and current.tag_ in ("VBD", "VBZ", "VBP"):
            # "Azerbaijan massed troops": the parser sometimes takes a name before a finite
            # verb that has no subject for an adverbial noun; it is the subject (not a date).
            stray = next(
                (
                    c
                    for c in current.children
                    if c.dep_ == "npadvmod"
                    and c.pos_ == "PROPN"
                    and c.i < current.i
                    and c.ent_type_ not in ("DATE", "TIME")
                ),
                None,
            )
            if stray is not None:
                return stray, "roles.stray-subject"
        if current.dep_ == "relcl":
            return current.head, "roles.relative-clause"
        if current.dep_ == "acl":
            # "Canada's move to increase spending": the possessor of the noun acts.
            owner = next((c for c in current.head.children if c.dep_ == "poss"), None)
            if owner is not None:
                return owner, "roles.noun-possessor"
            noun = current.head
            if current.tag_ == "VBG" and noun.dep_ in ("dobj", "obj") and noun.head.i != noun.i:
                # "issued a statement demanding ...": who issued the statement demands.
                issuer = next(
                    (c for c in noun.head.children if c.dep_ in ("nsubj", "nsubjpass")), None
                )
                if issuer is not None:
                    return issuer, "roles.issued-text"
            return None, rule
        if (
            current.dep_ == "xcomp"
            and current.head.i != current.i
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in current.children)
        ):
            # Object control: "urged X to leave", "called on X to leave": X does it (an
            # infinitive only: "told reporters after chairing" is the teller's act).
            governor = current.head
            controller = next((c for c in governor.children if c.dep_ in ("dobj", "obj")), None)
            if controller is None:
                for prep in (
                    c for c in governor.children if c.dep_ == "prep" and c.lower_ in ("on", "upon")
                ):
                    controller = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if controller is not None:
                return controller, "roles.object-control"
        if (
            current.dep_ == "pcomp"
            and current.tag_ == "VBG"
            and current.head.dep_ == "prep"
            and current.head.lower_ in triggers.cue("roles", "adjunct_preps")
            and current.head.head.pos_ in ("VERB", "AUX")
        ):
            # "told reporters after chairing the meeting": the teller chaired it.
            rule = "roles.gerund-adjunct"
            current = current.head.head
            continue
        if (
            current.dep_ == "pcomp"
            and current.tag_ == "VBG"
            and current.head.dep_ == "prep"
            and current.head.lower_ == "to"
            and current.head.head.lower_ in triggers.cue("roles", "commitment_words")
        ):
            # "remains committed to helping the victims": who is committed helps.
            rule = "roles.committed-to"
            current = current.head.head
            if current.dep_ == "acomp" and current.head.i != current.i:
                current = current.head  # "remains committed": the verb it completes
            continue
        if (
            current.dep_ == "conj"
            and current.tag_ in ("VBD", "VBZ", "VBP")
            and current.head.tag_ == "VBG"
            and current.head.dep_ == "pcomp"
        ):
            # "accused X of targeting Y and urged Z": a finite verb conjoined to a gerund is
            # the parser's slip; it shares the subject of the verb that governs the gerund.
            rule = "roles.shared-subject"
            current = current.head.head.head
            continue
        if current.dep_ in ("xcomp", "advcl", "conj", "acomp") and current.head.i != current.i:
            rule = CLIMB_RULES[current.dep_]
            current = current.head
            continue
        break
    return None, rule


def joined_in(verb: Token, triggers: Triggers) -> list[Token]:
    """ "Russia joined China in vetoing the draft", "Britain joined France in condemning
    ...": the one who joins and the one joined both do the act named after "in" (rule
    ``roles.joined-in``). The heads of the joiner and of the joined, or nothing."""
    prep = verb.head
    if verb.dep_ != "pcomp" or prep.dep_ != "prep" or prep.lower_ != "in":
        return []
    join = prep.head
    if join.lemma_.lower() not in triggers.cue("roles", "joining_verbs"):
        return []
    joiner = next((c for c in join.children if c.dep_ == "nsubj"), None)
    joined = next((c for c in join.children if c.dep_ in ("dobj", "obj")), None)
    if joiner is None or joined is None:
        return []
    return [joiner, joined]


def agent_of(verb: Token) -> Token | None:
    """The object of a passive "by" phrase."""
    for child in verb.children:
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in PASSIVE_SUBJECTS or c.dep_ == "auxpass" for c in verb.children)


def passive_verb(verb: Token) -> Token | None:
    """The passive verb whose subject ``verb`` takes: itself when passive, or the passive it is
    coordinated after with no subject or auxiliary of its own ("were arrested and charged":
    "charged" is passive too, on the same subject)."""
    if is_passive(verb):
        return verb
    if (
        verb.tag_ == "VBN"
        and verb.dep_ == "conj"
        and verb.head.i != verb.i
        and is_passive(verb.head)
        and not any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in verb.children)
    ):
        return verb.head
    return None


def shared_agent(verb: Token) -> Token | None:
    """The "by" phrase of a passive coordinated with ``verb``: "were arrested and charged by
    police" (police arrested them too), "were detained by police and later released"."""
    partners = [c for c in verb.children if c.dep_ == "conj" and passive_verb(c) is not None]
    if passive_verb(verb) is not None and verb.dep_ == "conj":
        partners.append(verb.head)
    return next((a for a in map(agent_of, partners) if a is not None), None)


def prep_objects(token: Token, preps: frozenset[str]) -> list[Token]:
    """Objects of the prepositions of ``token`` that are in ``preps``."""
    out: list[Token] = []
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in preps:
            out.extend(c for c in child.children if c.dep_ in ("pobj", "pcomp"))
        if child.dep_ == "prep" and child.lower_ == "according":
            continue
    return out


def object_tokens(verb: Token, skip: Token | None) -> list[Token]:
    """Direct and indirect objects of ``verb``, without ``skip`` (a light verb's noun)."""
    return [c for c in verb.children if c.dep_ in OBJECTS and (skip is None or c.i != skip.i)]


def relative_antecedent(noun: Token, index: MentionIndex, triggers: Triggers) -> Token:
    """The actor a relative clause's noun stands for: "the coalition, a group of countries
    that ...": from "countries" up through "of" and the apposition to the coalition."""
    current = noun
    for _ in range(4):
        if any(a.code for a in actors_of(current, index, triggers)):
            return current
        if current.dep_ == "pobj" and current.head.dep_ == "prep":
            current = current.head.head
        elif (before := _comma_apposition(current)) is not None:
            current = before
        elif current.dep_ == "appos":
            current = current.head
        else:
            break
    return noun


def _comma_apposition(noun: Token) -> Token | None:
    """A noun phrase set off by a comma right after another noun phrase is an apposition to
    it, whatever the parser attached it to ("the coalition, a group of ...")."""
    doc = noun.doc
    first = noun.left_edge.i
    while first < noun.i and doc[first].is_punct:
        first += 1
    left = first - 1
    while left >= 0 and doc[left].is_punct:
        left -= 1
    if left < 0 or left == first - 1:
        return None  # no punctuation between them: not an apposition
    # The phrase that ends right before the comma: climb while the head still ends there.
    phrase = doc[left]
    while phrase.head.i != phrase.i and phrase.head.right_edge.i <= left and phrase.head.i < first:
        phrase = phrase.head
    return phrase if phrase.pos_ in ("NOUN", "PROPN") else None


QUOTES = frozenset({'"', "“", "”", "''", "``"})


def in_quote(token: Token) -> bool:
    """Whether ``token`` stands between quotation marks of its sentence (direct speech)."""
    sentence = token.sent
    marks = sum(1 for t in sentence if t.i < token.i and t.text in QUOTES)
    return marks % 2 == 1


def speaker_of(
    token: Token, triggers: Triggers, also: frozenset[str] = frozenset()
) -> Token | None:
    """The subject of the nearest verb of saying (or word of ``also``) that governs ``token``
    ("X said it would"); for an adjective ("X made clear that ..."), the subject of the verb
    it completes."""
    verbs = triggers.cue("attribution", "verbs") | also
    current = token
    for _ in range(6):
        if current.head.i == current.i:
            return None
        current = current.head
        if current.lemma_.lower() in verbs:
            holder = current.head if current.pos_ == "ADJ" else current
            return next((c for c in holder.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return None
