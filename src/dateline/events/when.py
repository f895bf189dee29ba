"""Which of a sentence's dates is the event's own: a date dates what it modifies.

A time expression dates the event only when it modifies the trigger or the verbs that carry it
("will deploy next year", "is due to meet on Friday", "On Tuesday the ministers signed"). A
date inside the object noun phrase ("a deal on troops from next year", "next month's summit"),
in a relative or participle clause ("tariffs starting in March"), or in a complement or purpose
clause that is not the event ("agreed to station troops from next year", "tanks to be delivered
by 2030") dates that phrase or clause instead. An occurrence that is the verb's subject lends
its date ("Sunday's attack killed five"), as what an event noun does dates it ("clashes broke
out on Sunday"), and so do, when the event has no date of its own, a phrase framing the act
("discussed it in a phone call on Thursday"), the verb reporting a clause that is not in the
past tense ("said on Monday it would not accept": the refusal is the saying) and a verb
coordinated with the event's verb, the first of the coordination ("On Monday troops entered the
town and arrested the mayor") or a later one that shares its subject ("killed nine and wounded
27 on Friday").

Tense has the last word: an act reported as done cannot happen after the report. For an event
that occurred, or a date on a verb in the past tense ("said on Monday that it will host talks":
last Monday, whatever the "will"), a month or day without a year is the latest one not after
the document date ("signed in March", read in November, is last March), and a date that still
lies after the document date names a period the act set up, not the act. An event that no date
of its own dates takes the document date. Dates keep their precision (day, month, year, range).

Rule ids, in the event's trace: ``date.clause``, ``date.subject``, ``date.predicate``,
``date.adjunct``, ``date.reported``, ``date.coordinated``, ``date.reported-past``,
``date.after-report`` (a later date left out), ``date.scope`` (the sentence has dates, none the
event's own), ``date.document``, and ``date.sentence`` (no trigger to attach to: the sentence's
first date).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dateline.dates import document_day, range_start, resolve_text
from dateline.events.status import climb
from dateline.models import AnnotatedDocument, Precision, Sentence, TimeExpr

if TYPE_CHECKING:
    import datetime as dt

    from spacy.tokens import Doc, Token

    from dateline.events.candidate import Trace
    from dateline.events.matcher import Hit

# Words a date phrase reaches its host through: the preposition of "on Tuesday", the
# subordinator of "as of March", a particle or adverb ("earlier on Monday").
_LINK_POS = frozenset({"ADP", "SCONJ", "PART", "CCONJ", "DET", "PUNCT", "ADV"})
# Links by which a verb governs the verb that carries the event: "is due [to meet]", "will
# begin [to withdraw]", "are [due]".
_CARRYING = frozenset({"xcomp", "acomp"})
# Modifiers before a noun: "next month's summit", "the 2030 deadline", "the March accord".
_PRENOMINAL = frozenset({"poss", "compound", "amod", "nummod", "npadvmod"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
# How a date dates an occurrence named by a subject noun: "Sunday's attack", "the attack on
# Sunday" (not "the 2015 accord", which says which accord).
_SUBJECT_LINKS = frozenset({"poss", "prep"})
# ... and a phrase framing the act: "in a phone call on Thursday", not "in the 2015 talks".
_ADJUNCT_LINKS = frozenset({"prep"})
_NOUNS = ("NOUN", "PROPN")
# Penn tags of a finite verb.
_FINITE = frozenset({"VBD", "VBP", "VBZ", "MD"})

When = tuple[str | None, Precision]


def host(time: TimeExpr, doc: Doc) -> tuple[Token, str] | None:
    """The word a time expression modifies and the link that reaches it: the first word above
    the expression's root that is not a preposition, particle or the like ("signed" in "signed
    on Tuesday", "summit" in "next month's summit"). None when the expression does not map to
    tokens or is the root of its sentence."""
    span = doc.char_span(time.start, time.end, alignment_mode="expand")
    if span is None:
        return None
    if len(span) > 1 and span[0].pos_ == "ADP":
        # The preposition the date entity was widened by ("for next month's") may hang
        # elsewhere than the entity; the entity's own root says what it modifies.
        span = span[1:]
    inside = range(span.start, span.end)
    token = span.root
    for _ in range(12):
        head = token.head
        if head.i == token.i:
            return None
        if head.i in inside or head.pos_ in _LINK_POS:
            token = head
            continue
        return head, token.dep_
    return None


def _chain(verb: Token) -> list[Token]:
    """``verb`` and the verbs (or adjectives) that carry it, nearest first: its auxiliary
    chain ("meet" ← "due" ← "are" in "are due to meet")."""
    return climb(verb, _CARRYING, 4)


def _carried(verb: Token) -> set[int]:
    """The token indexes of ``verb``'s auxiliary chain (``_chain``)."""
    return {t.i for t in _chain(verb)}


def _own(hit: Hit) -> tuple[set[int], set[int]]:
    """The token indexes whose date is the event's (the trigger, its event noun, the verbs
    that carry it) and, among them, the event nouns a light verb carries ("held talks")."""
    nouns = {hit.noun.i} if hit.noun is not None else set()
    if hit.support is not None:
        nouns.add(hit.token.i)
    own = _carried(hit.anchor) | {hit.token.i} | nouns
    return own, nouns


def _subject_events(hit: Hit) -> set[int]:
    """The subjects of the verbs that carry the event: "Sunday's attack killed five" dates
    the killing by the attack that did it."""
    doc = hit.anchor.doc
    return {
        child.i
        for i in _carried(hit.anchor)
        for child in doc[i].children
        if child.dep_ in _SUBJECTS and child.pos_ in _NOUNS
    }


def _predicate(hit: Hit) -> set[int]:
    """For an event noun that is a verb's subject, that verb and the verbs it carries: what
    the event did dates it ("Clashes broke out on Sunday", "talks are due to resume next
    week")."""
    token = hit.token
    # (by its link, not its tag: a subject is a noun even when tagged as a verb, "talks")
    if hit.support is not None or token.dep_ not in _SUBJECTS:
        return set()
    nodes: set[int] = set()
    todo = [token.head]
    while todo and len(nodes) < 8:
        verb = todo.pop()
        nodes.add(verb.i)
        todo.extend(c for c in verb.children if c.dep_ in _CARRYING)
    return nodes


def _adjuncts(doc: Doc, verbs: set[int]) -> set[int]:
    """The nouns of the prepositional phrases that modify ``verbs``: "in a phone call on
    Thursday", "at a ceremony on Tuesday" date the act they frame."""
    return {
        noun.i
        for i in verbs
        for prep in doc[i].children
        if prep.dep_ == "prep"
        for noun in prep.children
        if noun.dep_ == "pobj" and noun.pos_ in _NOUNS
    }


def _reporting(hit: Hit) -> set[int]:
    """The verb that reports the event's clause, when the report is the act: "said on Monday
    that it would not accept" refuses on Monday, while "said on Monday that troops had
    attacked" reports an attack of another day (a clause in the past tense keeps its own)."""
    chain = _chain(hit.anchor)
    top = chain[-1]
    if top.dep_ != "ccomp" or top.head.i == top.i:
        return set()
    finite = _finite(chain)
    if finite is None or _past_event(finite):
        return set()
    return _carried(top.head)


def _finite(chain: list[Token]) -> Token | None:
    """The first finite verb of a verb chain and its auxiliaries ("would" in "would not
    accept", "had" in "had attacked")."""
    verbs = sorted(
        {t for v in chain for t in (v, *v.children) if t is v or t.dep_ in ("aux", "auxpass")},
        key=lambda t: t.i,
    )
    return next((t for t in verbs if t.tag_ in _FINITE), None)


def _past_event(finite: Token) -> bool:
    """Whether a reported clause's finite verb puts its act before the report: a lexical verb
    in the past ("attacked") or the auxiliary of a past participle ("had attacked", "was
    attacked"). A backshifted copula or progressive ("was prepared to", "were attacking") still
    speaks of the time of the report."""
    if finite.tag_ != "VBD":
        return False
    if finite.pos_ == "VERB":
        return True
    return finite.dep_ in ("aux", "auxpass") and finite.head.tag_ == "VBN"


def _coordinated(hit: Hit) -> tuple[set[int], set[int]]:
    """The verbs the event's verb is coordinated with, and what carries them, then the nouns
    of the phrases that frame them: the first of the coordination ("On Monday troops entered
    the town and arrested the mayor") and the later ones that share its subject ("killed nine
    and wounded 27 on Friday"); not a later clause with a subject of its own ("... and on
    Tuesday the rebels retaliated")."""
    top = _chain(hit.anchor)[-1]
    first = top
    for _ in range(6):
        if first.dep_ != "conj" or first.head.i == first.i:
            break
        first = first.head
    verbs = [first]
    todo = [first]
    while todo and len(verbs) < 8:
        current = todo.pop()
        for child in current.children:
            if child.dep_ == "conj" and not any(c.dep_ in _SUBJECTS for c in child.children):
                verbs.append(child)
                todo.append(child)
    verbs = [v for v in verbs if v.i != top.i]
    nodes = {i for v in verbs for i in _carried(v)}
    return nodes, _adjuncts(hit.anchor.doc, nodes)


def _tense_of(word: Token, rule: str, status: str) -> str:
    """The status whose tense a date hosted by ``word`` is read in: that of an act done when
    ``word`` is a verb in the past tense ("said on Monday", "resumed on Monday", "had met on
    Monday"), else the event's; a date of the predicate of an event noun is read in the
    predicate's tense only ("talks will resume next week" is no act reported as done,
    whatever the noun's own reading)."""
    past = word.tag_ == "VBD" or any(
        c.dep_ in ("aux", "auxpass") and _past_event(c) for c in word.children
    )
    if past:
        return "occurred"
    return "planned" if rule == "date.predicate" else status


def _in_tense(time: TimeExpr, status: str, day: dt.date | None, rules: Trace) -> When | None:
    """The time's (date, precision) for an event of ``status``: an event that occurred is not
    dated after the report (see the module docstring); None when the time cannot be its date."""
    start = range_start(time.date)
    if status != "occurred" or day is None or start is None or start <= day:
        return time.date, time.precision
    again = resolve_text(time.text, day, future=False, past=True)
    if again is not None and again[0] is not None:
        start = range_start(again[0])
        if start is not None and start <= day:
            rules.append("date.reported-past")
            return again[0], again[1]
    rules.append("date.after-report")
    return None


def event_date(
    annotated: AnnotatedDocument,
    sent: Sentence,
    status: str,
    rules: Trace,
    hit: Hit | None = None,
) -> When:
    """The event's date and its precision (day, month, year, range): a date of the sentence
    that modifies the trigger or its auxiliary chain, else one the event shares (see the module
    docstring), else the document date. Takes the annotated document, the event's sentence, its
    status (for the tense), the trace the rule ids go to, and the trigger hit (without one, the
    sentence's first date). Returns (date, precision); (None, "unknown") when nothing dates
    the event."""
    document = annotated.document
    dated = [t for t in sent.times if t.date]
    if dated and hit is None:
        rules.append("date.sentence")
        return dated[0].date, dated[0].precision
    if dated and hit is not None:
        found = _attached(dated, hit, status, document_day(document), rules)
        if found is not None:
            return found
        rules.append("date.scope")
    if document.date:
        rules.append("date.document")
        return document.date, document.date_precision
    return None, "unknown"


def _attached(
    dated: list[TimeExpr], hit: Hit, status: str, day: dt.date | None, rules: Trace
) -> When | None:
    """The first date among ``dated`` that is the event's own; failing that, one of its
    subject, of a phrase framing it, of the verb reporting it, or of a verb coordinated with
    it (in that order), read in the event's tense."""
    doc = hit.token.doc
    hosts = [(time, host(time, doc)) for time in dated]
    own, nouns = _own(hit)
    coordinated, framing = _coordinated(hit)
    # (words, the links by which a date may reach them (None: any), rule id)
    tiers: list[tuple[set[int], frozenset[str] | None, str]] = [
        (own, None, "date.clause"),
        (_subject_events(hit), _SUBJECT_LINKS, "date.subject"),
        (_predicate(hit), None, "date.predicate"),
        (_adjuncts(doc, _carried(hit.anchor)) - own, _ADJUNCT_LINKS, "date.adjunct"),
        (_reporting(hit), None, "date.reported"),
        (coordinated, None, "date.coordinated"),
        (framing - own, _ADJUNCT_LINKS, "date.coordinated"),
    ]
    for nodes, links, rule in tiers:
        for time, found in hosts:
            if found is None or found[0].i not in nodes:
                continue
            word, link = found
            if links is not None and link not in links:
                continue
            if word.i in nouns and link in _PRENOMINAL:
                continue  # "signed the 2015 accord": which accord, not when it was signed
            when = _in_tense(time, _tense_of(word, rule, status), day, rules)
            if when is not None:
                rules.append(rule)
                return when
    return None
