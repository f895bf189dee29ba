"""``POST /api/v1/documents``: ingest one article (text, HTML or JSON) with a bearer token.

It goes through the same library functions as ``dateline ingest``: ``read_bytes`` (reader),
``Pipeline.code`` (annotate and code), ``Store.add`` (the one writer). Refused when no token
is configured. Writes from concurrent requests are serialised by one lock per app.
"""

from __future__ import annotations

import hmac
import json
import threading
from typing import TYPE_CHECKING, Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from dateline.models import CodedDocument, Document, ReadFailure
from dateline.web.errors import ApiError, documented
from dateline.web.schemas import IngestOut, post_body_schema

if TYPE_CHECKING:
    from dateline.pipeline import Pipeline

# Content type (without parameters) -> reader format.
FORMATS = {
    "text/plain": "text",
    "text/markdown": "text",
    "text/html": "html",
    "application/xhtml+xml": "html",
    "application/json": "jsonl",
    "application/x-ndjson": "jsonl",
    "application/jsonl": "jsonl",
}


def check_token(request: Request) -> None:
    """Raise ``ApiError`` unless ingest is enabled and the request carries its bearer token."""
    expected: str | None = request.app.state.token
    if not expected:
        raise ApiError(
            403,
            "ingest-disabled",
            "ingest over HTTP is disabled: start the server with DATELINE_TOKEN set",
        )
    header = request.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    challenge = {"WWW-Authenticate": 'Bearer realm="dateline"'}
    if scheme.lower() != "bearer" or not given.strip():
        raise ApiError(401, "unauthorized", "send 'Authorization: Bearer <token>'", challenge)
    if not hmac.compare_digest(given.strip().encode(), expected.encode()):
        raise ApiError(401, "unauthorized", "the bearer token is wrong", challenge)


def body_format(request: Request, body: bytes) -> tuple[bytes, str]:
    """The body as the reader wants it and its format, from the Content-Type header.

    JSON may be one object or a list of objects (each with "text" or "html", optional
    "title", "url", "date", "source"); it is passed on as JSON Lines. Raises ``ApiError``.
    """
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype not in FORMATS:
        raise ApiError(
            415,
            "unsupported-media-type",
            f"Content-Type {ctype or '(none)'} is not one of: {', '.join(sorted(FORMATS))}",
        )
    fmt = FORMATS[ctype]
    if fmt == "jsonl" and ctype == "application/json":
        try:
            data = json.loads(body)
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ApiError(400, "bad-json", f"the body is not JSON: {exc}") from exc
        except RecursionError as exc:  # issue 13: "[" * 1000 gave a 500
            raise ApiError(400, "bad-json", "the body's JSON is nested too deeply") from exc
        records = data if isinstance(data, list) else [data]
        if not records or not all(isinstance(r, dict) for r in records):
            raise ApiError(400, "bad-json", "send one JSON object, or a list of objects")
        body = "\n".join(json.dumps(r, ensure_ascii=False) for r in records).encode()
    return body, fmt


def _pipeline(app: FastAPI) -> Pipeline:
    """The app's one Pipeline (spaCy loads on first ingest, not at start-up)."""
    with app.state.ingest_lock:
        if getattr(app.state, "pipeline", None) is None:
            from dateline.pipeline import Pipeline

            app.state.pipeline = Pipeline(app.state.options)
        return app.state.pipeline


def ingest_bytes(app: FastAPI, body: bytes, fmt: str, source: str) -> dict[str, Any]:
    """Read, code and store every article in ``body``; the answer lists documents and failures.

    Raises ``DatelineError`` from the pipeline or the store (the app's handlers answer them).
    """
    from dateline.read import read_bytes
    from dateline.store import Store

    options = app.state.options
    pipeline = _pipeline(app)
    documents: list[dict[str, Any]] = []
    failures: list[dict[str, Any]] = []
    with app.state.write_lock, Store.open(options.db_path) as store:
        coded: list[CodedDocument] = []
        for item in read_bytes(body, source, options, fmt=fmt):
            if isinstance(item, ReadFailure):
                failures.append(
                    {"reason": item.reason, "message": item.message, "record": item.record}
                )
                continue
            assert isinstance(item, Document)
            if store.has_document(item.id):
                documents.append(_doc_row(item, None, stored=False))
                continue
            result = pipeline.code(item)
            coded.append(result)
            documents.append(_doc_row(item, len(result.events), stored=True))
        if coded:
            store.add(coded)
    return {"documents": documents, "failures": failures}


def _doc_row(doc: Document, events: int | None, *, stored: bool) -> dict[str, Any]:
    return {
        "id": doc.id,
        "title": doc.title,
        "date": doc.date,
        "events": events,
        "stored": stored,
        "already_stored": not stored,
        "url": f"/documents/{doc.id}",
    }


def register(app: FastAPI) -> None:
    """Add ``POST /api/v1/documents``."""
    app.state.ingest_lock = threading.Lock()
    app.state.write_lock = threading.Lock()
    app.state.pipeline = None

    @app.post(
        "/api/v1/documents",
        summary="Ingest an article (text/plain, text/html or application/json); bearer token",
        tags=["write"],
        status_code=201,
        response_model=IngestOut,
        responses={
            201: {"description": "Read, coded and stored"},
            200: {"description": "Already stored: the existing ids", "model": IngestOut},
            **documented(400, 401, 403, 413, 415, 422, 503),
        },
        openapi_extra={"requestBody": post_body_schema()},
    )
    async def post_document(request: Request) -> Response:
        check_token(request)
        body = await request.body()  # bounded by LimitsMiddleware
        body, fmt = body_format(request, body)
        source = request.headers.get("x-dateline-source") or "http-post"
        answer = await run_in_threadpool(ingest_bytes, request.app, body, fmt, source[:200])
        if not answer["documents"]:
            first = answer["failures"][0] if answer["failures"] else {"reason": "no-article"}
            raise ApiError(
                422,
                str(first["reason"]),
                first.get("message") or "nothing in the body could be read as an article",
            )
        # A document stored before is not created again: 200 with its existing id.
        created = any(d["stored"] for d in answer["documents"])
        return JSONResponse(answer, status_code=201 if created else 200)
