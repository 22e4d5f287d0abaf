"""Per-request context for the pages: the language, the translator, the templates.

The language comes from ``?lang=de|en`` (remembered in a cookie), else the cookie, else
the configured language, else German. Texts in templates are English templates passed
through ``t()``; their German lives in ``kreislauf/locale/de/web.json``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from kreislauf.i18n import LANGUAGES, translator

LANG_COOKIE = "kreislauf_lang"
TEMPLATES_DIR = Path(__file__).parent / "templates"

templates = Jinja2Templates(directory=str(TEMPLATES_DIR))
templates.env.autoescape = True  # names with HTML or script are shown as text
templates.env.trim_blocks = True
templates.env.lstrip_blocks = True


def pick_language(query: str | None, cookie: str | None, configured: str | None) -> str:
    """The language of a request: the query's, else the cookie's, else the configured
    one, else German."""
    for candidate in (query, cookie, configured):
        if candidate in LANGUAGES:
            return candidate
    return "de"


def language(request: Request) -> str:
    return str(getattr(request.state, "lang", "de"))


def translate(request: Request) -> Callable[[str], str]:
    return translator(language(request))


def tr(request: Request, text: str, **params: Any) -> str:
    """``text`` translated into the request's language, ``params`` filled in."""
    translated = translate(request)(text)
    if not params:
        return translated
    try:
        return translated.format(**params)
    except (KeyError, IndexError, ValueError):
        return translated


def format_number(value: float | int | None, lang: str, digits: int | None = None) -> str:
    """A number as the language writes it: 1.234,5 in German, 1,234.5 in English; whole
    numbers without decimals unless ``digits`` says otherwise."""
    if value is None:
        return ""
    number = float(value)
    places = digits if digits is not None else (0 if number.is_integer() else 1)
    text = f"{number:,.{places}f}"
    if lang == "de":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


def render(
    request: Request,
    name: str,
    context: dict[str, Any] | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    """Render a page (or an HTMX fragment) with the common context."""
    from kreislauf.web.security import csrf_token, current_user

    lang = language(request)
    t = translator(lang)

    def tf(text: str, **params: Any) -> str:
        return tr(request, text, **params)

    full: dict[str, Any] = {
        "request": request,
        "lang": lang,
        "t": tf,
        "translate": t,
        "user": current_user(request),
        "csrf_token": csrf_token(request),
        "num": lambda value, digits=None: format_number(value, lang, digits),
    }

    def lang_url(code: str) -> str:
        """This page's path and query in another language (relative: proxies keep it)."""
        url = request.url.include_query_params(lang=code)
        return f"{url.path}?{url.query}"

    full["lang_url"] = lang_url
    full.update(context or {})
    return templates.TemplateResponse(request, name, full, status_code=status_code)


__all__ = ["LANG_COOKIE", "language", "pick_language", "render", "templates", "tr", "translate"]
