"""The pages' Jinja2 environment: templates from ``web/templates``, bundle URLs that change
whenever the bundle is rebuilt (so a browser never runs stale JavaScript), display labels;
rendering a page (and the styled "Not found" page)."""

from __future__ import annotations

import functools
import logging
from pathlib import Path
from typing import Any

from fastapi import Request, status
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from api.errors import NotFound
from api.formatting import format_score, format_time
from api.users.models import User
from sandbox.rubric import Category
from sandbox.verdict import TITLES, Verdict

WEB_DIR = Path(__file__).resolve().parent.parent.parent / "web"
DIST_DIR = WEB_DIR / "static" / "dist"
log = logging.getLogger(__name__)
BUILD_HINT = "run 'make setup' (or scripts/build-web.sh) to build the front-end"

CATEGORY_LABELS = {
    category.value: category.value.replace("_", " ").capitalize() for category in Category
}


def asset(name: str) -> str:
    """The URL of a bundled file, versioned by its modification time."""
    try:
        version = int((DIST_DIR / name).stat().st_mtime)
    except FileNotFoundError:
        # The pages still render (the JSON API does not need the bundle); say what to do.
        warn_missing_bundle(name)
        return f"/static/dist/{name}"
    return f"/static/dist/{name}?v={version}"


@functools.cache
def warn_missing_bundle(name: str) -> None:
    log.warning("web/static/dist/%s is missing; %s", name, BUILD_HINT)


def category_label(key: str) -> str:
    return CATEGORY_LABELS.get(key, key.replace("_", " "))


def verdict_label(key: str) -> str:
    try:
        return TITLES[Verdict(key)]
    except ValueError:
        return key.replace("_", " ")


templates = Jinja2Templates(directory=WEB_DIR / "templates")
templates.env.globals.update(
    asset=asset, category_label=category_label, verdict_label=verdict_label
)
templates.env.filters.update(score=format_score, utc=format_time)


def render(
    request: Request, template: str, user: User | None, status_code: int = 200, **context: Any
) -> HTMLResponse:
    return templates.TemplateResponse(
        request, template, {"user": user, **context}, status_code=status_code
    )


def not_found(request: Request, user: User | None, error: NotFound) -> HTMLResponse:
    return render(request, "not_found.html", user, status.HTTP_404_NOT_FOUND, message=error.message)
