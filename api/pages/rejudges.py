"""The admins' Rejudges page: start a rejudge of a problem's submissions, and follow each
rejudge's progress (the page polls the JSON API), old results beside new."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from api.db import SessionDep
from api.errors import NotFound
from api.pages.access import AdminPageUser
from api.pages.templating import not_found, render
from api.problems import service as problems
from api.rejudges import service

router = APIRouter(include_in_schema=False)


@router.get("/admin/rejudges", response_class=HTMLResponse)
def rejudges_page(request: Request, session: SessionDep, user: AdminPageUser) -> Response:
    return render(
        request,
        "rejudges.html",
        user,
        problems=[(v.slug, v.title, v.number) for v in problems.list_current(session)],
        rejudges=[r.model_dump(mode="json") for r in service.recent(session)],
    )


@router.get("/admin/rejudges/{rejudge_id}", response_class=HTMLResponse)
def rejudge_page(
    request: Request, rejudge_id: int, session: SessionDep, user: AdminPageUser
) -> Response:
    try:
        rejudge = service.read(session, rejudge_id)
    except NotFound as error:
        return not_found(request, user, error)
    return render(request, "rejudge.html", user, rejudge=rejudge.model_dump(mode="json"))
