"""The approval side of service projects: who may act, which transition a save makes, the trail.

`get_approval_trail` is the one helper print formats use (exposed to Jinja through the `jinja` hook).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import frappe
from frappe import _
from frappe.model.workflow import get_workflow_name, is_transition_condition_satisfied
from frappe.utils import format_datetime, get_fullname

from wuse_app.domain.errors import DomainValidationError
from wuse_app.domain.projects import APPLICATION_STATES, REVIEW_STATES
from wuse_app.utils.validation import throw

if TYPE_CHECKING:
	from frappe.model.document import Document
	from frappe.workflow.doctype.workflow.workflow import Workflow

DOCTYPE = "Service Project"
LOG_DOCTYPE = "Project Approval Log"


class ProjectChangedError(frappe.TimestampMismatchError):
	"""Someone else changed the project (usually: another reviewer acted) after this user loaded it."""


class SelfReviewError(frappe.ValidationError):
	pass


class ReasonRequiredError(frappe.ValidationError):
	pass


class LockedFieldError(frappe.ValidationError):
	pass


@contextmanager
def rule(title: str | None = None, exc: type[Exception] = frappe.ValidationError) -> Iterator[None]:
	"""Domain rule violations become translated messages (state names and labels translated too)."""
	try:
		yield
	except DomainValidationError as error:
		error.params = {k: _(v) if isinstance(v, str) else v for k, v in error.params.items()}
		throw(error.render(_), title=title, exc=exc)


def get_project_workflow() -> Workflow | None:
	name = get_workflow_name(DOCTYPE)
	return frappe.get_cached_doc("Workflow", name) if name else None


def find_transition(
	workflow: Workflow, doc_before: Document, next_state: str, action: str | None = None
) -> frappe._dict | None:
	"""The transition the current user makes by moving `doc_before` to `next_state` (None if none may)."""
	roles = set(frappe.get_roles())
	candidates = [
		t
		for t in workflow.transitions
		if t.state == doc_before.get(workflow.workflow_state_field)
		and t.next_state == next_state
		and t.allowed in roles
		and is_transition_condition_satisfied(t, doc_before)
	]
	if action:
		candidates.sort(key=lambda t: t.action != action)
	return candidates[0] if candidates else None


def available_actions(workflow: Workflow, doc: Document) -> list[frappe._dict]:
	"""Transitions the current user may take from the project's current state."""
	roles = set(frappe.get_roles())
	state = doc.get(workflow.workflow_state_field)
	return [
		t
		for t in workflow.transitions
		if t.state == state and t.allowed in roles and is_transition_condition_satisfied(t, doc)
	]


def edit_roles(workflow: Workflow, state: str | None) -> set[str]:
	"""The "Only Allow Edit For" roles of a state (the desk enforces them in the browser only)."""
	return {row.allow_edit for row in workflow.states if row.state == state and row.allow_edit}


def applicants(doc: Document) -> set[str]:
	"""The project's creator and everyone who submitted or resubmitted it."""
	users = {doc.owner} if doc.owner else set()
	users |= {row.user for row in doc.get("approval_log") or [] if row.from_state in APPLICATION_STATES}
	return users


def project_applicants(project: str) -> set[str]:
	owner = frappe.db.get_value(DOCTYPE, project, "owner")
	submitters = frappe.get_all(
		LOG_DOCTYPE,
		filters={"parent": project, "parenttype": DOCTYPE, "from_state": ["in", sorted(APPLICATION_STATES)]},
		pluck="user",
	)
	return {u for u in [owner, *submitters] if u}


def is_review_state(state: str | None) -> bool:
	return state in REVIEW_STATES


def describe_last_change(project: str) -> str:
	"""'<full name> at <time>; it is now <state>' for messages about a project changed meanwhile."""
	values = frappe.db.get_value(
		DOCTYPE, project, ["modified_by", "modified", "workflow_state"], as_dict=True
	)
	if not values:
		return ""
	return _("{0} changed it at {1}; it is now {2}").format(
		get_fullname(values.modified_by), format_datetime(values.modified), _(values.workflow_state or "")
	)


def get_approval_trail(project_name: str) -> list[dict]:
	"""The approval trail of a project, oldest first, for print formats and templates.

	Each row: action, from_state, to_state, user, user_full_name, role, acted_on, reason, plus the
	translated `action_label`, `from_state_label`, `to_state_label`, `role_label`. Needs read permission
	on the project (templates can be rendered by anyone who can open a page).
	"""
	if not project_name or not frappe.db.exists(DOCTYPE, project_name):
		return []
	frappe.has_permission(DOCTYPE, "read", project_name, throw=True)
	rows = frappe.get_all(
		LOG_DOCTYPE,
		filters={"parent": project_name, "parenttype": DOCTYPE, "parentfield": "approval_log"},
		fields=["action", "from_state", "to_state", "user", "user_full_name", "role", "acted_on", "reason"],
		order_by="idx asc",
	)
	for row in rows:
		row.action_label = _(row.action or "")
		row.from_state_label = _(row.from_state or "")
		row.to_state_label = _(row.to_state or "")
		row.role_label = _(row.role or "")
	return rows
