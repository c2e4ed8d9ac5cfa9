"""The ``numjudge`` command line.

    numjudge judge <slug> <file.py> [--json] [--seed N]
    numjudge problems validate [slug ...]
    numjudge problems load
    numjudge sandbox cleanup [--all]
    numjudge db upgrade [revision]
    numjudge users create --username U --role R [--password-stdin]
    numjudge users bootstrap
    numjudge tokens create --username U

Exit status 0 whenever a verdict was reached, whatever it is; 1 when the judge itself
could not run (unknown problem, unreadable file, no Docker), with a one-line reason;
``problems validate`` exits 1 when a known submission misses its declared outcome.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import re
import secrets
import sys
from pathlib import Path

import docker
import docker.errors

from api import migrate
from api.db import make_engine, make_session_factory, transaction
from api.errors import AppError
from api.problems.service import load_packages
from api.settings import SettingsError, get_settings
from api.users import service as users
from api.users.models import Role
from api.users.passwords import hashing_for
from sandbox.container import ContainerRunner, remove_orphans
from sandbox.image import image_tag
from sandbox.judge import JudgeReport, judge
from sandbox.problem import ProblemError, find_problem, list_slugs
from sandbox.rubric import SEVERITY, Category
from sandbox.validation import load_expectations, unmet
from sandbox.verdict import TITLES

REPOSITORY_ROOT = Path(__file__).resolve().parent.parent


class CommandError(Exception):
    """The command cannot run; the message is the one line the user sees."""


def problems_dir() -> Path:
    return Path(os.environ.get("NUMJUDGE_PROBLEMS_DIR", REPOSITORY_ROOT / "problems"))


def docker_client() -> docker.DockerClient:
    try:
        client = docker.from_env()
        client.ping()
    except docker.errors.DockerException as error:
        raise CommandError(
            f"cannot reach the Docker engine ({error}); run 'make setup' or start dockerd"
        ) from error
    return client


def sandbox_runner(client: docker.DockerClient) -> ContainerRunner:
    tag = image_tag()
    try:
        client.images.get(tag)
    except docker.errors.ImageNotFound as error:
        raise CommandError(f"the sandbox image {tag} is not built; run 'make setup'") from error
    return ContainerRunner(client, tag)


def read_source(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise CommandError(f"cannot read {path}: {error.strerror}") from error
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise CommandError(f"{path} is not UTF-8 text; save it as UTF-8") from error


# Control characters (ANSI escapes, carriage returns, ...) and bidirectional overrides: what
# a submission prints could otherwise clear the terminal and draw a fake verdict.
TERMINAL_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def terminal_safe(text: str) -> str:
    """``text`` with every control character but newline and tab shown as an escape."""
    return TERMINAL_UNSAFE.sub(lambda match: repr(match.group())[1:-1], text)


def format_report(report: JudgeReport) -> str:
    lines = [
        f"{report.problem}: {TITLES[report.verdict]} — score {report.score:.1f}/100",
        f"  {report.message}" if report.message else "",
        "",
        f"{'category':<28}{'severity':<10}{'weight':>7}{'score':>8}",
    ]
    for category in Category:
        lines.append(
            f"{category.value:<28}{SEVERITY[category]:<10}"
            f"{report.weights[category]:>7g}{report.categories[category]:>8.1f}"
        )
    failed = [c for c in report.checks if not c.passed]
    if failed:
        lines += ["", "Checks that lost points:"]
        for item in failed:
            lines.append(f"  {item.name} ({item.category.value}, {item.score:.0f}/100)")
            lines += [f"      {line}" for line in item.message.splitlines()]
    if report.stdout.strip():
        lines += ["", "Your code printed (first lines):"]
        lines += [f"  {line}" for line in report.stdout.strip().splitlines()[:10]]
    timing = report.timing
    lines += ["", f"seed {report.seed}; judged in {timing.get('total', 0.0):.2f} s"]
    return terminal_safe("\n".join(line for line in lines if line is not None))


def command_judge(arguments: argparse.Namespace) -> int:
    problem = find_problem(problems_dir(), arguments.slug)
    source = read_source(Path(arguments.file))
    runner = sandbox_runner(docker_client())
    report = judge(problem, source, runner=runner, seed=arguments.seed)
    if arguments.json:
        print(json.dumps(report.to_dict(), indent=2))
    else:
        print(format_report(report))
    return 0


def command_validate(arguments: argparse.Namespace) -> int:
    slugs = arguments.slugs or list_slugs(problems_dir())
    if not slugs:
        raise CommandError(f"no problem packages in {problems_dir()}")
    runner = sandbox_runner(docker_client())
    failures = 0
    for slug in slugs:
        problem = find_problem(problems_dir(), slug)
        for expectation in load_expectations(problem):
            report = judge(problem, expectation.source, runner=runner, seed=arguments.seed)
            problems = unmet(expectation, report)
            status = "FAIL" if problems else "ok"
            failures += bool(problems)
            print(
                f"{status:<5}{slug}/{expectation.name}: {report.verdict} {report.score:.1f}"
                f" (seed {report.seed})" + (f" — {'; '.join(problems)}" if problems else "")
            )
    print(f"{failures} submission(s) missed their declared outcome" if failures else "all ok")
    return 1 if failures else 0


def command_cleanup(arguments: argparse.Namespace) -> int:
    count = remove_orphans(docker_client(), everything=arguments.all)
    print(f"removed {count} sandbox container(s)")
    return 0


INITIAL_ACCOUNTS_FILE = "initial-accounts.txt"


def command_db_upgrade(arguments: argparse.Namespace) -> int:
    settings = get_settings()
    migrate.upgrade(settings.database_url, arguments.revision)
    print(f"database at revision {arguments.revision}")
    return 0


def command_problems_load(arguments: argparse.Namespace) -> int:
    settings = get_settings()
    with transaction(make_session_factory(make_engine(settings.database_url))) as session:
        outcomes = load_packages(session, settings.problems_dir)
    for outcome in outcomes:
        if outcome.error:
            print(f"FAIL {outcome.slug}: {outcome.error}")
        else:
            state = "new version" if outcome.created else "unchanged"
            print(f"ok   {outcome.slug}: {state} {outcome.digest[:12]}")
    failed = sum(1 for o in outcomes if o.error)
    if not outcomes:
        print(f"no problem packages in {settings.problems_dir}")
    return 1 if failed else 0


def read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    password = getpass.getpass("Password: ")
    if password != getpass.getpass("Repeat it: "):
        raise CommandError("the passwords differ; nothing was created")
    return password


def command_users_create(arguments: argparse.Namespace) -> int:
    settings = get_settings()
    password = read_password(arguments.password_stdin)
    with transaction(make_session_factory(make_engine(settings.database_url))) as session:
        user = users.create_user(
            session, arguments.username, password, Role(arguments.role), hashing_for(settings)
        )
        print(f"created {user.role} '{user.username}'")
    return 0


def command_users_bootstrap(_arguments: argparse.Namespace) -> int:
    """On an empty database: one admin, one interviewer, one candidate, random passwords."""
    settings = get_settings()
    with transaction(make_session_factory(make_engine(settings.database_url))) as session:
        if users.count_users(session):
            print("accounts exist already; nothing created")
            return 0
        lines = []
        for role in (Role.ADMIN, Role.INTERVIEWER, Role.CANDIDATE):
            password = secrets.token_urlsafe(12)
            users.create_user(session, role.value, password, role, hashing_for(settings))
            lines.append(f"{role.value:<12} username {role.value:<12} password {password}")
        path = settings.data_dir / INITIAL_ACCOUNTS_FILE
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w") as handle:
            handle.write("\n".join(lines) + "\n")
    print("Created the first accounts (shown once; also in " + str(path) + ", mode 0600):")
    print("\n".join("  " + line for line in lines))
    return 0


def command_tokens_create(arguments: argparse.Namespace) -> int:
    settings = get_settings()
    with transaction(make_session_factory(make_engine(settings.database_url))) as session:
        user = users.require_by_username(session, arguments.username)
        token = users.create_api_token(session, user)
    print(token)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="numjudge", description="NumJudge command line")
    commands = parser.add_subparsers(dest="command", required=True)

    judge_parser = commands.add_parser("judge", help="judge one file against one problem")
    judge_parser.add_argument("slug")
    judge_parser.add_argument("file")
    judge_parser.add_argument("--json", action="store_true", help="print one JSON object")
    judge_parser.add_argument("--seed", type=int, help="input seed (default: a fresh secret one)")
    judge_parser.set_defaults(handler=command_judge)

    problems_parser = commands.add_parser("problems", help="problem packages")
    problems_commands = problems_parser.add_subparsers(dest="problems_command", required=True)
    validate_parser = problems_commands.add_parser(
        "validate", help="judge every known submission and compare with its declared outcome"
    )
    validate_parser.add_argument("slugs", nargs="*")
    validate_parser.add_argument("--seed", type=int)
    validate_parser.set_defaults(handler=command_validate)
    load_parser = problems_commands.add_parser(
        "load", help="load problems/ into the database as immutable versions"
    )
    load_parser.set_defaults(handler=command_problems_load)

    db_parser = commands.add_parser("db", help="the database")
    db_commands = db_parser.add_subparsers(dest="db_command", required=True)
    upgrade_parser = db_commands.add_parser("upgrade", help="apply the migrations")
    upgrade_parser.add_argument("revision", nargs="?", default="head")
    upgrade_parser.set_defaults(handler=command_db_upgrade)

    users_parser = commands.add_parser("users", help="accounts")
    users_commands = users_parser.add_subparsers(dest="users_command", required=True)
    create_parser = users_commands.add_parser("create", help="create an account")
    create_parser.add_argument("--username", required=True)
    create_parser.add_argument("--role", required=True, choices=[r.value for r in Role])
    create_parser.add_argument(
        "--password-stdin", action="store_true", help="read the password from standard input"
    )
    create_parser.set_defaults(handler=command_users_create)
    bootstrap_parser = users_commands.add_parser(
        "bootstrap", help="on an empty database, create an admin, an interviewer and a candidate"
    )
    bootstrap_parser.set_defaults(handler=command_users_bootstrap)

    tokens_parser = commands.add_parser("tokens", help="API tokens for scripts")
    tokens_commands = tokens_parser.add_subparsers(dest="tokens_command", required=True)
    token_parser = tokens_commands.add_parser("create", help="create a bearer token (printed once)")
    token_parser.add_argument("--username", required=True)
    token_parser.set_defaults(handler=command_tokens_create)

    sandbox_parser = commands.add_parser("sandbox", help="sandbox maintenance")
    sandbox_commands = sandbox_parser.add_subparsers(dest="sandbox_command", required=True)
    cleanup_parser = sandbox_commands.add_parser(
        "cleanup", help="remove sandbox containers left by dead workers"
    )
    cleanup_parser.add_argument("--all", action="store_true", help="remove live ones too")
    cleanup_parser.set_defaults(handler=command_cleanup)
    return parser


def main(argv: list[str] | None = None) -> int:
    arguments = build_parser().parse_args(argv)
    try:
        code: int = arguments.handler(arguments)
    except (CommandError, ProblemError, SettingsError) as error:
        print(f"numjudge: {error}", file=sys.stderr)
        return 1
    except AppError as error:
        print(f"numjudge: {error.message}", file=sys.stderr)
        return 1
    return code


if __name__ == "__main__":
    sys.exit(main())
