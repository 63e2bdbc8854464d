"""Rules for service projects (网上申报、网上审批、网上管理): budget, dates, review and field locks.

The workflow "Service Project Approval" moves a project through these states:

	Draft → Pending Community Review → Pending Sub-district Review → (Pending Leadership Approval) →
	Approved → In Progress → Pending Completion Review → Completed
	plus Returned for Revision (back to the applicant) and Rejected (final).

What each state *means* (who may change what, which moves are reviews, which need a reason) is not
keyed to these names: it is read from the workflow an administrator edits (wuse_app.approvals). The
names below are the seeded defaults only (wuse_app.workflows.service_project); no rule reads them.

Everything here is framework-free; the Service Project controller calls it from `validate`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from wuse_app.domain.approvals import EDITING
from wuse_app.domain.errors import DomainValidationError, _

DRAFT = "Draft"
PENDING_COMMUNITY_REVIEW = "Pending Community Review"
PENDING_SUBDISTRICT_REVIEW = "Pending Sub-district Review"
PENDING_LEADERSHIP_APPROVAL = "Pending Leadership Approval"
APPROVED = "Approved"
IN_PROGRESS = "In Progress"
PENDING_COMPLETION_REVIEW = "Pending Completion Review"
COMPLETED = "Completed"
RETURNED = "Returned for Revision"
REJECTED = "Rejected"

STATES = (
	DRAFT,
	PENDING_COMMUNITY_REVIEW,
	PENDING_SUBDISTRICT_REVIEW,
	PENDING_LEADERSHIP_APPROVAL,
	APPROVED,
	IN_PROGRESS,
	PENDING_COMPLETION_REVIEW,
	COMPLETED,
	RETURNED,
	REJECTED,
)

# Milestone statuses (Service Project Milestone.status).
MILESTONE_PLANNED = "Planned"
MILESTONE_IN_PROGRESS = "In Progress"
MILESTONE_COMPLETED = "Completed"
MILESTONE_CANCELLED = "Cancelled"
MILESTONE_STATUSES = (MILESTONE_PLANNED, MILESTONE_IN_PROGRESS, MILESTONE_COMPLETED, MILESTONE_CANCELLED)

# Field groups. `MILESTONE_PROGRESS` stands for the status and completion date of the milestone rows;
# "milestones" itself stands for the rows' titles and due dates (the plan).
MILESTONE_PROGRESS = "milestones.progress"
APPLICATION_FIELDS = frozenset(
	{
		"project_title",
		"applicant_organization",
		"community",
		"category",
		"funding_source",
		"project_lead",
		"beneficiary_count",
		"start_date",
		"end_date",
		"objectives",
		"application_document",
		"budget_items",
		"milestones",
		MILESTONE_PROGRESS,
	}
)
AMOUNT_FIELDS = frozenset({"approved_amount"})
DELIVERY_FIELDS = frozenset({"outcome_summary", MILESTONE_PROGRESS})
EVALUATION_FIELDS = frozenset({"evaluation_score", "evaluation_comments"})

# Blank "Editable Fields" on a state of the project workflow: the stage's default (wuse_app.approvals).
# While Editing the applicant changes the application; in any other stage nothing changes unless the
# state names its fields (the seeded workflow: approved_amount in the sub-district and leadership
# reviews, the outcome and milestone progress In Progress, the evaluation in the completion review).
STAGE_DEFAULTS: Mapping[str, frozenset[str]] = {EDITING: APPLICATION_FIELDS}


def stage_defaults(added_fields: Iterable[str] = ()) -> Mapping[str, frozenset[str]]:
	"""STAGE_DEFAULTS plus the fields an administrator added to the project (Customize Form).

	An added field belongs to the application: the applicant fills it in while Editing, and it is
	locked in Review, Active and Closed like the rest of the application. A state whose "Editable
	Fields" the administrator filled in keeps exactly that list (the workflow row decides).
	"""
	return {EDITING: APPLICATION_FIELDS | frozenset(added_fields)}


MIN_SCORE = 0
MAX_SCORE = 100
CENT = Decimal("0.01")


def locked_changes(allowed: Iterable[str], changed: Iterable[str]) -> list[str]:
	"""The changed fields that are not in `allowed`, sorted."""
	return sorted(set(changed) - set(allowed))


def validate_no_locked_changes(
	state: str | None, allowed: Iterable[str], changed: Iterable[str], labels: Mapping[str, str]
) -> None:
	locked = locked_changes(allowed, changed)
	if locked:
		raise DomainValidationError(
			_("The project is {state}: {fields} can no longer be changed."),
			state=state,
			fields=", ".join(labels.get(field, field) for field in locked),
		)


def validate_reason(required: bool, to_state: str | None, reason: str | None) -> str | None:
	"""Return the cleaned reason; refuse a missing one where the transition needs it (its
	`reason_required` box in the workflow)."""
	cleaned = (reason or "").strip() or None
	if cleaned is None and required:
		raise DomainValidationError(
			_("Give a reason for moving the project to {state}: the applicant needs to know why."),
			state=to_state,
		)
	return cleaned


def validate_not_own_project(
	user: str, applicants: Iterable[str], review: bool, self_approval_allowed: bool = True
) -> None:
	"""No one reviews, approves, returns or rejects a project they created or submitted.

	A review is any transition out of a state whose approval stage is Review (`review`), whatever the
	workflow row says; the workflow may forbid self-approval on other transitions as well
	(`self_approval_allowed=False`).
	"""
	if (review or not self_approval_allowed) and user in set(applicants):
		raise DomainValidationError(
			_("You created or submitted this project, so you cannot review it; another reviewer must.")
		)


def money(value: Decimal | float | int | str | None) -> Decimal:
	return Decimal(str(value or 0)).quantize(CENT, rounding=ROUND_HALF_UP)


def validate_budget(amounts: Iterable[Decimal | float | int | str | None]) -> Decimal:
	"""Every budget line is greater than zero and there is at least one; return the total."""
	total = Decimal(0)
	count = 0
	for row, amount in enumerate(amounts, 1):
		count += 1
		value = money(amount)
		if value <= 0:
			raise DomainValidationError(
				_("Budget line {row}: the amount must be greater than zero."), row=row
			)
		total += value
	if not count:
		raise DomainValidationError(_("Add at least one budget line: the requested amount is their sum."))
	return total


def validate_approved_amount(
	approved: Decimal | float | int | str | None, requested: Decimal | float | int | str | None
) -> None:
	"""The approved amount is never negative and never more than was requested (0 means not set yet)."""
	value, ceiling = money(approved), money(requested)
	if value < 0:
		raise DomainValidationError(_("The approved amount cannot be negative."))
	if value > ceiling:
		raise DomainValidationError(
			_("The approved amount ({approved}) cannot exceed the requested amount ({requested})."),
			approved=f"{value:,.2f}",
			requested=f"{ceiling:,.2f}",
		)


def amount_to_approve(
	approved: Decimal | float | int | str | None, requested: Decimal | float | int | str | None
) -> Decimal:
	"""On approval, an approved amount left blank (0) means the requested amount."""
	value = money(approved)
	return value if value > 0 else money(requested)


def prefilled_approved_amount(
	approved: Decimal | float | int | str | None,
	requested: Decimal | float | int | str | None,
	submitted_again: bool = False,
) -> Decimal:
	"""Under review the approved amount starts at the requested amount (blank means that amount, as its
	help says); an application sent in again after revision starts again from its new request."""
	return money(requested) if submitted_again else amount_to_approve(approved, requested)


def needs_leadership_approval(
	requested: Decimal | float | int | str | None, threshold: Decimal | float | int | str | None
) -> bool:
	"""Above the threshold in Wuse Settings a Leadership Group Member must approve as well."""
	return money(requested) > money(threshold)


def validate_period(start: date | None, end: date | None) -> None:
	if start and end and end < start:
		raise DomainValidationError(
			_("The end date ({end}) cannot be before the start date ({start})."), start=start, end=end
		)


def validate_evaluation_score(score: int | float | None) -> None:
	if score is None:
		return
	if not MIN_SCORE <= score <= MAX_SCORE:
		raise DomainValidationError(
			_("The evaluation score must be between {minimum} and {maximum}; it is {score}."),
			minimum=MIN_SCORE,
			maximum=MAX_SCORE,
			score=score,
		)


@dataclass(frozen=True)
class Milestone:
	row: int
	title: str
	due_date: date | None
	status: str | None


def validate_milestones(
	started: bool, milestones: Iterable[Milestone], start: date | None, end: date | None
) -> None:
	"""Due dates fall within the project period; progress is reported only once work has started
	(`started`: the project has left its Editing stage)."""
	for milestone in milestones:
		_validate_due_date(milestone, start, end)
		if not started:
			_validate_not_reported(milestone)


def _validate_due_date(milestone: Milestone, start: date | None, end: date | None) -> None:
	if milestone.due_date and start and end and not start <= milestone.due_date <= end:
		raise DomainValidationError(
			_("Milestone {row} ({title}): due date {due} is outside the project period {start} to {end}."),
			row=milestone.row,
			title=milestone.title,
			due=milestone.due_date,
			start=start,
			end=end,
		)


def _validate_not_reported(milestone: Milestone) -> None:
	if (milestone.status or MILESTONE_PLANNED) != MILESTONE_PLANNED:
		raise DomainValidationError(
			_("Milestone {row} ({title}): progress can be reported only once the project is in progress."),
			row=milestone.row,
			title=milestone.title,
		)


def validate_organization_can_apply(organization: str, status: str | None) -> None:
	if status and status != "Active":
		raise DomainValidationError(
			_("{organization} is {status} and cannot apply for projects."),
			organization=organization,
			status=status,
		)
