"""Evaluation pages: a cluster's scorecard (page and PDF), its yearly questionnaire form, and a
programme's scorecard (page and PDF).

Cluster managers see their own cluster's scorecard with the other clusters of the programme
anonymised; programme managers and administrators see every name. The questionnaire records
the answers through :func:`~clusterbridge.analytics.evaluation.operations.record_questionnaire`
in one transaction, so a bad value saves nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.datastructures import FormData
from starlette.responses import Response

from clusterbridge.accounts.permissions import Action, Principal, Target, can
from clusterbridge.accounts.scopes import cluster_target, programme_target
from clusterbridge.analytics.evaluation.enums import QuestionnaireStatus, ValueSource
from clusterbridge.analytics.evaluation.framework import Indicator
from clusterbridge.analytics.evaluation.framework_store import framework_for_programme
from clusterbridge.analytics.evaluation.models import IndicatorValue, QuestionnaireResponse
from clusterbridge.analytics.evaluation.operations import record_questionnaire
from clusterbridge.analytics.evaluation.reports import cluster_report, programme_report
from clusterbridge.analytics.evaluation.reports_charts import cluster_years, programme_years
from clusterbridge.core.errors import InvalidInput, Problem
from clusterbridge.registry.models import Cluster, Organisation, Programme
from clusterbridge.registry.queries import today_utc
from clusterbridge.web.auth import PrincipalDep, authorize
from clusterbridge.web.csrf import CsrfDep
from clusterbridge.web.deps import SessionDep
from clusterbridge.web.forms import actor_of, field_errors, write_session
from clusterbridge.web.reports import pdf_response, render_report
from clusterbridge.web.routers.api_common import Id
from clusterbridge.web.routers.edit import FormDep
from clusterbridge.web.templating import render

router = APIRouter(include_in_schema=False)

Year = Annotated[int | None, Query(ge=1900, le=2200)]
Saved = Annotated[str | None, Query(max_length=20)]
SAVED = {
    "draft": "Your answers were saved as a draft.",
    "submitted": "Your answers were submitted; the scorecard now uses them.",
}


@dataclass(frozen=True)
class ClusterHeading:
    """What the cluster pages show around a report: names, links, the years to pick from."""

    id: int
    name: str
    programme_id: int | None
    programme: str | None


def _cluster_heading(session: Session, cluster_id: int) -> ClusterHeading:
    row = session.execute(
        select(Organisation.name, Cluster.acronym, Cluster.programme_id, Programme.name)
        .join(Cluster.organisation)
        .outerjoin(Programme, Programme.id == Cluster.programme_id)
        .where(Cluster.id == cluster_id)
    ).one()
    name, acronym, programme_id, programme = row
    return ClusterHeading(cluster_id, acronym or name, programme_id, programme)


def _year_choices(found: list[int], chosen: int) -> list[int]:
    """The years to pick from, latest first: those with values, this year and the chosen one."""
    return sorted({*found, chosen, today_utc().year}, reverse=True)


def _authorized_cluster(
    session: Session, principal: Principal, action: Action, cluster_id: int
) -> None:
    authorize(principal, action, cluster_target(session, cluster_id))


def _peer_names(principal: Principal, programme_id: int | None) -> bool:
    """Other clusters are named for those who may see the whole programme's scorecards."""
    if programme_id is None:
        return principal.is_admin
    return can(principal, Action.VIEW_EVALUATION, Target(programme_id=programme_id))


@router.get("/clusters/{cluster_id}/scorecard", response_class=HTMLResponse)
def cluster_scorecard_page(
    request: Request,
    session: SessionDep,
    principal: PrincipalDep,
    cluster_id: Id,
    year: Year = None,
) -> Response:
    """The scorecard report of a cluster for a year (default: its latest year with values)."""
    _authorized_cluster(session, principal, Action.VIEW_EVALUATION, cluster_id)
    heading = _cluster_heading(session, cluster_id)
    years = cluster_years(session, cluster_id)
    chosen = year or (years[-1] if years else today_utc().year)
    report = cluster_report(
        session, cluster_id, chosen, peer_names=_peer_names(principal, heading.programme_id)
    )
    context = {
        "nav": "clusters",
        "cluster": heading,
        "year": chosen,
        "years": _year_choices(years, chosen),
        "has_values": chosen in years,
        "can_record": can(principal, Action.RECORD_EVALUATION, cluster_target(session, cluster_id)),
        "can_see_programme": heading.programme_id is not None
        and _peer_names(principal, heading.programme_id),
    }
    return render_report(request, "evaluation_cluster.html", report, context)


@router.get("/clusters/{cluster_id}/scorecard.pdf")
def cluster_scorecard_pdf(
    session: SessionDep, principal: PrincipalDep, cluster_id: Id, year: Year = None
) -> Response:
    """The same report as the page, as a PDF."""
    _authorized_cluster(session, principal, Action.VIEW_EVALUATION, cluster_id)
    heading = _cluster_heading(session, cluster_id)
    years = cluster_years(session, cluster_id)
    chosen = year or (years[-1] if years else today_utc().year)
    names = _peer_names(principal, heading.programme_id)
    report = cluster_report(session, cluster_id, chosen, peer_names=names)
    return pdf_response(report, f"scorecard-cluster-{cluster_id}-{chosen}.pdf")


@router.get("/programmes/{programme_id}/scorecard", response_class=HTMLResponse)
def programme_scorecard_page(
    request: Request,
    session: SessionDep,
    principal: PrincipalDep,
    programme_id: Id,
    year: Year = None,
) -> Response:
    """Every cluster of a programme for a year (default: the latest year with values)."""
    authorize(principal, Action.VIEW_EVALUATION, programme_target(session, programme_id))
    years = programme_years(session, programme_id)
    chosen = year or (years[-1] if years else today_utc().year)
    report = programme_report(session, programme_id, chosen)
    context = {
        "nav": "home",
        "programme_id": programme_id,
        "year": chosen,
        "years": _year_choices(years, chosen),
        "rows": _cluster_links(session, programme_id),
    }
    return render_report(request, "evaluation_programme.html", report, context)


def _cluster_links(session: Session, programme_id: int) -> list[tuple[int, str]]:
    """(id, name) of the programme's clusters, for links to their scorecards."""
    query = (
        select(Cluster.id, Organisation.name)
        .join(Cluster.organisation)
        .where(Cluster.programme_id == programme_id)
        .order_by(Organisation.name)
    )
    return [(cluster_id, name) for cluster_id, name in session.execute(query)]


@router.get("/programmes/{programme_id}/scorecard.pdf")
def programme_scorecard_pdf(
    session: SessionDep, principal: PrincipalDep, programme_id: Id, year: Year = None
) -> Response:
    """The same report as the programme page, as a PDF."""
    authorize(principal, Action.VIEW_EVALUATION, programme_target(session, programme_id))
    years = programme_years(session, programme_id)
    chosen = year or (years[-1] if years else today_utc().year)
    report = programme_report(session, programme_id, chosen)
    return pdf_response(report, f"scorecard-programme-{programme_id}-{chosen}.pdf")


@dataclass(frozen=True)
class Question:
    """One questionnaire field: the indicator, and the value and note shown in the form."""

    indicator: Indicator
    value: str
    note: str

    @property
    def field(self) -> str:
        return f"value-{self.indicator.key}"

    @property
    def note_field(self) -> str:
        return f"note-{self.indicator.key}"


def _questions(
    session: Session, cluster_id: int, year: int, sent: FormData | None = None
) -> list[Question]:
    """The questionnaire indicators of the cluster's framework with the stored answers, or,
    after a failed post, with what was sent."""
    programme_id = session.scalar(select(Cluster.programme_id).where(Cluster.id == cluster_id))
    indicators = framework_for_programme(session, programme_id).of_source(ValueSource.QUESTIONNAIRE)
    stored = {
        row.indicator: row
        for row in session.scalars(
            select(IndicatorValue).where(
                IndicatorValue.cluster_id == cluster_id, IndicatorValue.year == year
            )
        )
    }
    questions = []
    for indicator in indicators:
        row = stored.get(indicator.key)
        value = "" if row is None else f"{row.value:g}"
        note = "" if row is None else row.note or ""
        if sent is not None:
            value = _text(sent, f"value-{indicator.key}")
            note = _text(sent, f"note-{indicator.key}")
        questions.append(Question(indicator, value, note))
    return questions


def _text(form: FormData, name: str) -> str:
    value = form.get(name)
    return value.strip() if isinstance(value, str) else ""


def _questionnaire_page(
    request: Request,
    session: Session,
    principal: Principal,
    cluster_id: int,
    year: int,
    sent: FormData | None = None,
    problems: list[Problem] | None = None,
    **extra: Any,
) -> Response:
    """The form for a year, with the stored answers (or those sent and their problems)."""
    errors, general = field_errors(problems or [])
    status = session.scalar(
        select(QuestionnaireResponse.status).where(
            QuestionnaireResponse.cluster_id == cluster_id, QuestionnaireResponse.year == year
        )
    )
    context = {
        "nav": "clusters",
        "cluster": _cluster_heading(session, cluster_id),
        "year": year,
        "years": _year_choices(cluster_years(session, cluster_id), year),
        "questions": _questions(session, cluster_id, year, sent),
        "status": status,
        "errors": errors,
        "general": general,
        "csrf_token": principal.csrf_token,
        **extra,
    }
    return render(
        request, "evaluation_questionnaire.html", context, status_code=422 if problems else 200
    )


def _questionnaire_year(session: Session, cluster_id: int, year: int | None) -> int:
    """The year asked for, else the latest with values, else last year."""
    if year is not None:
        return year
    years = cluster_years(session, cluster_id)
    return years[-1] if years else today_utc().year - 1


@router.get("/clusters/{cluster_id}/questionnaire", response_class=HTMLResponse)
def questionnaire(
    request: Request,
    session: SessionDep,
    principal: PrincipalDep,
    cluster_id: Id,
    year: Year = None,
    saved: Saved = None,
) -> Response:
    """The questionnaire of a cluster for a year, filled with the answers already given."""
    _authorized_cluster(session, principal, Action.RECORD_EVALUATION, cluster_id)
    chosen = _questionnaire_year(session, cluster_id, year)
    notice = SAVED.get(saved or "")
    return _questionnaire_page(request, session, principal, cluster_id, chosen, notice=notice)


@router.post("/clusters/{cluster_id}/questionnaire", response_class=HTMLResponse)
def save_questionnaire(
    request: Request,
    session: SessionDep,
    principal: PrincipalDep,
    cluster_id: Id,
    form: FormDep,
    _: CsrfDep,
    year: Year = None,
) -> Response:
    """Record the answers (an empty field removes an answer) as a draft or submitted; the
    form again, with each problem at its field and nothing saved, when a value is wrong."""
    _authorized_cluster(session, principal, Action.RECORD_EVALUATION, cluster_id)
    chosen = _questionnaire_year(session, cluster_id, year)
    questions = _questions(session, cluster_id, chosen, form)
    submit = _text(form, "action") == "submit"
    values = {q.indicator.key: q.value or None for q in questions}
    notes = {q.indicator.key: q.note for q in questions if q.note}
    try:
        with write_session(request) as writing:
            record_questionnaire(
                writing, cluster_id, chosen, values, principal.user_id,
                notes=notes, submit=submit, actor=actor_of(principal),
            )  # fmt: skip
    except InvalidInput as exc:
        keys = {q.indicator.key for q in questions}
        problems = [_at_field(p, keys) for p in exc.problems]
        return _questionnaire_page(request, session, principal, cluster_id, chosen, form, problems)
    status = QuestionnaireStatus.SUBMITTED if submit else QuestionnaireStatus.DRAFT
    target = f"/clusters/{cluster_id}/questionnaire?year={chosen}&saved={status.value}"
    return RedirectResponse(target, status_code=303)


def _at_field(problem: Problem, keys: set[str]) -> Problem:
    """A problem about an indicator, placed at the indicator's value field; any other (the
    year's) stays a general one, shown above the form."""
    if problem.column in keys:
        return Problem(problem.reason, column=f"value-{problem.column}", value=problem.value)
    return Problem(problem.reason, value=problem.value)
