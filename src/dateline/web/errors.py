"""One error envelope for every 4xx and 5xx: ``{"error": {"code": ..., "message": ...}}``.

The API always answers with the envelope. A page asked for by a browser (``Accept: text/html``
outside ``/api/``) gets the same code and message as a small HTML page, with the same status.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from dateline.errors import DatelineError, NotADatelineDatabase, SchemaTooNew, StoreError

log = logging.getLogger("dateline.web")

# Short machine-friendly codes by HTTP status, for errors raised without one.
STATUS_CODES = {
    400: "bad-request",
    401: "unauthorized",
    403: "forbidden",
    404: "not-found",
    405: "method-not-allowed",
    406: "not-acceptable",
    411: "length-required",
    413: "too-large",
    414: "uri-too-long",
    415: "unsupported-media-type",
    422: "invalid-parameter",
    429: "too-many-requests",
    500: "internal-error",
    503: "unavailable",
}


class ErrorBody(BaseModel):
    code: str
    message: str


class ErrorEnvelope(BaseModel):
    """The body of every 4xx and 5xx answer."""

    error: ErrorBody


def documented(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` entries for these error statuses, all with the envelope."""
    return {
        s: {"model": ErrorEnvelope, "description": STATUS_CODES.get(s, "error")} for s in statuses
    }


class ApiError(Exception):
    """An error a view raises on purpose: status, short code, one human line."""

    def __init__(
        self, status: int, code: str, message: str, headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers


def envelope(code: str, message: str) -> dict[str, Any]:
    """The JSON body of every error answer."""
    return {"error": {"code": code, "message": message}}


def error_response(
    request: Request,
    status: int,
    code: str,
    message: str,
    headers: Mapping[str, str] | None = None,
) -> Response:
    """The envelope as JSON, or as a small HTML page for a browser asking for a page."""
    if _wants_html(request):
        templates = getattr(request.app.state, "templates", None)
        if templates is not None:
            response = templates.TemplateResponse(
                request,
                "error.html",
                {"status": status, "code": code, "message": message, "nav": "error"},
                status_code=status,
                headers=headers,
            )
            return response
        return HTMLResponse(f"{status} {code}", status_code=status, headers=headers)
    return JSONResponse(envelope(code, message), status_code=status, headers=headers)


def _wants_html(request: Request) -> bool:
    path = request.url.path
    if path.startswith("/api/") or path.startswith("/static/") or path == "/openapi.json":
        return False
    return "text/html" in request.headers.get("accept", "")


def _validation_message(exc: RequestValidationError) -> str:
    """One readable line from pydantic's list of errors: 'query.since: Input should be ...'."""
    parts = []
    for err in exc.errors()[:3]:
        loc = ".".join(str(p) for p in err.get("loc", ()) if p != "body" or len(err["loc"]) == 1)
        parts.append(f"{loc}: {err.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid request"


def install_error_handlers(app: FastAPI) -> None:
    """Route every error the app can meet into the envelope."""

    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> Response:
        return error_response(request, exc.status, exc.code, exc.message, exc.headers)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> Response:
        return error_response(request, 422, "invalid-parameter", _validation_message(exc))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        code = STATUS_CODES.get(exc.status_code, "error")
        message = exc.detail if isinstance(exc.detail, str) else code
        if exc.status_code == 404 and message == "Not Found":
            message = f"nothing at {request.url.path}"
        return error_response(request, exc.status_code, code, message, exc.headers)

    @app.exception_handler(NotADatelineDatabase)
    @app.exception_handler(SchemaTooNew)
    @app.exception_handler(StoreError)
    async def _store(request: Request, exc: DatelineError) -> Response:
        return error_response(request, 503, "database-unavailable", str(exc))

    @app.exception_handler(DatelineError)
    async def _dateline(request: Request, exc: DatelineError) -> Response:
        return error_response(request, 400, "bad-request", str(exc))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> Response:
        # A bug: log it with the traceback, tell the client only that it happened.
        log.exception("unhandled error on %s", request.url.path)
        return error_response(request, 500, "internal-error", "internal error; see the server log")
