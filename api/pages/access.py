"""Who may see a page. A page declares its visitor as ``PageUser``, ``StaffPageUser`` or
``AdminPageUser``; anyone else gets the page's answer for them instead of the page (the
login page for an anonymous visitor, which sends them back afterwards; the Forbidden page
for a logged-in user of another role), never a JSON error."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import Depends, Request, status
from fastapi.responses import RedirectResponse, Response

from api.auth import CurrentUserOptional
from api.pages.templating import render
from api.users.models import Role, User

ADMINS_ONLY = "This page is for admins. Ask an admin if you need something changed."
STAFF_ONLY = "This page is for interviewers and admins."


class PageRefused(Exception):
    """The visitor may not see the page: ``user`` None (log in first) or the user and why."""

    def __init__(self, user: User | None, message: str = ""):
        super().__init__(message or "log in first")
        self.user = user
        self.message = message


def login_redirect(request: Request) -> RedirectResponse:
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return RedirectResponse(f"/login?next={quote(target, safe='')}", status.HTTP_303_SEE_OTHER)


def page_refused(request: Request, error: Exception) -> Response:
    """The app's handler of ``PageRefused``."""
    assert isinstance(error, PageRefused)
    if error.user is None:
        return login_redirect(request)
    return render(
        request, "forbidden.html", error.user, status.HTTP_403_FORBIDDEN, message=error.message
    )


def _logged_in(user: CurrentUserOptional) -> User:
    if user is None:
        raise PageRefused(None)
    return user


PageUser = Annotated[User, Depends(_logged_in)]


def _staff(user: PageUser) -> User:
    if not user.role_enum.is_staff:
        raise PageRefused(user, STAFF_ONLY)
    return user


def _admin(user: PageUser) -> User:
    if user.role_enum is not Role.ADMIN:
        raise PageRefused(user, ADMINS_ONLY)
    return user


StaffPageUser = Annotated[User, Depends(_staff)]
AdminPageUser = Annotated[User, Depends(_admin)]
