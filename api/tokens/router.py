"""Bearer tokens under /api/v1/tokens: yours, or (for admins) anybody's."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response, status

from api.audit.service import Actor
from api.auth import CurrentUser, bearer_token
from api.db import SessionDep, utcnow
from api.dependencies import require_json
from api.errors import Forbidden
from api.tokens import service
from api.tokens.schemas import TokenCreate, TokenCreated, TokenRead
from api.users import service as users
from api.users.models import Role

router = APIRouter(prefix="/tokens", tags=["tokens"])


@router.get("", response_model=list[TokenRead])
def list_tokens(
    session: SessionDep,
    user: CurrentUser,
    username: Annotated[str | None, Query(description="another user's (admins only)")] = None,
) -> list[TokenRead]:
    """Your tokens (active, expired and revoked), newest first; the secrets are never
    shown again."""
    owner = user
    if username is not None and username != user.username:
        if user.role_enum is not Role.ADMIN:
            raise Forbidden("only admins may list other users' tokens; leave out 'username'")
        owner = users.require_by_username(session, username)
    now = utcnow()
    return [TokenRead.build(token, now) for token in service.list_tokens(session, owner)]


@router.post(
    "",
    response_model=TokenCreated,
    status_code=status.HTTP_201_CREATED,
    dependencies=[Depends(require_json)],
)
def create_token(
    request: Request, body: TokenCreate, session: SessionDep, user: CurrentUser
) -> TokenCreated:
    """A new token for yourself; the secret is in this answer only. Needs a login with
    your password (a browser session): a token cannot make more tokens, so revoking a
    leaked one is enough."""
    if bearer_token(request) is not None:
        raise Forbidden(
            "an API token cannot create tokens; create one on the Account page or with "
            "'numjudge tokens create --username U'"
        )
    token, secret = service.create(session, Actor.of(user), user, body.name, body.expires_in_days)
    return TokenCreated(**TokenRead.build(token, utcnow()).model_dump(), token=secret)


@router.delete("/{token_id}", status_code=status.HTTP_204_NO_CONTENT)
def revoke_token(token_id: int, session: SessionDep, user: CurrentUser) -> Response:
    """Revoke one of your tokens (admins: anybody's, which is audited); it stops working at
    once. Revoking a revoked token changes nothing."""
    service.revoke(session, Actor.of(user), service.require(session, token_id, user))
    return Response(status_code=status.HTTP_204_NO_CONTENT)
