"""Rules of the 联动 loop: residents' needs, the resources offered for them, matching and feedback.

Source: the seed's section 三(三) (需求清单、资源清单、项目清单; 精准对接) and 三(六) (分类分责).

A need's *status* is a fixed code set by the workflow (each workflow state's "update field" writes
it), so an administrator may rename, add or remove workflow states: the rules below read the code,
never a state name.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from statistics import median

from wuse_app.domain.errors import DomainValidationError, _

# --- need status codes (set by the workflow's update_field) ----------------------------------------
OPEN = "Open"
ASSIGNED = "Assigned"
MATCHED = "Matched"
IN_SERVICE = "In Service"
RESOLVED = "Resolved"
CLOSED = "Closed"
REFERRED = "Referred"
DECLINED = "Declined"
NEED_STATUSES: tuple[str, ...] = (OPEN, ASSIGNED, MATCHED, IN_SERVICE, RESOLVED, CLOSED, REFERRED, DECLINED)
# Statuses a need may only reach with a reason (why it was referred out or declined).
REASON_STATUSES = frozenset({REFERRED, DECLINED})
# Waiting for an answer: the response deadline runs.
WAITING_STATUSES = frozenset({OPEN})
# Not yet served: may get resources matched or go into a project.
ACTIONABLE_STATUSES = frozenset({OPEN, ASSIGNED, MATCHED})
FINISHED_STATUSES = frozenset({RESOLVED, CLOSED, REFERRED, DECLINED})
# The resident may rate the service once the need is resolved (or closed after resolving).
FEEDBACK_STATUSES = frozenset({RESOLVED, CLOSED})

# Default response time per urgency, in hours (Wuse Settings rows; an administrator may change them).
DEFAULT_URGENCY_HOURS: tuple[tuple[str, float], ...] = (
	("Urgent", 24),
	("High", 72),
	("Normal", 7 * 24),
	("Low", 30 * 24),
)
# Default sources of a need (a master list; an administrator may add more).
DEFAULT_NEED_SOURCES: tuple[str, ...] = (
	"Resident Portal",
	"Visit",
	"Walk-in Consultation",
	"Community Consultation",  # raised from an agenda item of a 议事协商 (wuse_app/linkage/sources.py)
	"Hotline",
	"Survey",
	"Staff",
)
PORTAL_SOURCE = "Resident Portal"

# Who offers a resource; who is responsible for a need (分类分责).
PROVIDER_TYPES: tuple[str, ...] = (
	"Social Organization",
	"Volunteer",
	"Donor",
	"Community Facility",
	"Enterprise",
)
CAPACITY_UNITS: tuple[str, ...] = ("People", "Hours", "Money", "Items")

MIN_RATING, MAX_RATING = 1, 5


# --- needs -------------------------------------------------------------------------------------------


def validate_urgency_levels(levels: Iterable[tuple[str | None, float | int | None]]) -> dict[str, float]:
	"""The urgency table of Wuse Settings: named, each once, a positive number of hours."""
	result: dict[str, float] = {}
	for name, hours in levels:
		name = (name or "").strip()
		if not name:
			raise DomainValidationError(_("Every urgency level needs a name."))
		if name in result:
			raise DomainValidationError(_("The urgency level {urgency} is listed twice."), urgency=name)
		if hours is None or float(hours) <= 0:
			raise DomainValidationError(
				_("The response time of urgency level {urgency} must be more than 0 hours."), urgency=name
			)
		result[name] = float(hours)
	if not result:
		raise DomainValidationError(_("Keep at least one urgency level."))
	return result


def validate_default_urgency(urgency: str | None, levels: Mapping[str, float]) -> None:
	if urgency not in levels:
		raise DomainValidationError(
			_("The urgency of needs submitted in the portal must be one of the urgency levels: {levels}."),
			levels=", ".join(levels),
		)


def response_deadline(
	reported_at: datetime, urgency: str | None, hours_by_urgency: Mapping[str, float]
) -> datetime:
	"""When the need must have had an answer: the report time plus the urgency's response time."""
	if not urgency:
		raise DomainValidationError(_("Choose the urgency of the need."))
	if urgency not in hours_by_urgency:
		raise DomainValidationError(
			_("“{urgency}” is not an urgency level; choose one of: {levels}."),
			urgency=urgency,
			levels=", ".join(hours_by_urgency),
		)
	return reported_at + timedelta(hours=float(hours_by_urgency[urgency]))


def is_overdue(status: str | None, deadline: datetime | None, now: datetime) -> bool:
	"""A need still waiting for an answer after its deadline."""
	return bool(deadline) and status in WAITING_STATUSES and now > deadline


def validate_people_affected(people: int | None) -> int:
	count = int(people or 0)
	if count < 1:
		raise DomainValidationError(_("At least one person must be affected by the need."))
	return count


def validate_reason(status: str | None, reason: str | None) -> str | None:
	"""Referring a need out or declining it needs a reason the resident can be told."""
	cleaned = (reason or "").strip() or None
	if status in REASON_STATUSES and cleaned is None:
		raise DomainValidationError(
			_("Give the reason why the need is {status}: the resident needs to know why."), status=status
		)
	return cleaned


def validate_feedback(status: str | None, rating: int | None, comment: str | None) -> tuple[int, str]:
	"""满意度 1–5, only once the need has been resolved."""
	if status not in FEEDBACK_STATUSES:
		raise DomainValidationError(_("Feedback can be given once the need has been resolved."))
	if rating is None or not MIN_RATING <= int(rating) <= MAX_RATING:
		raise DomainValidationError(
			_("Rate the service from {low} to {high}."), low=MIN_RATING, high=MAX_RATING
		)
	return int(rating), (comment or "").strip()


# --- resources and capacity --------------------------------------------------------------------------


def _decimal(value: float | int | Decimal | str | None) -> Decimal:
	return Decimal(str(value or 0))


def _number(value: Decimal) -> str:
	"""12.50 → "12.5", 10 → "10" (never "1E+1")."""
	text = format(value.normalize(), "f")
	return text.rstrip("0").rstrip(".") if "." in text else text


def validate_capacity(capacity: float | int | Decimal | None) -> Decimal:
	value = _decimal(capacity)
	if value <= 0:
		raise DomainValidationError(_("The capacity of a resource must be more than 0."))
	return value


def validate_availability(available_from: date | None, available_to: date | None) -> None:
	if available_from and available_to and available_to < available_from:
		raise DomainValidationError(
			_("The resource cannot be available until a day before it is available from.")
		)


def parse_weekdays(text: str | None) -> frozenset[int]:
	""" "1,3,5" (Monday = 1 … Sunday = 7; also 、，and spaces) → {0, 2, 4} (Python weekdays); "" → any day."""
	days = set()
	for part in (text or "").replace("、", ",").replace("，", ",").replace(" ", ",").split(","):
		part = part.strip()
		if not part:
			continue
		if not part.isdigit() or not 1 <= int(part) <= 7:
			raise DomainValidationError(
				_("Weekdays are numbers from 1 (Monday) to 7 (Sunday), e.g. 1,3,5; “{value}” is not one."),
				value=part,
			)
		days.add(int(part) - 1)
	return frozenset(days)


def format_weekdays(days: Iterable[int]) -> str:
	return ",".join(str(day + 1) for day in sorted(days))


def serves(category: str, community: str, categories: Iterable[str], communities: Iterable[str]) -> bool:
	"""A resource offers the category and covers the community (no communities: the whole sub-district)."""
	covered = set(communities)
	return category in set(categories) and (not covered or community in covered)


def remaining_capacity(
	capacity: float | int | Decimal | None, committed: float | int | Decimal | None
) -> Decimal:
	"""What is left of a resource after what is committed to needs; never below zero."""
	left = _decimal(capacity) - _decimal(committed)
	if left < 0:
		raise DomainValidationError(
			_("The capacity ({capacity}) cannot be less than what is already committed ({committed})."),
			capacity=_number(_decimal(capacity)),
			committed=_number(_decimal(committed)),
		)
	return left


def validate_commitment(
	quantity: float | int | Decimal | None, remaining: float | int | Decimal | None
) -> Decimal:
	"""A match commits part of what is left of the resource, never more."""
	wanted = _decimal(quantity)
	left = _decimal(remaining)
	if wanted <= 0:
		raise DomainValidationError(_("The quantity committed must be more than 0."))
	if wanted > left:
		raise DomainValidationError(
			_("Only {remaining} is left of this resource; {quantity} cannot be committed."),
			remaining=_number(left),
			quantity=_number(wanted),
		)
	return wanted


# --- matching ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NeedFacts:
	category: str
	community: str
	people_affected: int = 1
	on: date | None = None  # the day the service is wanted (default: today)


@dataclass(frozen=True)
class ResourceFacts:
	name: str
	categories: frozenset[str]
	communities: frozenset[str]  # empty: the whole sub-district
	remaining: Decimal
	available_from: date | None = None
	available_to: date | None = None
	weekdays: frozenset[int] = frozenset()  # 0 = Monday; empty: any day
	average_rating: float | None = None
	rating_count: int = 0


@dataclass(frozen=True)
class Reason:
	"""Why a resource is suggested (an English template; the Frappe layer translates it)."""

	message: str
	params: Mapping[str, object] = field(default_factory=dict, hash=False)

	def render(self, translate=None) -> str:
		template = (translate or (lambda s: s))(self.message)
		try:
			return template.format(**self.params)
		except (KeyError, IndexError, ValueError):
			return self.message.format(**self.params)


@dataclass(frozen=True)
class Suggestion:
	resource: str
	score: float
	reasons: tuple[Reason, ...]


WEIGHT_CATEGORY = 40.0
WEIGHT_OWN_COMMUNITY = 25.0
WEIGHT_SUBDISTRICT = 15.0
WEIGHT_CAPACITY = 15.0
WEIGHT_AVAILABLE_TODAY = 10.0
WEIGHT_FEEDBACK = 10.0


def is_candidate(need: NeedFacts, resource: ResourceFacts, today: date) -> bool:
	"""A resource can serve the need at all: its category, covering the community, capacity left, not expired."""
	if not serves(need.category, need.community, resource.categories, resource.communities):
		return False
	if resource.remaining <= 0:
		return False
	day = need.on or today
	return not (resource.available_to and resource.available_to < day)


def score(need: NeedFacts, resource: ResourceFacts, today: date) -> Suggestion | None:
	"""Rank one resource for a need, with the reasons shown to staff; None when it cannot serve it."""
	if not is_candidate(need, resource, today):
		return None
	points = WEIGHT_CATEGORY
	reasons = [Reason(_("Offers {category}"), {"category": need.category})]
	if need.community in resource.communities:
		points += WEIGHT_OWN_COMMUNITY
		reasons.append(Reason(_("Serves {community}"), {"community": need.community}))
	else:
		points += WEIGHT_SUBDISTRICT
		reasons.append(Reason(_("Serves the whole sub-district")))
	enough = resource.remaining >= need.people_affected
	points += (
		WEIGHT_CAPACITY
		if enough
		else WEIGHT_CAPACITY * float(resource.remaining) / max(need.people_affected, 1)
	)
	reasons.append(Reason(_("{remaining} left"), {"remaining": _number(resource.remaining)}))
	day = need.on or today
	available = (not resource.available_from or resource.available_from <= day) and (
		not resource.weekdays or day.weekday() in resource.weekdays
	)
	if available:
		points += WEIGHT_AVAILABLE_TODAY
		reasons.append(Reason(_("Available now")))
	elif resource.available_from and resource.available_from > day:
		reasons.append(Reason(_("Available from {date}"), {"date": resource.available_from.isoformat()}))
	else:
		reasons.append(Reason(_("Available on other weekdays")))
	if resource.rating_count:
		rating = float(resource.average_rating or 0)
		points += WEIGHT_FEEDBACK * rating / MAX_RATING
		reasons.append(
			Reason(
				_("Residents rated the provider {rating} of 5 ({count} ratings)"),
				{"rating": f"{rating:.1f}", "count": resource.rating_count},
			)
		)
	return Suggestion(resource.name, round(points, 2), tuple(reasons))


def rank(
	need: NeedFacts, resources: Iterable[ResourceFacts], today: date, limit: int = 10
) -> list[Suggestion]:
	"""The best `limit` resources for a need, best first (ties: by name, for a stable order)."""
	suggestions = [s for s in (score(need, r, today) for r in resources) if s is not None]
	suggestions.sort(key=lambda s: (-s.score, s.resource))
	return suggestions[:limit]


# --- needs → projects --------------------------------------------------------------------------------


@dataclass(frozen=True)
class NeedSummary:
	name: str
	community: str
	category: str
	status: str
	people_affected: int
	description: str
	project: str | None = None


@dataclass(frozen=True)
class ProjectDraft:
	community: str
	category: str
	people_affected: int
	description: str
	needs: tuple[str, ...]


def draft_project(needs: Sequence[NeedSummary]) -> ProjectDraft:
	"""Needs of one community and category, none served nor in a project yet, become one project draft."""
	if not needs:
		raise DomainValidationError(_("Select at least one need."))
	communities = {n.community for n in needs}
	categories = {n.category for n in needs}
	if len(communities) > 1 or len(categories) > 1:
		raise DomainValidationError(
			_("Choose needs of one community and one category (now: {communities}; {categories})."),
			communities=", ".join(sorted(communities)),
			categories=", ".join(sorted(categories)),
		)
	for need in needs:
		if need.project:
			raise DomainValidationError(
				_("Need {need} is already answered by project {project}."),
				need=need.name,
				project=need.project,
			)
		if need.status not in ACTIONABLE_STATUSES:
			raise DomainValidationError(
				_("Need {need} is {status}; only needs not yet served can go into a project."),
				need=need.name,
				status=need.status,
			)
	description = "\n".join(f"{n.name}: {n.description.strip()}" for n in needs if n.description)
	return ProjectDraft(
		community=needs[0].community,
		category=needs[0].category,
		people_affected=sum(max(int(n.people_affected or 0), 0) for n in needs),
		description=description,
		needs=tuple(n.name for n in needs),
	)


# --- reports -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NeedRecord:
	community: str
	category: str
	status: str
	reported_on: datetime | None
	response_deadline: datetime | None
	resolved_on: datetime | None
	satisfaction: int | None


@dataclass
class NeedsRow:
	community: str
	category: str
	total: int = 0
	open: int = 0
	matched: int = 0
	resolved: int = 0
	overdue: int = 0
	median_days_to_resolve: float | None = None
	satisfaction: float | None = None


def summarise_needs(needs: Iterable[NeedRecord], now: datetime) -> list[NeedsRow]:
	"""One row per community × category (sorted), with the counts and medians of the needs report."""
	rows: dict[tuple[str, str], NeedsRow] = {}
	days: dict[tuple[str, str], list[float]] = {}
	ratings: dict[tuple[str, str], list[int]] = {}
	for need in needs:
		key = (need.community, need.category)
		row = rows.setdefault(key, NeedsRow(*key))
		row.total += 1
		if need.status in WAITING_STATUSES or need.status == ASSIGNED:
			row.open += 1
		elif need.status in (MATCHED, IN_SERVICE):
			row.matched += 1
		elif need.status in (RESOLVED, CLOSED):
			row.resolved += 1
			if need.resolved_on and need.reported_on:
				days.setdefault(key, []).append((need.resolved_on - need.reported_on).total_seconds() / 86400)
		if is_overdue(need.status, need.response_deadline, now):
			row.overdue += 1
		if need.satisfaction:
			ratings.setdefault(key, []).append(int(need.satisfaction))
	for key, row in rows.items():
		if days.get(key):
			row.median_days_to_resolve = round(median(days[key]), 1)
		if ratings.get(key):
			row.satisfaction = round(sum(ratings[key]) / len(ratings[key]), 1)
	return [rows[key] for key in sorted(rows)]


@dataclass(frozen=True)
class ResourceRecord:
	"""An active resource as the supply reports see it."""

	name: str
	community: str  # the provider's (home) community
	categories: frozenset[str]
	communities: frozenset[str]  # covered communities; empty: the whole sub-district
	committed: Decimal
	remaining: Decimal


@dataclass
class SupplyRow:
	community: str
	category: str
	resources: int = 0  # active resources of the community offering the category
	with_capacity_left: int = 0
	unmatched: int = 0  # nothing ever committed to a need
	waiting_needs: int = 0  # needs of the community and category not yet served
	servable_by: int = 0  # active resources with capacity left that serve the cell (from any community)
	gap: bool = False  # needs wait and no resource with capacity left serves them


def is_unmatched(resource: ResourceRecord) -> bool:
	"""An active resource nothing has been committed from (cancelled matches give their share back)."""
	return _decimal(resource.committed) <= 0


def summarise_supply(
	resources: Iterable[ResourceRecord], waiting_needs: Iterable[tuple[str, str]]
) -> list[SupplyRow]:
	"""One row per community × category where a resource is offered or a need waits (sorted): supply
	against demand, with the cells where residents wait and no resource with capacity left can serve."""
	resources = list(resources)
	rows: dict[tuple[str, str], SupplyRow] = {}
	for resource in resources:
		for category in resource.categories:
			row = rows.setdefault((resource.community, category), SupplyRow(resource.community, category))
			row.resources += 1
			row.with_capacity_left += int(_decimal(resource.remaining) > 0)
			row.unmatched += int(is_unmatched(resource))
	for community, category in waiting_needs:
		rows.setdefault((community, category), SupplyRow(community, category)).waiting_needs += 1
	for (community, category), row in rows.items():
		row.servable_by = sum(
			1
			for r in resources
			if _decimal(r.remaining) > 0 and serves(category, community, r.categories, r.communities)
		)
		row.gap = row.waiting_needs > 0 and row.servable_by == 0
	return [rows[key] for key in sorted(rows)]


def servable_needs(resource: ResourceRecord, waiting_needs: Iterable[tuple[str, str]]) -> int:
	"""How many waiting needs (community, category) the resource could serve."""
	return sum(
		1
		for community, category in waiting_needs
		if serves(category, community, resource.categories, resource.communities)
	)


# --- emergency mode (应急, seed 三(六): 在应急状态下由社区"两委"统筹调配辖区各类资源和力量) ----------------

EMERGENCY_ACTIVE = "Active"
EMERGENCY_ENDED = "Ended"
# A volunteer's answer to an emergency dispatch (in the portal).
DISPATCH_NOTIFIED = "Notified"
DISPATCH_ACCEPTED = "Accepted"
DISPATCH_DECLINED = "Declined"
DISPATCH_RESPONSES = (DISPATCH_ACCEPTED, DISPATCH_DECLINED)
# Resources assigned in an emergency skip the usual matching checks; they are reviewed afterwards.
REVIEW_PENDING = "Pending Review"
REVIEW_DONE = "Reviewed"


def validate_emergency_start(
	communities: Sequence[str],
	reason: str | None,
	scope: Iterable[str] | None,
	active: Mapping[str, str],
) -> tuple[str, ...]:
	"""Switching emergency mode on: at least one community, each once, all in the caller's scope (None:
	the whole sub-district), none already in another active emergency, and a reason."""
	names = tuple(dict.fromkeys(c for c in communities if c))
	if not names:
		raise DomainValidationError(_("List the communities the emergency covers."))
	if not (reason or "").strip():
		raise DomainValidationError(_("Give the reason for switching emergency mode on."))
	if scope is not None:
		allowed = set(scope)
		outside = [c for c in names if c not in allowed]
		if outside:
			raise DomainValidationError(
				_("You can declare an emergency only for your own communities, not for {communities}."),
				communities=", ".join(outside),
			)
	for community in names:
		if active.get(community):
			raise DomainValidationError(
				_("{community} is already in emergency {emergency}; end it first."),
				community=community,
				emergency=active[community],
			)
	return names


def validate_emergency_end(status: str | None, reason: str | None) -> str:
	if status != EMERGENCY_ACTIVE:
		raise DomainValidationError(_("The emergency has already ended."))
	cleaned = (reason or "").strip()
	if not cleaned:
		raise DomainValidationError(_("Give the reason for ending emergency mode."))
	return cleaned


def ensure_emergency_active(status: str | None) -> None:
	if status != EMERGENCY_ACTIVE:
		raise DomainValidationError(_("The emergency has ended; nothing more can be dispatched in it."))


def validate_dispatch_response(status: str | None, response: str | None, note: str | None) -> str:
	"""A volunteer accepts or declines a dispatch once; declining asks why (the 两委 must plan without them)."""
	if response not in DISPATCH_RESPONSES:
		raise DomainValidationError(_("Answer the dispatch with Accepted or Declined."))
	if status != DISPATCH_NOTIFIED:
		raise DomainValidationError(_("You have already answered this dispatch ({status})."), status=status)
	cleaned = (note or "").strip()
	if response == DISPATCH_DECLINED and not cleaned:
		raise DomainValidationError(_("Say briefly why you cannot come."))
	return cleaned


def validate_review(review_status: str | None, assigned_by: str | None, reviewer: str) -> None:
	"""An emergency assignment is reviewed afterwards, once, by someone other than who made it."""
	if review_status != REVIEW_PENDING:
		raise DomainValidationError(_("This assignment is not waiting for a review."))
	if assigned_by and assigned_by == reviewer:
		raise DomainValidationError(
			_("An emergency assignment is reviewed by someone other than who made it.")
		)


@dataclass
class EmergencySummary:
	"""What was done while emergency mode was on (the report when it ends)."""

	needs: int = 0
	needs_resolved: int = 0
	volunteers_notified: int = 0
	volunteers_accepted: int = 0
	volunteers_declined: int = 0
	assignments: int = 0
	assignments_pending_review: int = 0
	quantities: dict[str, Decimal] = field(default_factory=dict)  # unit -> quantity assigned

	def lines(self) -> list[Reason]:
		lines = [
			Reason(
				_("Needs reported in emergency mode: {needs}, of which resolved: {resolved}"),
				{"needs": self.needs, "resolved": self.needs_resolved},
			),
			Reason(
				_("Volunteers notified: {notified}; accepted: {accepted}; declined: {declined}"),
				{
					"notified": self.volunteers_notified,
					"accepted": self.volunteers_accepted,
					"declined": self.volunteers_declined,
				},
			),
			Reason(
				_("Resources assigned: {count}; waiting for review: {pending}"),
				{"count": self.assignments, "pending": self.assignments_pending_review},
			),
		]
		for unit in sorted(self.quantities):
			lines.append(
				Reason(
					_("Assigned {quantity} ({unit})"),
					{"quantity": _number(self.quantities[unit]), "unit": unit},
				)
			)
		return lines


def summarise_emergency(
	needs: Iterable[str], dispatches: Iterable[str], assignments: Iterable[tuple[str, float, str | None]]
) -> EmergencySummary:
	"""needs: their status codes; dispatches: their statuses; assignments: (unit, quantity, review status)."""
	summary = EmergencySummary()
	for status in needs:
		summary.needs += 1
		summary.needs_resolved += status in (RESOLVED, CLOSED)
	for status in dispatches:
		summary.volunteers_notified += 1
		summary.volunteers_accepted += status == DISPATCH_ACCEPTED
		summary.volunteers_declined += status == DISPATCH_DECLINED
	for unit, quantity, review in assignments:
		summary.assignments += 1
		summary.assignments_pending_review += review == REVIEW_PENDING
		summary.quantities[unit or ""] = summary.quantities.get(unit or "", Decimal(0)) + _decimal(quantity)
	return summary
