"""Endpoints of the approval layer. Every method checks permission itself."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.model.workflow import apply_workflow

from wuse_app.approvals import engine
from wuse_app.approvals.config import get_policy, get_workflow
from wuse_app.domain import approvals as rules
from wuse_app.utils.validation import throw


@frappe.whitelist(methods=["POST"])
def decide(
	doctype: str, name: str, action: str, opinion: str | None = None, expected_state: str | None = None
) -> dict:
	"""Take a workflow action with an opinion (审批意见). On a 会签 / N-of-M step an approval that is
	not the last one needed is recorded as a vote and the document stays; the last one moves it.

	The document's row is locked first (after ending the request's snapshot), so two approvers acting
	at the same moment are served one after the other and exactly one of them moves it.
	"""
	if not isinstance(doctype, str) or not frappe.db.exists("DocType", doctype):
		raise frappe.DoesNotExistError(_("DocType {0} not found").format(doctype))
	if not frappe.db.exists(doctype, name):
		raise frappe.DoesNotExistError(_("{0} {1} not found").format(_(doctype), name))
	frappe.has_permission(doctype, "read", name, throw=True)
	frappe.db.commit()
	frappe.db.get_value(doctype, name, "name", for_update=True)
	doc = frappe.get_doc(doctype, name)
	workflow, policy = get_workflow(doctype), get_policy(doctype)
	if workflow is None or policy is None:
		throw(_("{0} has no approval workflow.").format(_(doctype)), exc=frappe.PermissionError)
	state = doc.get(workflow.workflow_state_field)
	if expected_state and state != expected_state:
		throw(
			_("Another user has already acted on this document: it is now {0}. Reload it.").format(
				_(state or "")
			),
			title=_("Changed meanwhile"),
			exc=frappe.TimestampMismatchError,
		)
	roles = set(frappe.get_roles())
	transitions = [
		t
		for t in workflow.transitions
		if t.state == state
		and t.action == action
		and t.allowed in roles
		and frappe.model.workflow.is_transition_condition_satisfied(t, doc)
	]
	if not transitions:
		throw(
			_("You cannot take the action {0} on this document: it is {1}.").format(
				_(action), _(state or "")
			),
			title=_("Not allowed"),
			exc=frappe.PermissionError,
		)
	transition = transitions[0]
	doc.flags.approval_reason = opinion
	doc.flags.workflow_action = action
	if engine.is_multi(transition):
		user = frappe.session.user
		applicants = engine.document_applicants(doctype, name, doc.owner, policy)
		with engine.rule(_("Not allowed"), engine.SelfDecisionError):
			rules.validate_not_applicant(
				user, applicants, policy, state, bool(transition.allow_self_approval)
			)
		votes = engine.round_votes(doctype, name, state, action)
		if user in votes:
			throw(
				_("You have already approved this step; it is waiting for the others."),
				exc=engine.AlreadyVotedError,
			)
		needed = engine.required_votes(doc, transition, applicants)
		if len(votes) + 1 < needed:
			engine.record_decision(
				doctype,
				name,
				frappe._dict(
					action=action,
					from_state=state,
					to_state=transition.next_state,
					from_stage=policy.stage(state),
					role=transition.allowed,
					reason=(opinion or "").strip() or None,
					vote_only=True,
				),
			)
			return {"name": name, "state": state, "moved": False, "votes": len(votes) + 1, "needed": needed}
	doc = apply_workflow(doc, action)
	return {"name": name, "state": doc.get(workflow.workflow_state_field), "moved": True}


@frappe.whitelist()
def trail(doctype: str, name: str) -> list[dict]:
	"""Every decision and vote on a document, oldest first (needs read permission on it)."""
	if not isinstance(doctype, str) or not frappe.db.exists(doctype, name):
		raise frappe.DoesNotExistError(_("{0} {1} not found").format(_(doctype), name))
	frappe.has_permission(doctype, "read", name, throw=True)
	return frappe.get_all(
		engine.TRAIL_DOCTYPE,
		filters={"reference_doctype": doctype, "reference_name": name},
		fields=[
			"state",
			"action",
			"next_state",
			"user",
			"on_behalf_of",
			"role",
			"opinion",
			"voted_at",
			"moved",
		],
		order_by="creation asc",
	)
