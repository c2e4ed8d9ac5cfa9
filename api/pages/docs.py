"""The API's documentation pages, /docs (Swagger UI) and /redoc (ReDoc), served from the
front-end bundle: the viewers come from npm (swagger-ui-dist, redoc) through
``web/build.mjs``, so the pages work with no network beyond this site, and no inline script
starts them (``web/src/pages/docs.js`` does)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from api.pages.templating import templates

router = APIRouter(include_in_schema=False)


@router.get("/docs", response_class=HTMLResponse)
def swagger_ui(request: Request) -> HTMLResponse:
    return templates.TemplateResponse(request, "docs.html", {"openapi_url": "/openapi.json"})


@router.get("/redoc", response_class=HTMLResponse)
def redoc(request: Request) -> HTMLResponse:
    return templates.TemplateResponse(request, "redoc.html", {"openapi_url": "/openapi.json"})
