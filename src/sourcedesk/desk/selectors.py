"""Permission-checked reads of reports and claims.

Reports follow their source's compartment: a reporter sees the reports of the sources they
handle, an editor sees all, nobody else sees any. A reporter sees a claim only if it cites one
of their reports, and only their own reports within it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import Http404

from sourcedesk.accounts.roles import Role, has_role
from sourcedesk.network.models import Source, SourceStatus
from sourcedesk.network.selectors import source_visible_qs
from sourcedesk.stories.models import OTHER_LANGUAGE, State
from sourcedesk.stories.selectors import story_list_for_user

from .models import Claim, ClaimReport, ClaimStatus, Report

DESK_ROLES = (Role.EDITOR, Role.REPORTER)


def _pk(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise Http404 from None


def can_use_desk(user) -> bool:
    """Return whether ``user``'s role may see reports and claims at all."""
    return has_role(user, *DESK_ROLES)


def report_visible_qs(*, user) -> QuerySet[Report]:
    """Return the reports ``user`` may see."""
    if has_role(user, Role.EDITOR):
        return Report.objects.all()
    if has_role(user, Role.REPORTER):
        return Report.objects.filter(source__handler=user)
    return Report.objects.none()


def report_list_for_user(
    *,
    user,
    region: str = "",
    credibility: int | None = None,
    source_id: int | None = None,
    tag: str = "",
    first_hand: bool | None = None,
) -> QuerySet[Report]:
    """Return ``user``'s visible reports, newest first, filtered."""
    qs = report_visible_qs(user=user)
    if region:
        qs = qs.filter(region=region)
    if credibility:
        qs = qs.filter(credibility=credibility)
    if source_id:
        qs = qs.filter(source_id=source_id)
    if tag:
        # Tags are space-separated; match a whole tag, not a substring of one.
        tag = tag.strip().lower()
        qs = qs.filter(
            Q(tags=tag)
            | Q(tags__startswith=f"{tag} ")
            | Q(tags__endswith=f" {tag}")
            | Q(tags__contains=f" {tag} ")
        )
    if first_hand is not None:
        qs = qs.filter(first_hand=first_hand)
    return qs.select_related("source").order_by("-received_on", "-id")


def report_get_for_user(*, user, pk) -> Report:
    """Return report ``pk`` if ``user`` may see it; raise ``Http404`` otherwise."""
    report = (
        report_visible_qs(user=user)
        .select_related("source", "source__handler", "logged_by")
        .filter(pk=_pk(pk))
        .first()
    )
    if report is None:
        raise Http404
    return report


def claim_visible_qs(*, user) -> QuerySet[Claim]:
    """Return the claims ``user`` may see (merged duplicates included)."""
    if has_role(user, Role.EDITOR):
        return Claim.objects.all()
    if has_role(user, Role.REPORTER):
        own = ClaimReport.objects.filter(claim=OuterRef("pk"), report__source__handler=user)
        return Claim.objects.filter(Exists(own))
    return Claim.objects.none()


def _with_corroboration(qs: QuerySet[Claim]) -> QuerySet[Claim]:
    return qs.annotate(
        source_count=Count("links__report__source", distinct=True),
        report_count=Count("links", distinct=True),
    )


def claim_get_for_user(*, user, pk) -> Claim:
    """Return claim ``pk`` if ``user`` may see it; raise ``Http404`` otherwise."""
    claim = _with_corroboration(claim_visible_qs(user=user)).filter(pk=_pk(pk)).first()
    if claim is None:
        raise Http404
    return claim


def claim_list_for_user(*, user, status: str = "", query: str = "") -> QuerySet[Claim]:
    """Return ``user``'s visible live (unmerged) claims, most recently changed first.

    Not annotated with counts: slice it first, then pass the page to :func:`claims_with_counts`,
    so the database counts sources for one page rather than for every claim.
    """
    qs = claim_visible_qs(user=user).filter(merged_into__isnull=True)
    if status:
        qs = qs.filter(status=status)
    if query:
        qs = qs.filter(statement__icontains=query.strip())
    return qs.order_by("-updated_at", "-pk")


def claims_with_counts(claims) -> list[Claim]:
    """Return ``claims`` (already access-checked) in order, each with ``source_count`` and ``report_count``.

    One aggregate over the links of just these claims, so the database never joins more than
    their reports.
    """
    claims = list(claims)
    counts: dict[int, tuple[int, int]] = {
        row["claim_id"]: (row["sources"], row["reports"])
        for row in ClaimReport.objects.filter(claim_id__in=[c.pk for c in claims])
        .values("claim_id")
        .annotate(sources=Count("report__source_id", distinct=True), reports=Count("pk"))
        .order_by()
    }
    for claim in claims:
        sources, reports = counts.get(claim.pk, (0, 0))
        claim.source_count = sources  # type: ignore[attr-defined]
        claim.report_count = reports  # type: ignore[attr-defined]
    return claims


@dataclass
class BoardColumn:
    status: str
    label: str
    total: int
    claims: list[Claim]


def claim_board_for_user(*, user, per_column: int = 20, query: str = "") -> list[BoardColumn]:
    """Return the claims board: one column per status, the latest ``per_column`` claims each."""
    base = claim_visible_qs(user=user).filter(merged_into__isnull=True)
    if query:
        base = base.filter(statement__icontains=query.strip())
    totals = {row["status"]: row["n"] for row in base.values("status").annotate(n=Count("pk")).order_by()}
    latest = {
        status: list(base.filter(status=status).order_by("-updated_at", "-pk")[:per_column])
        for status in ClaimStatus.values
    }
    claims_with_counts([claim for claims in latest.values() for claim in claims])
    return [
        BoardColumn(status=status, label=str(label), total=totals.get(status, 0), claims=latest[status])
        for status, label in ClaimStatus.choices
    ]


@dataclass
class Corroboration:
    sources: int
    reports: int
    handlers: int
    regions: int
    compromised: int = 0

    @property
    def single_handler(self) -> bool:
        """All supporting sources share one handler: not independent enough."""
        return self.sources > 1 and self.handlers == 1

    @property
    def single_region(self) -> bool:
        """All supporting sources share one region: they may echo the same rumour."""
        return self.sources > 1 and self.regions == 1


def claim_corroboration(*, claim: Claim) -> Corroboration:
    """Return how independently ``claim`` is supported, over all its reports.

    Counts are desk-wide (an aggregate, naming no source), so a reporter sees the same figure as
    an editor even though they can open only their own reports.
    """
    sources = Source.objects.filter(reports__claim_links__claim=claim).distinct()
    row = sources.aggregate(
        n=Count("pk", distinct=True),
        handlers=Count("handler", distinct=True),
        regions=Count("region", distinct=True),
        compromised=Count("pk", distinct=True, filter=Q(status=SourceStatus.COMPROMISED)),
    )
    reports = ClaimReport.objects.filter(claim=claim).count()
    return Corroboration(
        sources=row["n"],
        reports=reports,
        handlers=row["handlers"],
        regions=row["regions"],
        compromised=row["compromised"],
    )


def claim_reports_for_user(*, user, claim: Claim) -> QuerySet[Report]:
    """Return the reports of ``claim`` that ``user`` may open."""
    return (
        report_visible_qs(user=user)
        .filter(claim_links__claim=claim)
        .select_related("source")
        .order_by("-received_on", "-id")
    )


def claims_for_report(*, user, report: Report) -> QuerySet[Claim]:
    """Return the live claims citing ``report`` (already access-checked) that ``user`` may see.

    Filtered through a subquery, not a join, so the counts cover every report of each claim.
    """
    cited = ClaimReport.objects.filter(report=report).values("claim_id")
    return _with_corroboration(
        claim_visible_qs(user=user).filter(pk__in=cited, merged_into__isnull=True)
    ).order_by("-updated_at")


def claims_for_source(*, user, source) -> QuerySet[Claim]:
    """Return the live claims citing any report of ``source`` (already access-checked)."""
    return _with_corroboration(
        claim_visible_qs(user=user).filter(
            pk__in=ClaimReport.objects.filter(report__source=source).values("claim_id"),
            merged_into__isnull=True,
        )
    ).order_by("-updated_at")[:50]


@dataclass
class CitingStory:
    """A story that cites a report or claim, as the desk lists it."""

    pk: int
    headline: str
    headline_language: str
    state: str
    state_label: str


@dataclass
class CitingStories:
    """The stories citing a report or claim that one user may open, and how many there are."""

    stories: list[CitingStory]
    total: int


def _citing_stories(*, user, language: str, limit: int, **link) -> CitingStories:
    # The stories app decides which stories a user may open; nothing it refuses is named here,
    # and the total counts only those, so it says nothing about stories the user cannot open.
    qs = story_list_for_user(user=user).filter(**link)
    stories = list(qs[:limit])
    total = len(stories) if len(stories) < limit else qs.count()
    labels = {value: str(label) for value, label in State.choices}
    other = OTHER_LANGUAGE.get(language, "ko")
    rows = []
    for story in stories:
        headlines = {edition.language: edition.headline for edition in story.editions.all()}
        if headlines.get(language):
            headline, headline_language = headlines[language], language
        else:
            headline, headline_language = headlines.get(other, ""), other
        rows.append(
            CitingStory(
                pk=story.pk,
                headline=headline,
                headline_language=headline_language if headline else language,
                state=story.state,
                state_label=labels.get(story.state, story.state),
            )
        )
    return CitingStories(stories=rows, total=total)


def stories_for_report(*, user, report: Report, language: str, limit: int = 50) -> CitingStories:
    """Return the stories citing ``report`` (already access-checked) that ``user`` may open.

    Each headline is in ``language`` where the story has one, else in the other language.
    """
    return _citing_stories(user=user, language=language, limit=limit, reports=report)


def stories_for_claim(*, user, claim: Claim, language: str, limit: int = 50) -> CitingStories:
    """Return the stories citing ``claim`` (already access-checked) that ``user`` may open.

    Each headline is in ``language`` where the story has one, else in the other language.
    """
    return _citing_stories(user=user, language=language, limit=limit, claims=claim)


def source_report_counts(*, sources) -> dict[int, int]:
    """Return the number of reports for each of ``sources`` (already access-checked)."""
    ids = [s.pk for s in sources]
    rows = Report.objects.filter(source_id__in=ids).values("source_id").annotate(n=Count("pk")).order_by()
    return {row["source_id"]: row["n"] for row in rows}


def source_visible_for_report(*, user):
    """Return the sources ``user`` may log a report for."""
    return source_visible_qs(user=user).filter(archived=False)


def portal_submission_for_user(*, user, public_id: str, position):
    """Return submission ``position`` of portal source ``public_id`` if ``user`` may triage it.

    Access follows the portal inbox (editors, and the handler of a promoted source); anything
    else raises ``Http404``.
    """
    from sourcedesk.portal.models import PortalSource, Submission
    from sourcedesk.portal.selectors import inbox_source_get

    try:
        portal_source = inbox_source_get(user=user, public_id=str(public_id))
    except PortalSource.DoesNotExist:
        raise Http404 from None
    submission = Submission.objects.filter(source=portal_source, position=_pk(position)).first()
    if submission is None:
        raise Http404
    return submission
