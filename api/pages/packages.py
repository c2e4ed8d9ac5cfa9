"""The admins' package authoring pages: the drafts with the forms that start one (a new
problem, a copy of a problem, an imported zip), and one draft edited as files in the
browser. Both embed what the JSON API answers; everything else goes through it."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from api.authoring import service
from api.authoring.router import draft_read
from api.authoring.schemas import PackageDraftSummary
from api.db import SessionDep
from api.errors import NotFound
from api.pages.access import AdminPageUser
from api.pages.templating import not_found, render
from api.problems import service as problems

router = APIRouter(include_in_schema=False)


@router.get("/admin/packages", response_class=HTMLResponse)
def packages_page(request: Request, session: SessionDep, user: AdminPageUser) -> Response:
    drafts = [PackageDraftSummary.build(d, files) for d, files in service.list_drafts(session)]
    return render(
        request,
        "packages.html",
        user,
        drafts=drafts,
        problems=[(v.slug, v.title, v.number) for v in problems.list_current(session)],
    )


@router.get("/admin/packages/{draft_id}", response_class=HTMLResponse)
def package_page(
    request: Request, draft_id: int, session: SessionDep, user: AdminPageUser
) -> Response:
    try:
        draft = draft_read(service.get(session, draft_id))
    except NotFound as error:
        return not_found(request, user, error)
    return render(request, "package.html", user, draft=draft.model_dump(mode="json"))
