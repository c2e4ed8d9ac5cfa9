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
    """The visitor may not see the page; ``response`` is what they get instead, built while
    the request's database session is still open (the header names the user)."""

    def __init__(self, response: Response):
        super().__init__(f"page refused ({response.status_code})")
        self.response = response


def login_redirect(request: Request) -> RedirectResponse:
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return RedirectResponse(f"/login?next={quote(target, safe='')}", status.HTTP_303_SEE_OTHER)


def page_refused(_request: Request, error: Exception) -> Response:
    """The app's handler of ``PageRefused``."""
    assert isinstance(error, PageRefused)
    return error.response


def _forbidden(request: Request, user: User, message: str) -> PageRefused:
    return PageRefused(
        render(request, "forbidden.html", user, status.HTTP_403_FORBIDDEN, message=message)
    )


def _logged_in(request: Request, user: CurrentUserOptional) -> User:
    if user is None:
        raise PageRefused(login_redirect(request))
    return user


PageUser = Annotated[User, Depends(_logged_in)]


def _staff(request: Request, user: PageUser) -> User:
    if not user.role_enum.is_staff:
        raise _forbidden(request, user, STAFF_ONLY)
    return user


def _admin(request: Request, user: PageUser) -> User:
    if user.role_enum is not Role.ADMIN:
        raise _forbidden(request, user, ADMINS_ONLY)
    return user


StaffPageUser = Annotated[User, Depends(_staff)]
AdminPageUser = Annotated[User, Depends(_admin)]
