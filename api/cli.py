"""The ``numjudge`` command line.

    numjudge judge <slug> <file.py> [--json] [--seed N]

    numjudge problems check <folder or .zip> ...
    numjudge problems validate [--untrusted] [slug ...]
    numjudge problems load
    numjudge sandbox cleanup [--all]
    numjudge db upgrade [revision]
    numjudge users list|create|bootstrap|disable|enable|set-role|reset-password ...
    numjudge tokens create|list|revoke ...      (handlers in api/users/cli.py)

Exit status 0 whenever a verdict was reached, whatever it is; 1 when the judge itself
could not run (unknown problem, unreadable file, no Docker), with a one-line reason;
``problems validate`` exits 1 when a known submission misses its declared outcome.
"""

from __future__ import annotations

import argparse
import functools
import importlib
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path

import docker
import docker.errors

from api.formatting import format_score, terminal_safe
from sandbox.container import ContainerRunner, remove_orphans
from sandbox.image import image_tag
from sandbox.judge import JudgeReport, judge
from sandbox.pool import pooled_runner
from sandbox.problem import ProblemError, ProblemPackage, find_problem, list_slugs, load_problem
from sandbox.rubric import SEVERITY, Category
from sandbox.runner import InProcessRunner
from sandbox.validation import (
    RunnerFactory,
    completeness,
    default_jobs,
    load_package,
    validate_packages,
)
from sandbox.verdict import TITLES

# The judging commands import only the engine; the platform's commands import the web
# stack (SQLAlchemy, FastAPI, argon2...) inside their functions, and the account commands
# (api/users/cli.py) are imported when one runs, so that `numjudge judge` starts in a
# fraction of a second.

REPOSITORY_ROOT = Path(__file__).resolve().parent.parent
ACCOUNT_COMMANDS_MODULE = "api.users.cli"
# Copies of api.users.models.Role and api.tokens.service.MAX_EXPIRY_DAYS, so that building
# the parser imports no SQLAlchemy (tests/api/test_cli_platform.py checks they agree).
ROLES = ("candidate", "interviewer", "admin")
MAX_TOKEN_EXPIRY_DAYS = 365


class CommandError(Exception):
    """The command cannot run; the message is the one line the user sees."""


Handler = Callable[[argparse.Namespace], int]


def platform_command(handler: Handler) -> Handler:
    """A command that needs the platform: its errors become one-line ``CommandError``s."""

    @functools.wraps(handler)
    def run(arguments: argparse.Namespace) -> int:
        from api.errors import AppError
        from api.settings import SettingsError

        try:
            return handler(arguments)
        except SettingsError as error:
            raise CommandError(str(error)) from error
        except AppError as error:
            raise CommandError(error.message) from error

    return run


def account_command(name: str) -> Handler:
    """The handler ``name`` of api/users/cli.py, imported when the command runs."""

    @platform_command
    def run(arguments: argparse.Namespace) -> int:
        handler: Handler = getattr(importlib.import_module(ACCOUNT_COMMANDS_MODULE), name)
        return handler(arguments)

    return run


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


def format_report(report: JudgeReport) -> str:
    lines = [
        f"{report.problem}: {TITLES[report.verdict]} — score {format_score(report.score)}/100",
        f"  {report.message}" if report.message else "",
        "",
        f"{'category':<28}{'severity':<10}{'weight':>7}{'score':>8}",
    ]
    for category in Category:
        lines.append(
            f"{category.value:<28}{SEVERITY[category]:<10}"
            f"{report.weights[category]:>7g}{format_score(report.categories[category]):>8}"
        )
    failed = [c for c in report.checks if not c.passed]
    if failed:
        lines += ["", "Checks that lost points:"]
        for item in failed:
            lines.append(f"  {item.name} ({item.category.value}, {format_score(item.score)}/100)")
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
    if arguments.untrusted and arguments.in_process:
        raise CommandError("--untrusted runs the package's code in containers: drop --in-process")
    load: Callable[[Path], ProblemPackage] = load_problem
    if arguments.untrusted:  # as an uploaded package: its code only in containers
        runner = sandbox_runner(docker_client())
        load = functools.partial(load_package, runner=runner, trusted=False)
    problems = [find_problem(problems_dir(), slug, load) for slug in slugs]
    failures = 0
    for problem in problems:
        for missing in completeness(problem):
            failures += 1
            print(f"FAIL {problem.slug}/{missing}")
    # In-process: the package's own code, trusted, without Docker (for authoring quickly).
    if not arguments.in_process:
        sandbox_runner(docker_client())  # a clear message when Docker or the image is missing
    make_runner: RunnerFactory = InProcessRunner if arguments.in_process else pooled_runner
    for outcome in validate_packages(
        problems, make_runner, seed=arguments.seed, jobs=arguments.jobs
    ):
        report = outcome.report
        failures += bool(outcome.unmet)
        print(
            f"{'FAIL' if outcome.unmet else 'ok':<5}{outcome.slug}/{outcome.expectation.name}: "
            f"{report.verdict} {format_score(report.score)} (seed {report.seed})"
            + (f" — {'; '.join(outcome.unmet)}" if outcome.unmet else "")
        )
    print(f"{failures} problem(s) found" if failures else "all ok")
    return 1 if failures else 0


def command_check(arguments: argparse.Namespace) -> int:
    """Static validation of package folders or zips: nothing is imported or run."""
    from sandbox.package_files import read_directory, validate_package
    from sandbox.package_zip import read_zip

    faults = 0
    for path in arguments.paths:
        if path.is_dir():
            files, issues = read_directory(path)
            issues += validate_package(files, path.name)
        elif path.is_file():
            package = read_zip(path.read_bytes())
            issues = package.issues + validate_package(package.files, package.slug or None)
        else:
            raise CommandError(f"{path} is neither a package folder nor a zip")
        faults += len(issues)
        for issue in issues:
            print(terminal_safe(f"FAIL {path}: {issue}"))
        if not issues:
            print(f"ok   {path}")
    print(f"{faults} problem(s) found" if faults else "all ok")
    return 1 if faults else 0


def command_cleanup(arguments: argparse.Namespace) -> int:
    count = remove_orphans(docker_client(), everything=arguments.all)
    print(f"removed {count} sandbox container(s)")
    return 0


@platform_command
def command_db_upgrade(arguments: argparse.Namespace) -> int:
    from api import migrate
    from api.settings import get_settings

    settings = get_settings()
    migrate.upgrade(settings.database_url, arguments.revision)
    print(f"database at revision {arguments.revision}")
    return 0


@platform_command
def command_problems_load(arguments: argparse.Namespace) -> int:
    from api.db import make_engine, make_session_factory, transaction
    from api.problems.service import load_packages
    from api.settings import get_settings

    settings = get_settings()
    with transaction(make_session_factory(make_engine(settings.database_url))) as session:
        outcomes = load_packages(session, settings.problems_dir)
    for outcome in outcomes:
        if outcome.error:
            print(f"FAIL {outcome.slug}: {outcome.error}")
        elif outcome.kept_uploaded:
            print(
                f"kept {outcome.slug}: its current version {outcome.digest[:12]} was published "
                "from the browser; the folder was not loaded over it"
            )
        else:
            state = "new version" if outcome.created else "unchanged"
            print(f"ok   {outcome.slug}: {state} {outcome.digest[:12]}")
    failed = sum(1 for o in outcomes if o.error)
    if not outcomes:
        print(f"no problem packages in {settings.problems_dir}")
    return 1 if failed else 0


@platform_command
def command_demo(_arguments: argparse.Namespace) -> int:
    from api.assessments.demo import create_demo
    from api.db import make_engine, make_session_factory, transaction, utcnow
    from api.queue import JobQueue
    from api.settings import get_settings
    from api.users.passwords import hashing_for

    settings = get_settings()
    with transaction(make_session_factory(make_engine(settings.database_url))) as session:
        outcome = create_demo(session, hashing_for(settings), settings.problems_dir, utcnow())
    print(outcome.message)
    if outcome.submissions:
        queue = JobQueue(settings)
        for _ in range(outcome.submissions):  # else the sweep sends them, a little later
            queue.enqueue_judging()
    return 0


def add_username(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--username", required=True)


def add_account_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    users_parser = commands.add_parser("users", help="accounts")
    users_commands = users_parser.add_subparsers(dest="users_command", required=True)
    list_parser = users_commands.add_parser("list", help="every account, its role and state")
    list_parser.set_defaults(handler=account_command("command_users_list"))
    create_parser = users_commands.add_parser("create", help="create an account")
    add_username(create_parser)
    create_parser.add_argument("--role", required=True, choices=ROLES)
    create_parser.add_argument(
        "--password-stdin", action="store_true", help="read the password from standard input"
    )
    create_parser.set_defaults(handler=account_command("command_users_create"))
    bootstrap_parser = users_commands.add_parser(
        "bootstrap", help="on an empty database, create an admin, an interviewer and a candidate"
    )
    bootstrap_parser.set_defaults(handler=account_command("command_users_bootstrap"))
    disable_parser = users_commands.add_parser(
        "disable", help="deactivate an account: no login, its sessions and API tokens end"
    )
    add_username(disable_parser)
    disable_parser.set_defaults(handler=account_command("command_users_set_active"), active=False)
    enable_parser = users_commands.add_parser("enable", help="reactivate an account")
    add_username(enable_parser)
    enable_parser.set_defaults(handler=account_command("command_users_set_active"), active=True)
    role_parser = users_commands.add_parser("set-role", help="change an account's role")
    add_username(role_parser)
    role_parser.add_argument("--role", required=True, choices=ROLES)
    role_parser.set_defaults(handler=account_command("command_users_set_role"))
    reset_parser = users_commands.add_parser(
        "reset-password", help="print a one-time link with which the user sets a new password"
    )
    add_username(reset_parser)
    reset_parser.set_defaults(handler=account_command("command_users_reset_password"))

    tokens_parser = commands.add_parser("tokens", help="API tokens for scripts")
    tokens_commands = tokens_parser.add_subparsers(dest="tokens_command", required=True)
    token_parser = tokens_commands.add_parser("create", help="create a bearer token (printed once)")
    add_username(token_parser)
    token_parser.add_argument("--name", default="command line", help="what uses it")
    token_parser.add_argument(
        "--expires-days",
        type=int,
        help=f"1 to {MAX_TOKEN_EXPIRY_DAYS} (default: it never expires)",
    )
    token_parser.set_defaults(handler=account_command("command_tokens_create"))
    tokens_list_parser = tokens_commands.add_parser(
        "list", help="every token (or one user's), active, expired and revoked"
    )
    tokens_list_parser.add_argument("--username")
    tokens_list_parser.set_defaults(handler=account_command("command_tokens_list"))
    revoke_parser = tokens_commands.add_parser("revoke", help="revoke tokens by id (see list)")
    revoke_parser.add_argument("ids", nargs="+", type=int, metavar="ID")
    revoke_parser.set_defaults(handler=account_command("command_tokens_revoke"))


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
    validate_parser.add_argument(
        "--jobs",
        type=int,
        default=default_jobs(),
        help="submissions judged at once, each in a process of its own (default: one per two "
        "cores: a judging keeps about two busy, and timing checks need them)",
    )
    validate_parser.add_argument(
        "--in-process",
        action="store_true",
        help="run the package's own trusted code in this process, without Docker (authoring)",
    )
    validate_parser.add_argument(
        "--untrusted",
        action="store_true",
        help="judge as an uploaded package: probes, checks and reference only in containers "
        "(both paths must agree)",
    )
    validate_parser.set_defaults(handler=command_validate)
    check_parser = problems_commands.add_parser(
        "check", help="static checks of package folders or zips (layout, YAML, syntax), run nothing"
    )
    check_parser.add_argument("paths", nargs="+", type=Path)
    check_parser.set_defaults(handler=command_check)
    load_parser = problems_commands.add_parser(
        "load", help="load problems/ into the database as immutable versions"
    )
    load_parser.set_defaults(handler=command_problems_load)

    db_parser = commands.add_parser("db", help="the database")
    db_commands = db_parser.add_subparsers(dest="db_command", required=True)
    upgrade_parser = db_commands.add_parser("upgrade", help="apply the migrations")
    upgrade_parser.add_argument("revision", nargs="?", default="head")
    upgrade_parser.set_defaults(handler=command_db_upgrade)

    add_account_commands(commands)

    demo_parser = commands.add_parser(
        "demo", help="an assessment with finished attempts to review (once; make run does it)"
    )
    demo_parser.set_defaults(handler=command_demo)

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
    except (CommandError, ProblemError) as error:
        print(f"numjudge: {error}", file=sys.stderr)
        return 1
    return code


if __name__ == "__main__":
    sys.exit(main())
