"""The account commands of ``numjudge`` (see api/cli.py):

    numjudge users list
    numjudge users create --username U --role R [--password-stdin]
    numjudge users bootstrap
    numjudge users disable|enable --username U
    numjudge users set-role --username U --role R
    numjudge users reset-password --username U
    numjudge tokens create --username U [--name N] [--expires-days D]
    numjudge tokens list [--username U]
    numjudge tokens revoke ID [ID ...]

Each is one transaction, recorded in the audit log as done by "command line (<os user>)".
The arguments are declared in api/cli.py, which imports this module only when one of these
commands runs (it needs SQLAlchemy and argon2; ``numjudge judge`` does not).
"""

from __future__ import annotations

import argparse
import contextlib
import getpass
import os
import secrets
import sys
from collections.abc import Iterator

from sqlalchemy.orm import Session

from api.audit.service import Actor
from api.db import make_engine, make_session_factory, transaction, utcnow
from api.errors import InvalidInput
from api.formatting import format_time
from api.settings import Settings, get_settings, make_private_directory
from api.tokens import service as tokens
from api.users import management, resets, service
from api.users.models import Role
from api.users.passwords import hashing_for

INITIAL_ACCOUNTS_FILE = "initial-accounts.txt"


@contextlib.contextmanager
def database(settings: Settings) -> Iterator[Session]:
    engine = make_engine(settings.database_url)
    try:
        with transaction(make_session_factory(engine)) as session:
            yield session
    finally:
        engine.dispose()


def site_url(settings: Settings) -> str:
    return settings.public_url or f"http://{settings.host}:{settings.port}"


def read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    password = getpass.getpass("Password: ")
    if password != getpass.getpass("Repeat it: "):
        raise InvalidInput("the passwords differ; nothing was created")
    return password


def command_users_list(_arguments: argparse.Namespace) -> int:
    with database(get_settings()) as session:
        accounts = management.list_users(session)
        print(f"{'username':<33}{'role':<13}{'state':<13}created")
        for user in accounts:
            state = "active" if user.is_active else "deactivated"
            print(f"{user.username:<33}{user.role:<13}{state:<13}{format_time(user.created_at)}")
    return 0


def command_users_create(arguments: argparse.Namespace) -> int:
    password = read_password(arguments.password_stdin)
    settings = get_settings()
    with database(settings) as session:
        role = Role(arguments.role)
        user = management.create_account(
            session, Actor.command_line(), arguments.username, role, password, hashing_for(settings)
        )
    print(f"created {user.role} '{user.username}'")
    return 0


def command_users_bootstrap(_arguments: argparse.Namespace) -> int:
    """On an empty database: one admin, one interviewer, one candidate, random passwords."""
    settings = get_settings()
    with database(settings) as session:
        if service.count_users(session):
            print("accounts exist already; nothing created")
            return 0
        lines = []
        actor = Actor.command_line()
        for role in (Role.ADMIN, Role.INTERVIEWER, Role.CANDIDATE):
            password = secrets.token_urlsafe(12)
            management.create_account(
                session, actor, role.value, role, password, hashing_for(settings)
            )
            lines.append(f"{role.value:<12} username {role.value:<12} password {password}")
        path = settings.data_dir / INITIAL_ACCOUNTS_FILE
        make_private_directory(path.parent)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w") as handle:
            handle.write("\n".join(lines) + "\n")
    print("Created the first accounts (shown once; also in " + str(path) + ", mode 0600):")
    print("\n".join("  " + line for line in lines))
    return 0


def command_users_set_active(arguments: argparse.Namespace) -> int:
    active: bool = arguments.active
    with database(get_settings()) as session:
        user = service.require_by_username(session, arguments.username)
        was_active = user.is_active
        management.set_active(session, Actor.command_line(), user, active)
    if was_active == active:
        print(f"'{user.username}' is {'active' if active else 'deactivated'} already")
    elif active:
        print(f"reactivated '{user.username}': they can log in again")
    else:
        print(f"deactivated '{user.username}': their sessions and API tokens ended")
    return 0


def command_users_set_role(arguments: argparse.Namespace) -> int:
    with database(get_settings()) as session:
        user = service.require_by_username(session, arguments.username)
        before = user.role
        management.set_role(session, Actor.command_line(), user, Role(arguments.role))
    if before == user.role:
        print(f"'{user.username}' is {user.role} already")
    else:
        print(f"'{user.username}': {before} → {user.role}")
    return 0


def command_users_reset_password(arguments: argparse.Namespace) -> int:
    settings = get_settings()
    with database(settings) as session:
        user = service.require_by_username(session, arguments.username)
        reset, token = resets.issue(
            session, Actor.command_line(), user, settings.password_reset_hours
        )
    print(f"A one-time link to set the password of '{user.username}' (shown once), valid")
    print(f"until {format_time(reset.expires_at)}; their current password works until it is used:")
    print(resets.link(site_url(settings), token))
    return 0


def command_tokens_create(arguments: argparse.Namespace) -> int:
    with database(get_settings()) as session:
        user = service.require_by_username(session, arguments.username)
        _token, secret = tokens.create(
            session, Actor.command_line(), user, arguments.name, arguments.expires_days
        )
    print(secret)
    return 0


def command_tokens_list(arguments: argparse.Namespace) -> int:
    with database(get_settings()) as session:
        owner = (
            service.require_by_username(session, arguments.username) if arguments.username else None
        )
        now = utcnow()
        print(f"{'id':>5}  {'user':<33}{'name':<25}{'status':<9}{'created':<22}expires")
        for token in tokens.list_tokens(session, owner):
            expires = format_time(token.expires_at) if token.expires_at else "never"
            print(
                f"{token.id:>5}  {token.user.username:<33}{token.name[:24]:<25}"
                f"{tokens.status(token, now):<9}{format_time(token.created_at):<22}{expires}"
            )
    return 0


def command_tokens_revoke(arguments: argparse.Namespace) -> int:
    with database(get_settings()) as session:
        actor = Actor.command_line()
        lines = []
        for token_id in arguments.ids:
            token = tokens.require(session, token_id, None)
            described = f"API token #{token.id} '{token.name}' of '{token.user.username}'"
            if token.revoked_at is not None:
                lines.append(f"{described} was revoked already")
            else:
                tokens.revoke(session, actor, token)
                lines.append(f"revoked {described}")
    print("\n".join(lines))
    return 0
