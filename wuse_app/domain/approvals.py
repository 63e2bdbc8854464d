"""What a workflow state or transition *means* for approval rules, read from configuration.

An administrator gives every state of a Workflow an approval stage and every transition its needs
(custom fields on Workflow Document State and Workflow Transition, see wuse_app.approvals.config):

- Editing: the applicant may change the application (Draft, Returned for Revision);
- Review: a decision by someone other than the applicant;
- Active: approved work under way;
- Closed: final, nothing editable.

The rules below depend on those stages and on the transition rows, never on a state's name, so a state
renamed or added in the browser keeps every rule. Framework-free; wuse_app.approvals reads the
Workflow and calls these.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from wuse_app.domain.errors import DomainValidationError, _

EDITING = "Editing"
REVIEW = "Review"
ACTIVE = "Active"
CLOSED = "Closed"
STAGES = (EDITING, REVIEW, ACTIVE, CLOSED)

ANY_ONE = "Any one"
ALL = "All"
AT_LEAST_N = "At least N"
APPROVAL_MODES = (ANY_ONE, ALL, AT_LEAST_N)


@dataclass(frozen=True)
class StateRule:
	name: str
	stage: str | None = None
	# None: the stage's default for the doctype; an empty set: nothing may change.
	editable_fields: frozenset[str] | None = None
	time_limit_hours: float = 0
	escalate_after_hours: float = 0
	escalate_to_role: str | None = None
	# Fields that must hold a value before a document may enter this state (blank: none).
	required_fields: frozenset[str] | None = None


@dataclass(frozen=True)
class TransitionRule:
	state: str
	action: str
	next_state: str
	allowed: str
	allow_self_approval: bool = False
	reason_required: bool = False
	approval_mode: str = ANY_ONE
	approvals_required: int = 0
	# 抄送: roles and users informed when the transition is taken (blank: nobody).
	cc: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Policy:
	"""The approval configuration of one workflow."""

	states: Mapping[str, StateRule] = field(default_factory=dict)
	transitions: tuple[TransitionRule, ...] = ()

	@property
	def governed(self) -> bool:
		"""Any state has an approval stage: the rules apply."""
		return any(rule.stage for rule in self.states.values())

	def stage(self, state: str | None) -> str | None:
		rule = self.states.get(state or "")
		return rule.stage if rule else None

	def states_in(self, *stages: str) -> frozenset[str]:
		return frozenset(name for name, rule in self.states.items() if rule.stage in stages)

	def is_review(self, state: str | None) -> bool:
		return self.stage(state) == REVIEW

	def is_editing(self, state: str | None) -> bool:
		return self.stage(state) == EDITING

	def editable_fields(
		self, state: str | None, stage_defaults: Mapping[str, frozenset[str]] | None = None
	) -> frozenset[str]:
		"""The fields that may change in `state`: its own list, else its stage's default, else none."""
		rule = self.states.get(state or "")
		if rule is None:
			return frozenset()
		if rule.editable_fields is not None:
			return rule.editable_fields
		return (stage_defaults or {}).get(rule.stage or "", frozenset())

	def transitions_from(self, state: str | None) -> tuple[TransitionRule, ...]:
		return tuple(t for t in self.transitions if t.state == state)

	def reason_required(
		self, from_state: str | None, to_state: str | None, action: str | None = None
	) -> bool:
		"""A transition row between the two states (the given action's, when named) asks for a reason."""
		rows = [t for t in self.transitions if t.state == from_state and t.next_state == to_state]
		if action and any(t.action == action for t in rows):
			rows = [t for t in rows if t.action == action]
		return any(t.reason_required for t in rows)

	def is_approval(self, from_state: str | None, to_state: str | None) -> bool:
		"""A review that lets the work start: Review → Active."""
		return self.stage(from_state) == REVIEW and self.stage(to_state) == ACTIVE

	def required_fields(self, state: str | None) -> frozenset[str]:
		rule = self.states.get(state or "")
		return (rule.required_fields or frozenset()) if rule else frozenset()

	def approved_state(self) -> str | None:
		"""The state an approval leads to: the first Review → Active transition's next state."""
		return next((t.next_state for t in self.transitions if self.is_approval(t.state, t.next_state)), None)

	def withdrawal_target(self, state: str | None, came_from: str | None) -> str | None:
		"""Where a withdrawal (撤回) takes a document that is in the Review state `state`.

		The Editing state it was submitted from, when it still is one; else the Editing state a
		transition out of `state` leads to (Return for Revision); else the workflow's first Editing
		state. None: `state` is no Review state, or the workflow has no Editing state.
		"""
		if not self.is_review(state):
			return None
		if self.is_editing(came_from):
			return came_from
		back = next(
			(t.next_state for t in self.transitions_from(state) if self.is_editing(t.next_state)), None
		)
		return back or next((name for name, rule in self.states.items() if rule.stage == EDITING), None)


def parse_fields(text: str | None) -> frozenset[str] | None:
	"""The fieldnames of an `editable_fields` value (comma, space or newline separated); None if blank."""
	if text is None or not text.strip():
		return None
	return frozenset(part for part in text.replace(",", " ").split() if part)


def parse_names(text: str | None) -> frozenset[str]:
	"""Role names or user IDs separated by commas or new lines (role names contain spaces)."""
	if not text:
		return frozenset()
	return frozenset(part.strip() for part in text.replace("\n", ",").split(",") if part.strip())


def validate_required_field_names(state: str, fields: Iterable[str], known: Iterable[str]) -> None:
	unknown = unknown_fields(fields, known)
	if unknown:
		raise DomainValidationError(
			_("State {state}: {fields} are not fields of the document, so they cannot be required."),
			state=state,
			fields=", ".join(unknown),
		)


def unknown_fields(fields: Iterable[str], known: Iterable[str]) -> list[str]:
	return sorted(set(fields) - set(known))


def validate_editable_fields(state: str, fields: Iterable[str], known: Iterable[str]) -> None:
	unknown = unknown_fields(fields, known)
	if unknown:
		raise DomainValidationError(
			_("State {state}: {fields} are not fields of the document, so they cannot be editable."),
			state=state,
			fields=", ".join(unknown),
		)


def applicants(owner: str | None, moves: Iterable[tuple[str, str | None]], policy: Policy) -> set[str]:
	"""The document's creator and everyone who moved it out of an Editing state.

	`moves` are (user, from_state) pairs of the trail.
	"""
	editing = policy.states_in(EDITING)
	users = {owner} if owner else set()
	users |= {user for user, from_state in moves if user and from_state in editing}
	return users


def validate_not_applicant(
	user: str,
	applicants_: Iterable[str],
	policy: Policy,
	from_state: str | None,
	self_approval_allowed: bool = True,
) -> None:
	"""No one decides on their own application.

	Every transition out of a Review state is a decision, whatever the transition's
	`allow_self_approval` says; the workflow may forbid self-approval elsewhere too.
	"""
	if (policy.is_review(from_state) or not self_approval_allowed) and user in set(applicants_):
		raise DomainValidationError(
			_("You created or submitted this document, so you cannot decide on it; another reviewer must.")
		)


def clean_reason(required: bool, to_state: str | None, reason: str | None) -> str | None:
	"""Return the cleaned reason; refuse a missing one where the transition needs it."""
	cleaned = (reason or "").strip() or None
	if cleaned is None and required:
		raise DomainValidationError(
			_("Give a reason for moving the document to {state}: the applicant needs to know why."),
			state=to_state,
		)
	return cleaned


def validate_required_fields(state: str | None, missing: Iterable[str]) -> None:
	"""`missing`: the labels of the entered state's required fields that are empty."""
	missing = list(missing)
	if missing:
		raise DomainValidationError(
			_("Fill in {fields} before moving the document to {state}."),
			fields=", ".join(missing),
			state=state,
		)


def validate_can_withdraw(
	user: str, applicants_: Iterable[str], target: str | None, decided_this_round: bool
) -> None:
	"""撤回: only an applicant, only before the first decision of the round, only to an Editing state."""
	if user not in set(applicants_):
		raise DomainValidationError(_("Only the applicant who submitted the document can withdraw it."))
	if target is None:
		raise DomainValidationError(
			_("The document is not waiting for a review, so there is nothing to withdraw.")
		)
	if decided_this_round:
		raise DomainValidationError(
			_("A reviewer has already decided on this submission, so it can no longer be withdrawn.")
		)


def validate_forward(forwarder: str, colleague: str, applicants_: Iterable[str], same_role: bool) -> None:
	"""转交: to another person, never to an applicant, who holds the role the step needs."""
	if not colleague or colleague == forwarder:
		raise DomainValidationError(_("Choose a colleague other than yourself to forward the document to."))
	if colleague in set(applicants_):
		raise DomainValidationError(
			_("{user} applied for this document, so it cannot be forwarded to them for a decision."),
			user=colleague,
		)
	if not same_role:
		# fmt: off
		raise DomainValidationError(
			_("{user} does not hold the role this step needs or cannot see the document, so it cannot be forwarded to them."),
			user=colleague,
		)
		# fmt: on


# --- 委托 (delegation) ------------------------------------------------------------------------------


def validate_delegation(delegator: str, delegate: str, start: date | None, end: date | None) -> None:
	if not delegator or not delegate or delegator == delegate:
		raise DomainValidationError(_("A delegation needs a delegate other than the delegator."))
	if not start or not end:
		raise DomainValidationError(_("Enter the first and the last day of the delegation."))
	if end < start:
		raise DomainValidationError(
			_("The delegation ends ({end}) before it starts ({start})."), start=start, end=end
		)


def delegation_active(
	today: date, start: date | None, end: date | None, doctypes: Iterable[str], doctype: str
) -> bool:
	"""A delegation holds from its first to its last day (inclusive), for the doctypes it names (none:
	every doctype); it ends by itself."""
	names = set(doctypes)
	return bool(start and end and start <= today <= end and (not names or doctype in names))


def validate_not_applicant_delegation(acting_user: str, delegator: str, applicants_: Iterable[str]) -> None:
	"""Never acting for or by the document's applicant."""
	if {acting_user, delegator} & set(applicants_):
		raise DomainValidationError(
			_("The applicant of a document cannot decide on it, neither in person nor through a delegation.")
		)


def locked_changes(allowed: Iterable[str], changed: Iterable[str]) -> list[str]:
	return sorted(set(changed) - set(allowed))


def validate_no_locked_changes(
	state: str | None, allowed: Iterable[str], changed: Iterable[str], labels: Mapping[str, str]
) -> None:
	locked = locked_changes(allowed, changed)
	if locked:
		raise DomainValidationError(
			_("The document is {state}: {fields} can no longer be changed."),
			state=state,
			fields=", ".join(labels.get(name, name) for name in locked),
		)


def renamed_states(before: Mapping[str, str], after: Mapping[str, str]) -> dict[str, str]:
	"""The states an administrator renamed in a Workflow: {old name: new name}.

	`before` and `after` map each state row's id to its state's name, before and after the save. A row
	that keeps its id and changes its name is a rename when the old name is no longer any row's and the
	new name was none's before. Anything else (a swap, a merge into a state that already existed, a
	row removed and another added) renames nothing: documents then stay where they are and Frappe's
	orphaned-state warning tells the administrator so.
	"""
	old_names, new_names = set(before.values()), set(after.values())
	return {
		before[row]: new
		for row, new in after.items()
		if before.get(row)
		and new
		and before[row] != new
		and before[row] not in new_names
		and new not in old_names
	}
