"""`clusterbridge users ...`: accounts from the command line, for whoever runs the server.

The CLI acts with full rights (it has the database anyway); the audit log names the
configured actor (``CLUSTERBRIDGE_ACTOR``). Scopes are named by external ids, a cluster by
its cluster organisation's.
"""

from __future__ import annotations

import typer
from rich import box
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from clusterbridge.accounts import operations as ops
from clusterbridge.accounts.config import account_config
from clusterbridge.accounts.mail import deliver_pending, latest_emails, link
from clusterbridge.accounts.models import Role, User
from clusterbridge.accounts.queries import GrantView, list_users, scope_labels
from clusterbridge.cli.errors import friendly_errors
from clusterbridge.core.db import session_factory, transaction

app = typer.Typer(
    help="Accounts: administrators, invitations, roles, requests.", no_args_is_help=True
)
console = Console(soft_wrap=True)

EMAIL = typer.Argument(..., help="The person's e-mail address.")
ROLE = typer.Option(..., "--role", help="The role to give.", case_sensitive=False)
PROGRAMME = typer.Option(None, "--programme", help="Scope: a programme, by external id.")
CLUSTER = typer.Option(
    None, "--cluster", help="Scope: a cluster, by its cluster organisation's external id."
)
ORGANISATION = typer.Option(None, "--organisation", help="Scope: an organisation, by external id.")


def _roles(grants: list[GrantView]) -> str:
    return "\n".join(f"{g.role_label}: {g.scope_label}" for g in grants) or "-"


@app.command("create-admin")
@friendly_errors
def create_admin(
    email: str = EMAIL,
    name: str = typer.Option("Administrator", "--name", help="The name shown on pages."),
    password: str = typer.Option(
        ...,
        "--password",
        prompt=True,
        hide_input=True,
        confirmation_prompt=True,
        help="Asked for when not given (at least 10 characters, two kinds).",
    ),
) -> None:
    """Create a platform administrator who can sign in at once (the first account)."""
    with transaction() as session:
        user = ops.create_admin(session, email=email, name=name, password=password)
        console.print(f"Created platform administrator {escape(user.email)}.")


@app.command("invite")
@friendly_errors
def invite(
    email: str = EMAIL,
    role: Role = ROLE,
    programme: str | None = PROGRAMME,
    cluster: str | None = CLUSTER,
    organisation: str | None = ORGANISATION,
) -> None:
    """Invite someone to a role: e-mails (or, by default, writes to the outbox) a link valid for
    7 days, and prints it."""
    with transaction() as session:
        scope = ops.scope_from_external_ids(session, programme, cluster, organisation)
        invitation, token = ops.invite(
            session, email=email, role=role, scope=scope, invited_by=None
        )
        address = invitation.email
    deliver_pending(session_factory())
    console.print(f"Invited {escape(address)}. Invitation link (valid 7 days):")
    console.print(link(f"/invitations/{token}"), highlight=False)


def _change_role(
    email: str,
    role: Role,
    programme: str | None,
    cluster: str | None,
    organisation: str | None,
    *,
    give: bool,
) -> None:
    """Give (``give``) or take away a role on the scope named by external ids, and say so."""
    with transaction() as session:
        scope = ops.scope_from_external_ids(session, programme, cluster, organisation)
        user = ops.get_user(session, email)
        change = ops.grant_role if give else ops.revoke_role
        change(session, user, role, scope, by=None)
        where = scope_labels(session, [scope])[scope]
        state = role.value if give else f"no longer {role.value}"
        console.print(f"{escape(user.email)} is {state} ({escape(where)}).")


@app.command("grant")
@friendly_errors
def grant(
    email: str = EMAIL,
    role: Role = ROLE,
    programme: str | None = PROGRAMME,
    cluster: str | None = CLUSTER,
    organisation: str | None = ORGANISATION,
) -> None:
    """Give an existing user a role (giving it again changes nothing)."""
    _change_role(email, role, programme, cluster, organisation, give=True)


@app.command("revoke")
@friendly_errors
def revoke(
    email: str = EMAIL,
    role: Role = ROLE,
    programme: str | None = PROGRAMME,
    cluster: str | None = CLUSTER,
    organisation: str | None = ORGANISATION,
) -> None:
    """Take a role away from a user."""
    _change_role(email, role, programme, cluster, organisation, give=False)


@app.command("list")
@friendly_errors
def list_accounts() -> None:
    """List the users with their status and roles."""
    with transaction() as session:
        summaries = list_users(session)
    table = Table(title=f"{len(summaries)} users")
    for header in ("e-mail", "name", "status", "roles", "last sign-in"):
        table.add_column(header)
    for user in summaries:
        last = user.last_login_at.strftime("%Y-%m-%d %H:%M") if user.last_login_at else "-"
        table.add_row(user.email, user.name, user.status.value, _roles(user.grants), last)
    console.print(table)


@app.command("requests")
@friendly_errors
def requests() -> None:
    """List the access requests waiting for a decision (approve or reject them by id)."""
    with transaction() as session:
        pending = ops.pending_access_requests(session)
    if not pending:
        console.print("No access request is waiting.")
        return
    table = Table(title=f"{len(pending)} access requests waiting")
    for header in ("id", "asked on", "name", "e-mail", "role", "scope", "message"):
        table.add_column(header)
    for item in pending:
        asked = item.created_at.strftime("%Y-%m-%d")
        row = (item.name, item.email, item.role_label, item.scope_label, item.message or "")
        table.add_row(str(item.id), asked, *row)
    console.print(table)


def _decide(request_id: int, approve: bool) -> None:
    with transaction() as session:
        request = ops.decide_access_request(session, request_id, approve=approve, decided_by=None)
        user = session.get(User, request.user_id)
        verb = "Approved" if approve else "Rejected"
        console.print(f"{verb} request {request_id} of {escape(user.email if user else '?')}.")
    deliver_pending(session_factory())


@app.command("approve")
@friendly_errors
def approve(
    request_id: int = typer.Argument(..., help="The id shown by `users requests`."),
) -> None:
    """Approve an access request: the account is activated with the role asked for."""
    _decide(request_id, approve=True)


@app.command("reject")
@friendly_errors
def reject(request_id: int = typer.Argument(..., help="The id shown by `users requests`.")) -> None:
    """Reject an access request: the account stays unable to sign in."""
    _decide(request_id, approve=False)


@app.command("outbox")
@friendly_errors
def outbox(
    limit: int = typer.Option(5, "--limit", min=1, max=100, help="How many e-mails to show."),
    to: str | None = typer.Option(None, "--to", help="Only e-mails to this address."),
    send: bool = typer.Option(False, "--send", help="First send unsent e-mails over SMTP."),
) -> None:
    """Show the latest e-mails of the outbox, newest first, with their links."""
    if send and not account_config().smtp_host:
        console.print("No SMTP host is configured (CLUSTERBRIDGE_SMTP_HOST): nothing was sent.")
    elif send:
        console.print(f"Sent {deliver_pending(session_factory())} e-mails.")
    with transaction() as session:
        emails = latest_emails(session, limit, to)
    if not emails:
        console.print("The outbox is empty.")
    for email in emails:
        state = f"sent {email.sent_at:%Y-%m-%d %H:%M}" if email.sent_at else "not sent"
        when = f"{email.created_at:%Y-%m-%d %H:%M} UTC"
        console.rule(f"#{email.id} · {when} · {state}")
        console.print(f"To: {escape(email.to)}\nSubject: {escape(email.subject)}\n")
        console.print(escape(email.body), highlight=False)


def show_demo_accounts() -> None:
    """Make (or repair) the demo accounts and print them; called by `demo load`. E-mail
    addresses and passwords never wrap, so they can be copied from any terminal."""
    from clusterbridge.accounts.demo import create_demo_accounts

    with transaction() as session:
        accounts = create_demo_accounts(session)
    if not accounts:
        console.print("No demo accounts: the database does not hold the demo scenario.")
        return
    table = Table(
        title=f"Demo accounts · DEMO ONLY, the passwords are public · sign in at {link('/login')}",
        box=box.SIMPLE_HEAD,
        title_justify="left",
    )
    table.add_column("role · scope", ratio=1)
    table.add_column("e-mail · password", no_wrap=True)
    table.add_column("what to try", ratio=1)
    for account in accounts:
        who = f"[bold]{account.role_label}[/]\n{escape(account.scope)}"
        table.add_row(who, f"{account.email}\n{account.password}", escape(account.try_this))
    table.add_row("[bold]Public visitor[/]", "(no account)", "Browse /organisations, /clusters")
    console.print(table)
