"""The bundle's static files, compressed and cached.

``web/build.mjs`` writes a gzip copy beside every text file (``app.js`` → ``app.js.gz``);
a browser that accepts gzip gets that copy with ``Content-Encoding: gzip`` (the problem
page's JavaScript goes from some 800 KB to some 250 KB). Files whose URL cannot change
without their content changing — hashed chunk and asset names, and URLs carrying the
``?v=`` version that ``api.pages.templating.asset`` adds — may be cached for a year; the
rest are revalidated with their ETag.
"""

from __future__ import annotations

import mimetypes
import os
from os import PathLike

from starlette.datastructures import Headers
from starlette.responses import FileResponse, Response
from starlette.staticfiles import NotModifiedResponse, StaticFiles
from starlette.types import Scope

GZIP_SUFFIX = ".gz"
IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
# Directories of the bundle whose file names carry a content hash.
HASHED_DIRECTORIES = ("dist/chunks/", "dist/assets/")


def cache_control(scope: Scope) -> str:
    versioned = b"v=" in scope.get("query_string", b"")
    path = str(scope.get("path", ""))
    return IMMUTABLE if versioned or any(d in path for d in HASHED_DIRECTORIES) else REVALIDATE


def accepts_gzip(headers: Headers) -> bool:
    for item in headers.get("accept-encoding", "").split(","):
        coding, _, parameters = item.strip().partition(";")
        if coding.strip().lower() in ("gzip", "*") and parameters.replace(" ", "") != "q=0":
            return True
    return False


class CompressedStaticFiles(StaticFiles):
    def file_response(
        self,
        full_path: PathLike[str] | str,
        stat_result: os.stat_result,
        scope: Scope,
        status_code: int = 200,
    ) -> Response:
        request_headers = Headers(scope=scope)
        compressed = f"{os.fspath(full_path)}{GZIP_SUFFIX}"
        headers = {"Cache-Control": cache_control(scope)}
        try:
            compressed_stat: os.stat_result | None = os.stat(compressed)
        except OSError:
            compressed_stat = None
        if compressed_stat is not None:
            headers["Vary"] = "Accept-Encoding"
        if compressed_stat is not None and accepts_gzip(request_headers):
            media_type, _ = mimetypes.guess_type(os.fspath(full_path))
            response: Response = FileResponse(
                compressed,
                status_code=status_code,
                stat_result=compressed_stat,
                media_type=media_type,
                headers={**headers, "Content-Encoding": "gzip"},
            )
        else:
            response = FileResponse(
                full_path, status_code=status_code, stat_result=stat_result, headers=headers
            )
        if self.is_not_modified(response.headers, request_headers):
            return NotModifiedResponse(response.headers)
        return response
