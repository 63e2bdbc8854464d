"""Micro-venture philanthropy contests (微创投 / 公益创投): rubric, eligibility, scores, ranking, budget line.

A call (创投/大赛) has a budget pool, a per-project ceiling and a scoring rubric whose weights sum to 100.
Each judge gives every criterion a score from 0 to 100; the judge's total is the weighted mean
(Σ score × weight / 100, so also 0–100). A proposal's final score is the trimmed mean of its judges'
totals: with 5 or more judges the highest and the lowest total are dropped, otherwise the plain mean.

Proposals are ranked by final score; equal scores are ordered by the tie rule the call states (then by
earlier submission, then by name, so the order is always total and reproducible). The budget line is
drawn where the pool runs out: going down the ranking, each proposal at or above the call's minimum
score is funded with its requested amount while that fits in what is left of the pool; the first one that
does not fit draws the line, and nothing below the line is funded (a later, cheaper proposal does not
jump the line). No award ever exceeds the remaining pool.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from wuse_app.domain.charity import format_yuan, money
from wuse_app.domain.errors import DomainValidationError, _

# The phases of a call. The call's `status` field holds them; the default workflow sets it through each
# state's "Update Field"/"Update Value", so an administrator may rename or add workflow states freely:
# the server acts on the phase a state sets, never on the state's name.
DRAFT = "Draft"
OPEN = "Accepting Proposals"
JUDGING = "Judging"
PENDING_CONFIRMATION = "Ranking to Confirm"
AWARDED = "Awarded"
CLOSED = "Closed"
PHASES: tuple[str, ...] = (DRAFT, OPEN, JUDGING, PENDING_CONFIRMATION, AWARDED, CLOSED)
# Phases in which the pool is reserved in the fund (published and not yet closed).
RESERVING_PHASES = frozenset({OPEN, JUDGING, PENDING_CONFIRMATION, AWARDED})

# Tie rules a call may state.
TIE_LOWER_AMOUNT = "Lower requested amount first"
TIE_EARLIER_SUBMISSION = "Earlier submission first"
TIE_FIRST_CRITERION = "Higher score on the first criterion"
TIE_RULES: tuple[str, ...] = (TIE_LOWER_AMOUNT, TIE_EARLIER_SUBMISSION, TIE_FIRST_CRITERION)

# Proposal statuses.
SUBMITTED = "Submitted"
WITHDRAWN = "Withdrawn"
AWARDED_PROPOSAL = "Awarded"
NOT_AWARDED = "Not Awarded"

# Why a ranked proposal is not funded.
BELOW_MINIMUM = "below_minimum"
BELOW_LINE = "below_line"

# Judge assignment statuses.
ASSIGNED = "Assigned"
CONFLICT = "Conflict of Interest"
SCORED = "Submitted"

TRIM_FROM = 5  # judges from which the highest and lowest totals are dropped
MAX_SCORE = Decimal(100)
_2 = Decimal("0.01")
ZERO = Decimal("0.00")


def _dec(value: Decimal | float | int | str | None) -> Decimal:
	return Decimal(str(value if value not in (None, "") else 0))


# --- rubric ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Criterion:
	name: str
	weight: Decimal | float | int | str


def validate_rubric(criteria: Iterable[Criterion]) -> list[Criterion]:
	"""At least one criterion; names given and unique; each weight above 0; weights sum to exactly 100."""
	rows = list(criteria)
	if not rows:
		raise DomainValidationError(_("The scoring rubric needs at least one criterion."))
	seen: set[str] = set()
	total = Decimal(0)
	for number, row in enumerate(rows, start=1):
		name = (row.name or "").strip()
		if not name:
			raise DomainValidationError(_("Rubric row {row}: enter the criterion."), row=number)
		if name in seen:
			raise DomainValidationError(_("The criterion “{criterion}” is listed twice."), criterion=name)
		seen.add(name)
		weight = _dec(row.weight)
		if weight <= 0:
			raise DomainValidationError(
				_("Rubric row {row} ({criterion}): the weight must be more than 0."),
				row=number,
				criterion=name,
			)
		total += weight
	if total != 100:
		raise DomainValidationError(
			_("The weights of the scoring rubric must add up to 100; they add up to {total}."),
			total=f"{total.normalize():f}",
		)
	return rows


def weighted_total(
	criteria: Sequence[Criterion], scores: Mapping[str, Decimal | float | int | str | None]
) -> Decimal:
	"""A judge's total: Σ score × weight / 100, every criterion scored from 0 to 100."""
	total = Decimal(0)
	for criterion in criteria:
		if criterion.name not in scores or scores[criterion.name] in (None, ""):
			raise DomainValidationError(
				_("Score the criterion “{criterion}” before submitting."), criterion=criterion.name
			)
		score = _dec(scores[criterion.name])
		if not 0 <= score <= MAX_SCORE:
			raise DomainValidationError(
				_("The score for “{criterion}” must be between 0 and 100; it is {score}."),
				criterion=criterion.name,
				score=f"{score.normalize():f}",
			)
		total += score * _dec(criterion.weight)
	extra = set(scores) - {c.name for c in criteria}
	if extra:
		raise DomainValidationError(
			_("“{criterion}” is not a criterion of this call's rubric."), criterion=sorted(extra)[0]
		)
	return (total / 100).quantize(_2, rounding=ROUND_HALF_UP)


def trimmed_mean(totals: Iterable[Decimal | float | int | str]) -> Decimal:
	"""The final score: with 5 or more judges drop the highest and the lowest total, then the mean."""
	values = sorted(_dec(v) for v in totals)
	if not values:
		raise DomainValidationError(_("No judge has submitted a score for this proposal yet."))
	if len(values) >= TRIM_FROM:
		values = values[1:-1]
	return (sum(values, Decimal(0)) / len(values)).quantize(_2, rounding=ROUND_HALF_UP)


# --- the call -------------------------------------------------------------------------------------------


def validate_call_amounts(
	pool: Decimal | float | int | str | None, ceiling: Decimal | float | int | str | None
) -> None:
	pool_value, ceiling_value = money(pool), money(ceiling)
	if pool_value <= 0:
		raise DomainValidationError(_("The budget pool must be more than 0 yuan."))
	if ceiling_value <= 0:
		raise DomainValidationError(_("The ceiling per project must be more than 0 yuan."))
	if ceiling_value > pool_value:
		raise DomainValidationError(
			_("The ceiling per project ({ceiling} yuan) cannot be more than the budget pool ({pool} yuan)."),
			ceiling=format_yuan(ceiling_value),
			pool=format_yuan(pool_value),
		)


def validate_call_dates(submission_deadline: datetime | None, judging_end, announcement) -> None:
	"""Submission deadline ≤ end of judging ≤ announcement (each when given)."""
	deadline_day = submission_deadline.date() if submission_deadline else None
	if deadline_day and judging_end and judging_end < deadline_day:
		raise DomainValidationError(_("Judging cannot end before the submission deadline."))
	if judging_end and announcement and announcement < judging_end:
		raise DomainValidationError(_("The results cannot be announced before judging ends."))


def validate_judges_per_proposal(count: int | None) -> None:
	if not count or int(count) < 1:
		raise DomainValidationError(_("At least one judge must score each proposal."))


def check_pool_available(fund: str, available: Decimal, pool: Decimal | float | int | str) -> None:
	"""Publishing reserves the pool: the fund's available money must cover it."""
	pool_value = money(pool)
	if pool_value > available:
		# fmt: off
		raise DomainValidationError(
			_("Fund {fund} has {available} yuan available, less than the budget pool of {pool} yuan: the call cannot be published."),
			fund=fund,
			available=format_yuan(max(available, ZERO)),
			pool=format_yuan(pool_value),
		)
		# fmt: on


def check_award_fits(
	call: str, reserved: Decimal | float | int | str, amount: Decimal | float | int | str
) -> None:
	"""An award comes out of what is still reserved for the call, never more."""
	left, value = money(reserved), money(amount)
	if value > left:
		raise DomainValidationError(
			_("Call {call} has {left} yuan left in its pool; an award of {amount} yuan does not fit."),
			call=call,
			left=format_yuan(left),
			amount=format_yuan(value),
		)


# --- proposals ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Eligibility:
	organization_types: frozenset[str]
	"""Empty: every type."""
	registration_statuses: frozenset[str]
	"""Empty: every status."""
	require_active: bool = True


def check_eligible(
	organization: str,
	rule: Eligibility,
	organization_type: str | None,
	registration_status: str | None,
	status: str | None,
) -> None:
	if rule.require_active and status != "Active":
		raise DomainValidationError(
			_("{organization} is not active, so it cannot take part in this call."), organization=organization
		)
	if rule.organization_types and organization_type not in rule.organization_types:
		raise DomainValidationError(
			_("This call is open to {types} only; {organization} is a {type}."),
			types=" / ".join(sorted(rule.organization_types)),
			organization=organization,
			type=organization_type or "—",
		)
	if rule.registration_statuses and registration_status not in rule.registration_statuses:
		raise DomainValidationError(
			_("This call is open to organisations that are {statuses}; {organization} is {status}."),
			statuses=" / ".join(sorted(rule.registration_statuses)),
			organization=organization,
			status=registration_status or "—",
		)


def check_submission_open(phase: str | None, now: datetime, deadline: datetime | None) -> None:
	"""Proposals are sent, changed and withdrawn only while the call is open and before its deadline."""
	if phase != OPEN:
		raise DomainValidationError(_("The call is not open for proposals."))
	if deadline and now > deadline:
		# fmt: off
		raise DomainValidationError(
			_("The submission deadline ({deadline}) has passed: proposals can no longer be sent, changed or withdrawn."),
			deadline=deadline.strftime("%Y-%m-%d %H:%M"),
		)
		# fmt: on


def check_proposal_count(organization: str, existing: int, allow_multiple: bool) -> None:
	if existing and not allow_multiple:
		raise DomainValidationError(
			_("{organization} has already sent a proposal to this call, which takes one per organisation."),
			organization=organization,
		)


def check_requested_amount(
	amount: Decimal | float | int | str | None, ceiling: Decimal | float | int | str
) -> None:
	value, limit = money(amount), money(ceiling)
	if value <= 0:
		raise DomainValidationError(_("Add the budget lines: the requested amount must be more than 0 yuan."))
	if value > limit:
		# fmt: off
		raise DomainValidationError(
			_("The requested amount ({amount} yuan) is above the call's ceiling of {ceiling} yuan per project."),
			amount=format_yuan(value),
			ceiling=format_yuan(limit),
		)
		# fmt: on


def missing_scores(submitted: Mapping[str, int], required: int) -> list[str]:
	"""Proposals with fewer submitted scores than the call requires (sorted)."""
	return sorted(name for name, count in submitted.items() if count < required)


# --- ranking --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
	name: str
	final_score: Decimal | float | int | str
	requested: Decimal | float | int | str
	submitted_at: datetime
	first_criterion: Decimal | float | int | str = 0
	"""Mean score of the rubric's first criterion (for the tie rule that uses it)."""


@dataclass(frozen=True)
class Ranked:
	name: str
	rank: int
	final_score: Decimal
	requested: Decimal
	funded: bool
	award: Decimal
	reason: str | None
	"""None when funded; BELOW_MINIMUM or BELOW_LINE otherwise."""


def _sort_key(entry: Entry, tie_rule: str) -> tuple:
	score = -_dec(entry.final_score)
	tail = (entry.submitted_at, entry.name)
	if tie_rule == TIE_LOWER_AMOUNT:
		return (score, money(entry.requested), *tail)
	if tie_rule == TIE_EARLIER_SUBMISSION:
		return (score, *tail)
	if tie_rule == TIE_FIRST_CRITERION:
		return (score, -_dec(entry.first_criterion), *tail)
	raise DomainValidationError(
		_("Unknown tie rule “{rule}”. Choose one of: {choices}."),
		rule=tie_rule or "",
		choices=", ".join(TIE_RULES),
	)


def rank(
	entries: Iterable[Entry],
	pool: Decimal | float | int | str,
	tie_rule: str,
	minimum_score: Decimal | float | int | str | None = None,
) -> list[Ranked]:
	"""Order by final score (ties by `tie_rule`) and draw the budget line where the pool runs out."""
	ordered = sorted(entries, key=lambda e: _sort_key(e, tie_rule))
	left = money(pool)
	minimum = _dec(minimum_score)
	line_drawn = False
	result: list[Ranked] = []
	for position, entry in enumerate(ordered, start=1):
		score, requested = _dec(entry.final_score), money(entry.requested)
		if score < minimum:
			reason = BELOW_MINIMUM
		elif line_drawn or requested > left:
			line_drawn = True
			reason = BELOW_LINE
		else:
			reason = None
			left -= requested
		result.append(
			Ranked(
				name=entry.name,
				rank=position,
				final_score=score,
				requested=requested,
				funded=reason is None,
				award=requested if reason is None else ZERO,
				reason=reason,
			)
		)
	return result


def total_awarded(ranking: Iterable[Ranked]) -> Decimal:
	return sum((r.award for r in ranking), ZERO)
