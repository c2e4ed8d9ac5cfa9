"""A problem package as a zip: exactly one ``problems/<slug>/`` folder, as in the repository.

Unzipped at the repository's root, an export lands where the package belongs; zipping
``problems/<slug>`` from there makes an importable archive. Reading is defensive (the zip is
untrusted): the member count and every member's size are capped before and while reading,
so a zip bomb stops at the limit; paths must be plain relative names inside the one folder
(no ``..``, no absolute or backslash paths); symbolic links, special files, encrypted and
duplicate members are refused; contents must be UTF-8. Every fault is collected.
"""

from __future__ import annotations

import dataclasses
import io
import stat
import zipfile
from collections.abc import Mapping

from sandbox.package_files import (
    CACHE,
    MAX_FILE_BYTES,
    MAX_FILES,
    MAX_PACKAGE_BYTES,
    PackageIssue,
    decode,
)
from sandbox.problem_metadata import SLUG_PATTERN

ROOT = "problems"
# Members of an archive: the files plus their folders (problems/, problems/<slug>/, …).
MAX_MEMBERS = MAX_FILES + 10
# A fixed date (the earliest a zip can hold) makes an export of the same files the same bytes.
EPOCH = (1980, 1, 1, 0, 0, 0)
ARCHIVE = "the zip"


@dataclasses.dataclass(frozen=True)
class ZippedPackage:
    slug: str  # the folder's name ("" when there is no single folder)
    files: dict[str, str]  # path inside the folder -> text
    issues: list[PackageIssue]


def write_zip(slug: str, files: Mapping[str, str]) -> bytes:
    """``problems/<slug>/<path>`` for every file, sorted, deflated, dated 1980-01-01."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(files):
            info = zipfile.ZipInfo(f"{ROOT}/{slug}/{path}", date_time=EPOCH)
            info.external_attr = (stat.S_IFREG | 0o644) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, files[path].encode("utf-8"))
    return buffer.getvalue()


def _member_issue(info: zipfile.ZipInfo) -> str | None:
    name = info.filename
    parts = name.rstrip("/").split("/")
    if name.startswith("/") or "\\" in name or ":" in parts[0] or "\0" in name:
        return "an absolute or non-portable path; use relative paths with '/'"
    if any(part in ("", ".", "..") for part in parts):
        return "a path with '.', '..' or an empty part; use plain relative paths"
    mode = info.external_attr >> 16
    if stat.S_ISLNK(mode):
        return "a symbolic link; put the file itself in the zip"
    # Zips written on other systems (or by Python's writestr) carry no file type: a file.
    if stat.S_IFMT(mode) and not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        return "not a regular file; put only files and folders in the zip"
    if info.flag_bits & 0x1:
        return "encrypted; zip the package without a password"
    return None


def _folder(names: list[str], issues: list[PackageIssue]) -> str:
    """The one ``problems/<slug>`` folder the members are in ("" when there is none)."""
    folders = {n.split("/")[1] for n in names if n.startswith(f"{ROOT}/") and n.count("/") >= 2}
    outside = [n for n in names if not n.startswith(f"{ROOT}/") and n != f"{ROOT}/"]
    for name in outside:
        reason = f"outside {ROOT}/<slug>/; the zip holds exactly one {ROOT}/<slug>/ folder"
        issues.append(PackageIssue(name, "", reason))
    if len(folders) != 1:
        found = ", ".join(sorted(folders)) or "none"
        reason = f"must hold exactly one folder {ROOT}/<slug>/ (found: {found})"
        issues.append(PackageIssue(ARCHIVE, "", reason))
        return ""
    slug = folders.pop()
    if not SLUG_PATTERN.match(slug):
        reason = f"folder name '{slug[:64]}' is not a slug; use lowercase words joined by dashes"
        issues.append(PackageIssue(ARCHIVE, "", reason))
        return ""
    return slug


def read_zip(data: bytes) -> ZippedPackage:
    """The package in ``data``, with every fault found (nothing is written anywhere)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except Exception as error:  # untrusted bytes: whatever the parser raises means "not a zip"
        reason = f"not a readable zip archive ({str(error)[:100]}); send a .zip file"
        return ZippedPackage("", {}, [PackageIssue(ARCHIVE, "", reason)])
    with archive:
        members = archive.infolist()
        if len(members) > MAX_MEMBERS:
            reason = f"{len(members)} members; a package zip may have at most {MAX_MEMBERS}"
            return ZippedPackage("", {}, [PackageIssue(ARCHIVE, "", reason)])
        issues: list[PackageIssue] = []
        seen: set[str] = set()
        usable: list[zipfile.ZipInfo] = []
        for info in members:
            fault = _member_issue(info)
            if fault is None and info.filename.rstrip("/") in seen:
                fault = "appears twice in the zip; keep one copy"
            seen.add(info.filename.rstrip("/"))
            if fault is not None:
                issues.append(PackageIssue(info.filename[:200], "", fault))
            # Caches that `zip -r` picked up beside the sources are skipped, not faults.
            elif not info.is_dir() and CACHE not in info.filename.split("/"):
                usable.append(info)
        slug = _folder([info.filename for info in members], issues)
        prefix = f"{ROOT}/{slug}/"
        files: dict[str, str] = {}
        total = 0
        for info in usable:
            if not slug or not info.filename.startswith(prefix):
                continue
            path = info.filename.removeprefix(prefix)
            data_read = _read_member(archive, info, issues)
            if data_read is None:
                continue
            total += len(data_read)
            if total > MAX_PACKAGE_BYTES:
                reason = f"more than {MAX_PACKAGE_BYTES} bytes unpacked; a package may not be"
                issues.append(PackageIssue(ARCHIVE, "", reason + " larger"))
                break
            text, issue = decode(path, data_read)
            if issue is not None:
                issues.append(issue)
            elif text is not None:
                files[path] = text
        return ZippedPackage(slug, files, issues)


def _read_member(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, issues: list[PackageIssue]
) -> bytes | None:
    """A member's bytes, reading at most one byte past the limit whatever it declares."""
    too_large = f"more than {MAX_FILE_BYTES} bytes unpacked; a file may have at most that"
    if info.file_size > MAX_FILE_BYTES:
        issues.append(PackageIssue(info.filename, "", too_large))
        return None
    try:
        with archive.open(info) as member:
            data = member.read(MAX_FILE_BYTES + 1)
    except Exception as error:  # untrusted bytes: zlib.error, EOFError, lzma.LZMAError, a
        # bad CRC, an unsupported method or encryption all say the member cannot be read
        reason = f"cannot be unpacked ({type(error).__name__}: {str(error)[:100]}); zip it again"
        issues.append(PackageIssue(info.filename, "", reason))
        return None
    if len(data) > MAX_FILE_BYTES:
        issues.append(PackageIssue(info.filename, "", too_large))
        return None
    return data
