"""``/docs``: the API documentation as a local page built from the app's OpenAPI schema.

FastAPI's own docs page loads Swagger UI from a CDN; this one loads nothing from outside.
The machine-readable schema stays at ``/openapi.json``.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, Response


def operations(schema: dict[str, Any]) -> list[dict[str, Any]]:
    """Every operation of an OpenAPI schema as plain rows for the docs page."""
    rows = []
    for path, methods in sorted(schema.get("paths", {}).items()):
        for method, op in methods.items():
            params = []
            for param in op.get("parameters", []):
                spec = param.get("schema", {})
                params.append(
                    {
                        "name": param.get("name"),
                        "in": param.get("in"),
                        "required": bool(param.get("required")),
                        "type": _type_name(spec),
                        "default": spec.get("default"),
                        "description": param.get("description") or spec.get("description") or "",
                        "limits": _limits(spec),
                    }
                )
            rows.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": op.get("summary") or "",
                    "description": op.get("description") or "",
                    "parameters": params,
                    "responses": sorted(op.get("responses", {}).keys()),
                }
            )
    return rows


def _type_name(spec: dict[str, Any]) -> str:
    if "enum" in spec:
        return "one of " + ", ".join(str(v) for v in spec["enum"])
    if "anyOf" in spec:
        return " or ".join(_type_name(s) for s in spec["anyOf"] if s.get("type") != "null")
    if spec.get("type") == "array":
        return "list of " + _type_name(spec.get("items", {}))
    fmt = spec.get("format")
    return f"{spec.get('type', 'any')}" + (f" ({fmt})" if fmt else "")


def _limits(spec: dict[str, Any]) -> str:
    parts = []
    for key, sign in (("minimum", "≥"), ("maximum", "≤"), ("maxLength", "length ≤")):
        if key in spec:
            parts.append(f"{sign} {spec[key]}")
    for sub in spec.get("anyOf", []):
        parts.extend(p for p in [_limits(sub)] if p)
    return ", ".join(parts)


def register(app: FastAPI) -> None:
    """Add ``GET /docs``."""

    @app.get("/docs", include_in_schema=False, response_class=HTMLResponse)
    def docs_page(request: Request) -> Response:
        response = request.app.state.templates.TemplateResponse(
            request,
            "docs.html",
            {"nav": "docs", "ops": operations(app.openapi()), "info": app.openapi()["info"]},
        )
        return response
