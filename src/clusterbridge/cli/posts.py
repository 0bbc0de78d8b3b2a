"""`clusterbridge posts ...`: partner-search posts (offers and requests) and the expressions of
interest they receive, from the command line.

The CLI acts with full rights (it has the database anyway); the audit log names the configured
actor (``CLUSTERBRIDGE_ACTOR``). Organisations are named by id or external id. Each command
calls one operation or query of :mod:`clusterbridge.matchmaking.posts` in one transaction.
"""

from __future__ import annotations

from datetime import date

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from clusterbridge.cli.errors import friendly_errors
from clusterbridge.core.db import transaction
from clusterbridge.core.errors import InvalidInput, Problem
from clusterbridge.matchmaking.posts import operations as ops
from clusterbridge.matchmaking.posts import queries
from clusterbridge.matchmaking.posts.models import PostType

app = typer.Typer(
    help="Partner-search posts: offers, requests and expressions of interest.",
    no_args_is_help=True,
)
console = Console(soft_wrap=True)

MAX_ID = 2_147_483_647
POST = typer.Argument(..., min=1, max=MAX_ID, help="The post's id (see `posts list`).")
INTEREST = typer.Argument(
    ..., min=1, max=MAX_ID, help="An expression of interest's id (see `posts show`)."
)
ORGANISATION = typer.Option(..., "--organisation", help="The organisation, by id or external id.")


@app.command("list")
@friendly_errors
def list_posts(
    post_type: PostType | None = typer.Option(None, "--type", help="Only posts of this type."),
    country: str | None = typer.Option(
        None, "--country", help="Target country: posts naming it or open to every country."
    ),
    kind: str | None = typer.Option(
        None, "--kind", help="Partner kind sought (company, university...), or any."
    ),
    industry: str | None = typer.Option(
        None, "--industry", help="A NACE code or its start (C, 29, 29.10)."
    ),
    query: str | None = typer.Option(None, "--query", help="Words in the title or description."),
    include_closed: bool = typer.Option(False, "--all", help="Also closed and expired posts."),
    limit: int = typer.Option(50, "--limit", min=1, max=1000, help="Most posts shown."),
) -> None:
    """List open partner-search posts, the newest first."""
    filters = queries.PostFilter(
        post_type=post_type,
        industry=industry,
        country=country,
        kind=kind,
        text=query,
        open_only=not include_closed,
    )
    with transaction() as session:
        found = queries.search_posts(session, filters, 1, limit)
    table = Table(title=f"Partner-search posts ({found.total})")
    for header in ("id", "type", "title", "organisation", "expires", "status", "interest"):
        table.add_column(header, justify="right" if header in ("id", "interest") else "left")
    for post in found.items:
        table.add_row(
            str(post.id),
            post.post_type.value,
            escape(post.title),
            escape(post.organisation_name),
            post.expires_on.isoformat(),
            _status(post),
            str(post.interest_count),
        )
    console.print(table if found.items else "No post matches.")


def _status(post: queries.PostRecord) -> str:
    return "expired" if post.status.value == "open" and post.expired else post.status.value


@app.command("show")
@friendly_errors
def show(post_id: int = POST) -> None:
    """Show a post with every expression of interest it received."""
    with transaction() as session:
        post = queries.get_post_record(session, post_id)
        interests = queries.interests_of(session, post_id)
    console.print(f"[bold]{escape(post.title)}[/] (post {post.id}, {_status(post)})")
    facts = [
        ("type", post.post_type.value),
        ("organisation", f"{post.organisation_name} ({post.organisation_id})"),
        ("expires", post.expires_on.isoformat()),
        ("industries", ", ".join(post.industries) or "any"),
        ("technologies", ", ".join(post.technologies) or "-"),
        ("target countries", ", ".join(post.countries) or "any"),
        ("partners sought", ", ".join(post.kinds) or "any"),
    ]
    for label, value in facts:
        console.print(f"  {label}: {escape(value)}", highlight=False)
    console.print(escape(post.description), highlight=False)
    table = Table(title="Expressions of interest")
    for header in ("id", "organisation", "status", "sent", "message"):
        table.add_column(header)
    for item in interests:
        table.add_row(
            str(item.id),
            escape(f"{item.organisation_name} ({item.organisation_id})"),
            item.status.value,
            item.created_at.date().isoformat(),
            escape(item.message),
        )
    console.print(table if interests else "No expression of interest yet.")


@app.command("create")
@friendly_errors
def create(
    organisation: str = ORGANISATION,
    post_type: PostType = typer.Option(..., "--type", help="What kind of post this is."),
    title: str = typer.Option(..., "--title", help="A short title."),
    description: str = typer.Option(..., "--description", help="What is offered or sought."),
    expires: str = typer.Option(..., "--expires", help="Last open day, YYYY-MM-DD."),
    industry: list[str] = typer.Option([], "--industry", help="A NACE code (repeatable)."),
    technology: list[str] = typer.Option(
        [], "--technology", help="A technology slug or name (repeatable)."
    ),
    country: list[str] = typer.Option(
        [], "--country", help="A target country, code or name (repeatable; none: any)."
    ),
    kind: list[str] = typer.Option(
        [], "--kind", help="A partner kind sought (repeatable; none: any)."
    ),
) -> None:
    """Publish a post on behalf of an organisation."""
    expires_on = _day(expires)
    with transaction() as session:
        values = ops.PostInput(
            organisation_id=queries.organisation_by_reference(session, organisation),
            post_type=post_type,
            title=title,
            description=description,
            expires_on=expires_on,
            industries=industry,
            technologies=technology,
            countries=country,
            kinds=kind,
        )
        post = ops.create_post(session, values, actor_id=None)
        console.print(
            f"Published post {post.id}: {escape(post.title)} (open until {expires_on}).",
            highlight=False,
        )


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        problem = Problem("give a date like 2027-06-30", column="expires", value=text)
        raise InvalidInput([problem], summary="Not accepted") from None


@app.command("close")
@friendly_errors
def close(post_id: int = POST) -> None:
    """Close a post: it leaves the list and takes no more interest."""
    with transaction() as session:
        post = ops.close_post(session, post_id, actor_id=None)
        console.print(f"Post {post.id} is closed.", highlight=False)


@app.command("reopen")
@friendly_errors
def reopen(
    post_id: int = POST,
    expires: str | None = typer.Option(
        None, "--expires", help="A new last open day (needed when the post expired)."
    ),
) -> None:
    """Open a closed or expired post again."""
    expires_on = _day(expires) if expires else None
    with transaction() as session:
        post = ops.reopen_post(session, post_id, expires_on=expires_on, actor_id=None)
        console.print(f"Post {post.id} is open until {post.expires_on}.", highlight=False)


@app.command("interest")
@friendly_errors
def interest(
    post_id: int = POST,
    organisation: str = ORGANISATION,
    message: str = typer.Option(..., "--message", help="Why the organisation is interested."),
) -> None:
    """Express an organisation's interest in a post."""
    with transaction() as session:
        org = queries.organisation_by_reference(session, organisation)
        made = ops.express_interest(session, post_id, org, message, actor_id=None)
        console.print(f"Sent expression of interest {made.id} to post {post_id}.", highlight=False)


@app.command("withdraw")
@friendly_errors
def withdraw(interest_id: int = INTEREST) -> None:
    """Withdraw an expression of interest."""
    with transaction() as session:
        ops.withdraw_interest(session, interest_id, actor_id=None)
    console.print(f"Expression of interest {interest_id} is withdrawn.", highlight=False)


@app.command("accept")
@friendly_errors
def accept(interest_id: int = INTEREST) -> None:
    """Accept an expression of interest (the post's organisation will get in touch)."""
    with transaction() as session:
        ops.respond_interest(session, interest_id, True, actor_id=None)
    console.print(f"Expression of interest {interest_id} is accepted.", highlight=False)


@app.command("decline")
@friendly_errors
def decline(interest_id: int = INTEREST) -> None:
    """Decline an expression of interest."""
    with transaction() as session:
        ops.respond_interest(session, interest_id, False, actor_id=None)
    console.print(f"Expression of interest {interest_id} is declined.", highlight=False)
