"""The web application: server-rendered pages and the JSON API under ``/api/v1``.

``create_app(settings)`` builds the FastAPI application on the configured database;
``kreislauf serve`` runs it with uvicorn.
"""

from kreislauf.web.app import create_app

__all__ = ["create_app"]
