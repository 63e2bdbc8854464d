"""The approval side of service projects: who may act, which transition a save makes, the trail.

`get_approval_trail` is the one helper print formats use (exposed to Jinja through the `jinja` hook).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import frappe
from frappe import _
from frappe.model.workflow import get_workflow_name
from frappe.utils import format_datetime, get_fullname

from wuse_app.approvals import actions, engine
from wuse_app.approvals import config as approval_config
from wuse_app.domain.approvals import ACTIVE, EDITING, REVIEW, Policy
from wuse_app.utils.validation import domain_errors, throw

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


def rule(title: str | None = None, exc: type[Exception] = frappe.ValidationError):
	"""Domain rule violations become translated messages (state names and labels translated too)."""
	return domain_errors(title, exc, translate_params=True)


def get_project_workflow() -> Workflow | None:
	name = get_workflow_name(DOCTYPE)
	return frappe.get_cached_doc("Workflow", name) if name else None


def get_project_policy() -> Policy | None:
	"""What the project workflow's states and transitions mean (None: no workflow or no stages)."""
	return approval_config.get_policy(DOCTYPE)


def find_transition(
	workflow: Workflow, doc_before: Document, next_state: str, action: str | None = None
) -> frappe._dict | None:
	"""The transition the current user makes by moving `doc_before` to `next_state` (None if none may)."""
	return engine.find_transition(workflow, doc_before, next_state, action)


def available_actions(workflow: Workflow, doc: Document) -> list[frappe._dict]:
	"""Transitions the current user may take from the project's current state."""
	return actions.my_transitions(workflow, doc)


def edit_roles(workflow: Workflow, state: str | None) -> set[str]:
	"""The "Only Allow Edit For" roles of a state (the desk enforces them in the browser only)."""
	return {row.allow_edit for row in workflow.states if row.state == state and row.allow_edit}


def _editing_states(policy: Policy | None) -> frozenset[str]:
	return policy.states_in(EDITING) if policy else frozenset()


def _moved_out_of_editing(row, editing: frozenset[str]) -> bool:
	"""The stage is recorded with the row, so a state renamed later still counts."""
	return row.get("from_stage") == EDITING or (
		not row.get("from_stage") and row.get("from_state") in editing
	)


def applicants(doc: Document) -> set[str]:
	"""The project's creator and everyone who moved it out of an Editing state (submitted it)."""
	editing = _editing_states(get_project_policy())
	users = {doc.owner} if doc.owner else set()
	users |= {
		row.get("on_behalf_of") or row.user
		for row in doc.get("approval_log") or []
		if _moved_out_of_editing(row, editing)
	}
	return users


def project_applicants(project: str) -> set[str]:
	owner = frappe.db.get_value(DOCTYPE, project, "owner")
	editing = _editing_states(get_project_policy())
	rows = frappe.get_all(
		LOG_DOCTYPE,
		filters={"parent": project, "parenttype": DOCTYPE},
		fields=["user", "on_behalf_of", "from_state", "from_stage"],
	)
	return {
		u
		for u in [owner, *(r.on_behalf_of or r.user for r in rows if _moved_out_of_editing(r, editing))]
		if u
	}


def is_review_state(state: str | None) -> bool:
	policy = get_project_policy()
	return bool(policy and policy.is_review(state))


def review_states() -> frozenset[str]:
	policy = get_project_policy()
	return policy.states_in(REVIEW) if policy else frozenset()


def editing_states() -> frozenset[str]:
	return _editing_states(get_project_policy())


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
	"""The approval trail of a project, oldest first, for print formats and templates: every move of
	its approval log and every vote (会签) and forward (转交) recorded in Approval Vote.

	Each row: action, from_state, to_state, user, user_full_name, on_behalf_of(_name), role, acted_on,
	reason, `vote` (a vote that did not move the project), `forwarded_to(_name)`, `is_approval` (a
	Review → Active move by the workflow's stages), plus the translated `action_label`,
	`from_state_label`, `to_state_label`, `role_label`. Needs read permission on the project
	(templates can be rendered by anyone who can open a page).
	"""
	if not project_name or not frappe.db.exists(DOCTYPE, project_name):
		return []
	frappe.has_permission(DOCTYPE, "read", project_name, throw=True)
	policy = get_project_policy()
	rows = frappe.get_all(
		LOG_DOCTYPE,
		filters={"parent": project_name, "parenttype": DOCTYPE, "parentfield": "approval_log"},
		fields=[
			"action",
			"from_state",
			"from_stage",
			"to_state",
			"user",
			"user_full_name",
			"on_behalf_of",
			"role",
			"acted_on",
			"reason",
		],
		order_by="idx asc",
	)
	for row in rows:
		row.vote = 0
		row.is_approval = bool(
			policy
			and (row.from_stage or policy.stage(row.from_state)) == REVIEW
			and policy.stage(row.to_state) == ACTIVE
		)
	for vote in frappe.get_all(
		engine.TRAIL_DOCTYPE,
		filters={"reference_doctype": DOCTYPE, "reference_name": project_name, "moved": 0},
		fields=[
			"action",
			"state",
			"user",
			"on_behalf_of",
			"role",
			"voted_at",
			"opinion",
			"kind",
			"forwarded_to",
		],
		order_by="creation asc",
	):
		rows.append(
			frappe._dict(
				action=vote.action,
				from_state=vote.state,
				to_state=vote.state,
				user=vote.user,
				user_full_name=get_fullname(vote.user),
				on_behalf_of=vote.on_behalf_of,
				role=vote.role,
				acted_on=vote.voted_at,
				reason=vote.opinion,
				vote=0 if vote.kind else 1,
				forwarded_to=vote.forwarded_to,
				is_approval=False,
			)
		)
	rows.sort(
		key=lambda r: (
			frappe.utils.get_datetime(r.acted_on) if r.acted_on else frappe.utils.get_datetime("1900-01-01")
		)
	)
	for row in rows:
		row.action_label = _(row.action or "")
		row.from_state_label = _(row.from_state or "")
		row.to_state_label = _(row.to_state or "")
		row.role_label = _(row.role or "")
		row.on_behalf_of_name = get_fullname(row.on_behalf_of) if row.on_behalf_of else None
		row.forwarded_to_name = get_fullname(row.forwarded_to) if row.get("forwarded_to") else None
	return rows
