"""``kreislauf users``: create and list accounts.

Wired into the CLI by ``kreislauf.cli.app`` with ``users_cli.register(app, t)``. No
``from __future__ import annotations`` here: typer evaluates the annotations, which call ``t``.
"""

import sys
from collections.abc import Callable
from enum import StrEnum
from typing import Annotated

import typer

from kreislauf.cli.app import STATE, guarded


class RoleChoice(StrEnum):
    admin = "admin"
    facilitator = "facilitator"
    member = "member"
    viewer = "viewer"


def read_password(from_stdin: bool, t: Callable[[str], str]) -> str:
    """The new password: the first line of standard input, or asked twice (hidden)."""
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return str(typer.prompt(t("Password"), hide_input=True, confirmation_prompt=True))


def register(app: typer.Typer, t: Callable[[str], str]) -> None:
    users = typer.Typer(
        help=t("Accounts of the web application: add and list."),
        no_args_is_help=True,
        rich_markup_mode=None,
    )
    app.add_typer(users, name="users")

    @users.command(
        "add", help=t("Create an account (the password is asked for, or read from standard input).")
    )
    @guarded
    def add_command(
        email: Annotated[str, typer.Argument(help=t("E-mail address (the login name)."))],
        role: Annotated[
            RoleChoice, typer.Option("--role", help=t("admin, facilitator, member or viewer."))
        ],
        region: Annotated[
            list[str] | None,
            typer.Option(
                "--region",
                help=t(
                    "Region id: a facilitator's or viewer's region (repeatable); a member's firm's region."
                ),
            ),
        ] = None,
        actor: Annotated[
            str | None, typer.Option("--actor", help=t("Actor id of a member's firm."))
        ] = None,
        password_stdin: Annotated[
            bool, typer.Option("--password-stdin", help=t("Read the password from standard input."))
        ] = False,
        json_output: Annotated[bool, typer.Option("--json", help=t("Print JSON."))] = False,
    ) -> None:
        from kreislauf import services
        from kreislauf.storage.accounts import Accounts, check_password, normalise_email

        regions = list(region or [])
        normalise_email(email)
        password = read_password(password_stdin, STATE.output.t)
        check_password(password)
        repo = services.open_repository()
        if role is RoleChoice.member:
            if len(regions) != 1 or not actor:
                from kreislauf.errors import InputError

                raise InputError("a member account needs its firm: give --region and --actor")
            repo.get_actor(regions[0], actor)  # the firm must exist
            user = Accounts(repo.engine).add_user(
                email, password, role.value, actor_region=regions[0], actor_id=actor
            )
        else:
            user = Accounts(repo.engine).add_user(
                email, password, role.value, regions=regions, actor_id=actor
            )
        if json_output:
            STATE.output.json(
                {
                    "id": user.id,
                    "email": user.email,
                    "role": user.role.value,
                    "regions": list(user.regions),
                    "actor_region": user.actor_region,
                    "actor": user.actor_id,
                }
            )
        else:
            STATE.output.say(
                "Account {email} created ({role})",
                email=user.email,
                role=STATE.output.t(user.role.value),
            )

    @users.command("list", help=t("List the accounts."))
    @guarded
    def list_command(
        json_output: Annotated[bool, typer.Option("--json", help=t("Print JSON."))] = False,
    ) -> None:
        from kreislauf import services
        from kreislauf.storage.accounts import Accounts

        found = Accounts(services.open_repository().engine).list_users()
        if json_output:
            STATE.output.json(
                [
                    {
                        "id": u.id,
                        "email": u.email,
                        "role": u.role.value,
                        "regions": list(u.regions),
                        "actor_region": u.actor_region,
                        "actor": u.actor_id,
                        "active": u.active,
                    }
                    for u in found
                ]
            )
            return
        if not found:
            STATE.output.say(
                "No accounts yet; add one with: kreislauf users add EMAIL --role admin"
            )
            return
        for u in found:
            where = f"{u.actor_region}/{u.actor_id}" if u.actor_id else ", ".join(u.regions)
            STATE.output.print(f"{u.email}\t{u.role.value}\t{where}")


__all__ = ["register"]
