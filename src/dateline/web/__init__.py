"""dateline's face on the web: the pages, their JSON twins under /api/v1/, and ingest.

``create_app(options)`` builds the FastAPI app; ``dateline serve`` runs it on uvicorn.
"""

from dateline.web.app import create_app

__all__ = ["create_app"]
