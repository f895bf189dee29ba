"""Stages take typed resources: mypy can only check a stage boundary whose types are named.

These tests fail when a resource of ``Pipeline`` is typed ``Any`` again, when a stage function
takes the whole pipeline instead of what it uses, or when ``Options`` grows a catch-all field.
"""

from __future__ import annotations

import inspect
import typing
from functools import cached_property
from typing import Any

import dateline.actors.data
import dateline.actors.kb
import dateline.events.learned
import dateline.events.patterns
import dateline.events.sentence_typer
import dateline.places
from dateline import annotate, events
from dateline.options import FetchOptions, Options
from dateline.pipeline import Pipeline


def _namespace() -> dict[str, Any]:
    """The names the modules import under TYPE_CHECKING only, to resolve their annotations."""
    from spacy.language import Language
    from spacy.tokens import Doc, Span

    return {
        "Language": Language,
        "Doc": Doc,
        "Span": Span,
        "ActorData": dateline.actors.data.ActorData,
        "KnowledgeBase": dateline.actors.kb.KnowledgeBase,
        "Triggers": dateline.events.patterns.Triggers,
        "TyperModel": dateline.events.learned.TyperModel,
        "SentenceTyper": dateline.events.sentence_typer.SentenceTyper,
        "Encoder": dateline.events.sentence_typer.Encoder,
        "Gazetteer": dateline.places.Gazetteer,
        "Pipeline": Pipeline,
    }


def _mentions_any(hint: Any) -> bool:
    if hint is Any:
        return True
    return any(_mentions_any(arg) for arg in typing.get_args(hint))


def test_every_pipeline_resource_has_its_own_type() -> None:
    resources = {
        name: attr.func
        for name, attr in vars(Pipeline).items()
        if isinstance(attr, cached_property)
    }
    assert {"nlp", "actor_data", "gazetteer", "kb", "triggers", "capitals"} <= set(resources)
    hints = {}
    for name, func in resources.items():
        returns = typing.get_type_hints(func, localns=_namespace()).get("return")
        assert returns is not None, f"Pipeline.{name} has no return type"
        assert not _mentions_any(returns), f"Pipeline.{name} is typed Any"
        hints[name] = returns
    assert hints["actor_data"] is dateline.actors.data.ActorData
    assert hints["gazetteer"] is dateline.places.Gazetteer
    assert hints["kb"] is dateline.actors.kb.KnowledgeBase
    assert hints["triggers"] is dateline.events.patterns.Triggers
    assert hints["typer"] is dateline.events.learned.TyperModel
    assert hints["sentence_typer"] is dateline.events.sentence_typer.SentenceTyper
    assert hints["encoder"] is dateline.events.sentence_typer.Encoder


def test_stages_take_what_they_use_not_the_pipeline() -> None:
    for stage in (annotate.annotate, annotate.annotate_parsed, events.code_events):
        hints = typing.get_type_hints(stage, localns=_namespace())
        for name, hint in hints.items():
            assert hint is not Pipeline, f"{stage.__name__}({name}) takes the whole Pipeline"
            assert not _mentions_any(hint), f"{stage.__name__}({name}) is typed Any"
        assert "pipeline" not in inspect.signature(stage).parameters


def test_options_have_named_typed_fields_only() -> None:
    for cls in (Options, FetchOptions):
        for name, hint in typing.get_type_hints(cls).items():
            assert not _mentions_any(hint), f"{cls.__name__}.{name} is typed Any"
            origin = typing.get_origin(hint) or hint
            assert origin is not dict, f"{cls.__name__}.{name} is a catch-all dict"
