"""``/package-drafts`` and the package zips: admins author problem packages as files.

Admins only, every one of them: drafts are shared between admins (each lists its owner;
the audit log says who changed what). Nothing here runs package code; see service.py.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request, Response, status

from api.auth import CurrentAdmin
from api.authoring import service
from api.authoring.models import PackageDraft
from api.authoring.schemas import (
    InvalidPackage,
    MarkdownPreview,
    MarkdownPreviewRequest,
    PackageDraftCreate,
    PackageDraftRead,
    PackageDraftSummary,
    PackageFileWrite,
)
from api.db import SessionDep
from api.dependencies import SettingsDep, require_json
from api.errors import PayloadTooLarge, UnsupportedMediaType
from api.problems.markdown import render_statement

router = APIRouter(tags=["package authoring"])

ZIP_MEDIA_TYPE = "application/zip"
REFUSED: dict[int | str, dict[str, Any]] = {
    422: {"model": InvalidPackage, "description": "The package has faults: every one is listed"}
}
ZIP_BODY = {
    "requestBody": {
        "required": True,
        "content": {ZIP_MEDIA_TYPE: {"schema": {"type": "string", "format": "binary"}}},
    }
}
ZIP_ANSWER: dict[int | str, dict[str, Any]] = {
    200: {
        "content": {ZIP_MEDIA_TYPE: {"schema": {"type": "string", "format": "binary"}}},
        "description": "The package as problems/<slug>/…",
    }
}


async def read_zip_body(request: Request, settings: SettingsDep) -> bytes:
    """The uploaded zip, read no further than the body limit; 415 unless declared a zip."""
    declared = request.headers.get("content-type", "")
    if declared.split(";", 1)[0].strip().lower() != ZIP_MEDIA_TYPE:
        raise UnsupportedMediaType(
            f"send the zip as the body with 'Content-Type: {ZIP_MEDIA_TYPE}' "
            f"(this request declared '{declared[:100] or 'nothing'}')"
        )
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > settings.max_body_bytes:  # the middleware stops it first
            raise PayloadTooLarge(f"the zip may have at most {settings.max_body_bytes} bytes")
    return bytes(body)


ZipBodyDep = Annotated[bytes, Depends(read_zip_body)]


def zip_response(export: service.Export) -> Response:
    return Response(
        export.data,
        media_type=ZIP_MEDIA_TYPE,
        headers={"Content-Disposition": f'attachment; filename="{export.filename}"'},
    )


def draft_read(draft: PackageDraft) -> PackageDraftRead:
    return PackageDraftRead.build_with(draft, service.issues_of(draft))


@router.get("/package-drafts", response_model=list[PackageDraftSummary])
def list_drafts(session: SessionDep, _admin: CurrentAdmin) -> list[PackageDraftSummary]:
    """Every admin's package drafts, last changed first (admins)."""
    drafts = service.list_drafts(session)
    return [PackageDraftSummary.build(draft, files) for draft, files in drafts]


@router.post(
    "/package-drafts",
    response_model=PackageDraftRead,
    status_code=status.HTTP_201_CREATED,
    dependencies=[Depends(require_json)],
)
def create_draft(
    request: PackageDraftCreate, session: SessionDep, admin: CurrentAdmin
) -> PackageDraftRead:
    """A new problem ``{"slug", "title"}`` from the template package: every file of the
    format, small and statically valid, to edit (admins)."""
    return draft_read(service.create_from_template(session, admin, request.slug, request.title))


@router.post(
    "/problems/{slug}/package-drafts",
    response_model=PackageDraftRead,
    status_code=status.HTTP_201_CREATED,
)
def copy_problem(
    slug: str, session: SessionDep, admin: CurrentAdmin, settings: SettingsDep
) -> PackageDraftRead:
    """A draft holding the problem's current version, to change it (admins)."""
    return draft_read(service.create_from_problem(session, admin, slug, settings.problems_dir))


@router.post(
    "/package-drafts/import",
    response_model=PackageDraftRead,
    status_code=status.HTTP_201_CREATED,
    responses=REFUSED,
    openapi_extra=ZIP_BODY,
)
def import_package(body: ZipBodyDep, session: SessionDep, admin: CurrentAdmin) -> PackageDraftRead:
    """A draft from a zip holding exactly one ``problems/<slug>/`` folder (as the export
    makes it). Any fault at all: 422 listing every one, and nothing is stored (admins)."""
    return draft_read(service.import_zip(session, admin, body))


@router.post(
    "/package-drafts/preview",
    response_model=MarkdownPreview,
    dependencies=[Depends(require_json)],
)
def preview_markdown(request: MarkdownPreviewRequest, _admin: CurrentAdmin) -> MarkdownPreview:
    """``{"text"}`` (Markdown, at most 65,536 characters) rendered as the problem page renders a
    statement, hints and the editorial: sanitized HTML, math left as ``$…$`` for KaTeX;
    the authoring page's live preview (admins). Nothing is stored."""
    return MarkdownPreview(html=render_statement(request.text))


@router.get("/package-drafts/{draft_id}", response_model=PackageDraftRead)
def get_draft(draft_id: int, session: SessionDep, _admin: CurrentAdmin) -> PackageDraftRead:
    """The draft's files and every fault the static validation finds (admins)."""
    return draft_read(service.get(session, draft_id))


@router.put(
    "/package-drafts/{draft_id}/files/{path:path}",
    response_model=PackageDraftRead,
    responses=REFUSED,
    dependencies=[Depends(require_json)],
)
def put_file(
    draft_id: int, path: str, request: PackageFileWrite, session: SessionDep, admin: CurrentAdmin
) -> PackageDraftRead:
    """Write ``{"text"}`` as the file at ``path`` (``statement.md``,
    ``submissions/expected.yaml``): 422 for a name outside the package layout, text that
    is not UTF-8 or past the size limits; the answer is the draft with its validation
    (admins)."""
    return draft_read(service.put_file(session, admin, draft_id, path, request.text))


@router.delete("/package-drafts/{draft_id}/files/{path:path}", response_model=PackageDraftRead)
def delete_file(
    draft_id: int, path: str, session: SessionDep, admin: CurrentAdmin
) -> PackageDraftRead:
    """Remove one file; the answer is the draft with its validation (admins)."""
    return draft_read(service.delete_file(session, admin, draft_id, path))


@router.delete("/package-drafts/{draft_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_draft(draft_id: int, session: SessionDep, admin: CurrentAdmin) -> Response:
    """Throw the draft away (admins)."""
    service.delete(session, admin, draft_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/package-drafts/{draft_id}/export", response_class=Response, responses=ZIP_ANSWER)
def export_draft(draft_id: int, session: SessionDep, admin: CurrentAdmin) -> Response:
    """The draft as a zip of ``problems/<slug>/`` (admins)."""
    return zip_response(service.export_draft(session, admin, draft_id))


@router.get("/problems/{slug}/export", response_class=Response, responses=ZIP_ANSWER)
def export_problem(
    slug: str, session: SessionDep, admin: CurrentAdmin, settings: SettingsDep
) -> Response:
    """The problem's current version as a zip of ``problems/<slug>/``, its known submissions
    included when the server's problems folder holds that version (admins)."""
    return zip_response(service.export_problem(session, admin, slug, settings.problems_dir))
