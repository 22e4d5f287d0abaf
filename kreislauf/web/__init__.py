"""The web application: server-rendered pages and the JSON API under ``/api/v1``.

``create_app(settings)`` builds the FastAPI application on the configured database;
``kreislauf serve`` runs it with uvicorn.

How it is put together (add a new area the same way):

* ``app.py`` -- the factory: repository, accounts and region cache on ``app.state``,
  session cookie, language, security headers (a strict Content-Security-Policy: no
  inline scripts, no other origins), error pages and JSON errors, the routers.
* ``routes/<area>.py`` -- one router per area: pages (``auth``, ``regions``, ``actors``,
  ``streams``, ``imports``, ``lookups``) and API (``api_*``, mounted under ``/api/v1``).
  Pages take ``who: Annotated[Principal, Depends(require_principal)]`` and render with
  ``context.render(request, "name.html", {...})``; forms that post use
  ``dependencies=[Depends(require_csrf)]``. API routes take ``who: ApiWho`` (bearer token
  or session; unsafe methods through the session need the ``X-CSRF-Token`` header, which
  ``static/js/app.js`` adds to every htmx request).
* ``access.py`` -- ``region_for`` (404 where the user may not see the region, exactly as
  for one that does not exist), ``actor_for``, ``stream_for``, ``editable_actor``,
  ``require_region_editor``, ``introduced_for``. The rules themselves are pure, in
  :mod:`kreislauf.core.permissions`.
* ``views.py`` -- ``actor_public`` and ``stream_public``: what one user sees of an actor
  or a stream (contact data and confidential owners withheld); pages and API share them.
* ``forms.py`` -- form or JSON fields to ``Actor``/``Stream`` with problems per field.
* ``templates/`` -- Jinja2, autoescaped; ``base.html`` has the landmarks, skip link and
  language switch; ``_fields.html`` the labelled fields with errors beside them. Every
  text goes through ``t("English")``; German in ``kreislauf/locale/de/web.json``
  (``tests/web/test_web_messages.py`` fails on a missing one).
* ``static/vendor/`` -- htmx, Leaflet, Leaflet.markercluster, Swagger UI, copied from npm
  by ``python -m kreislauf.web.assets`` (versions in ``package.json`` / ``VERSIONS.json``).
"""

from kreislauf.web.app import create_app

__all__ = ["create_app"]
