"""Endpoints of the approval layer. Every method checks permission itself."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.model.workflow import apply_workflow

from wuse_app.approvals import actions, delegation, engine
from wuse_app.approvals.config import get_policy, get_workflow
from wuse_app.domain import approvals as rules
from wuse_app.utils.validation import throw


@frappe.whitelist(methods=["POST"])
def decide(
	doctype: str,
	name: str,
	action: str,
	opinion: str | None = None,
	expected_state: str | None = None,
	on_behalf_of: str | None = None,
) -> dict:
	"""Take a workflow action with an opinion (审批意见). On a 会签 / N-of-M step an approval that is
	not the last one needed is recorded as a vote and the document stays; the last one moves it.

	`on_behalf_of`: 委托, the delegator whose decision this is (the caller holds an active delegation
	from them; see wuse_app.approvals.delegation): everything below runs with the delegator's rights.

	The document's row is locked first (after ending the request's snapshot), so two approvers acting
	at the same moment are served one after the other and exactly one of them moves it.
	"""
	actions.check_exists(doctype, name)
	if on_behalf_of and on_behalf_of != frappe.session.user:
		# Everything below, the read permission included, is the delegator's.
		with delegation.acting_for(on_behalf_of, doctype):
			frappe.has_permission(doctype, "read", name, throw=True)
			return _decide(actions.load_locked(doctype, name), action, opinion, expected_state)
	frappe.has_permission(doctype, "read", name, throw=True)
	return _decide(actions.load_locked(doctype, name), action, opinion, expected_state)


def _decide(doc, action: str, opinion: str | None, expected_state: str | None) -> dict:
	doctype, name = doc.doctype, doc.name
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
	transitions = [t for t in actions.my_transitions(workflow, doc) if t.action == action]
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
	doc.flags.review_reason = opinion
	doc.flags.workflow_action = action
	if engine.is_multi(transition):
		user = frappe.session.user
		view = actions.approval_view(doc, policy)
		engine.check_decision(user, view.applicants, policy, transition, state, view.round)
		try:
			engine.check_votes(
				doc, policy, transition, state, user, view.round, since=None, applicants_=view.applicants
			)
		except engine.VotesPendingError:
			frappe.clear_last_message()
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
			votes = engine.round_votes_of(view.round, state, action)
			needed = engine.needed_votes(doc, transition, view.applicants, view.round)
			return {"name": name, "state": state, "moved": False, "votes": len(votes) + 1, "needed": needed}
	doc = apply_workflow(doc, action)
	return {"name": name, "state": doc.get(workflow.workflow_state_field), "moved": True}


@frappe.whitelist(methods=["POST"])
def withdraw(doctype: str, name: str, note: str | None = None) -> dict:
	"""撤回: the applicant pulls the submission back to Editing (before the first decision); only an
	applicant who can read the document (checked again, with the rules, in actions.withdraw)."""
	actions.check_exists(doctype, name)
	frappe.has_permission(doctype, "read", name, throw=True)
	return actions.withdraw(doctype, name, note)


@frappe.whitelist(methods=["POST"])
def forward(doctype: str, name: str, to_user: str, note: str | None = None) -> dict:
	"""转交: a pending approver hands the document to a colleague with the same role and scope (a
	reader of the document; the approver's role is checked in actions.forward)."""
	actions.check_exists(doctype, name)
	frappe.has_permission(doctype, "read", name, throw=True)
	return actions.forward(doctype, name, to_user, note)


@frappe.whitelist()
def form_actions(doctype: str, name: str) -> dict:
	"""What the form offers this user beyond Frappe's workflow buttons: 撤回, 转交, and the decisions
	they may take for a delegator (委托). Needs read permission on the document."""
	if not isinstance(doctype, str) or not frappe.db.exists("DocType", doctype):
		raise frappe.DoesNotExistError(_("DocType {0} not found").format(doctype))
	if not isinstance(name, str) or not frappe.db.exists(doctype, name):
		raise frappe.DoesNotExistError(_("{0} {1} not found").format(_(doctype), name))
	frappe.has_permission(doctype, "read", name, throw=True)
	workflow, policy = get_workflow(doctype), get_policy(doctype)
	out = {"governed": bool(policy), "can_withdraw": False, "can_forward": False, "delegated": []}
	if workflow is None or policy is None:
		return out
	doc = frappe.get_doc(doctype, name)
	state = doc.get(workflow.workflow_state_field)
	if not policy.is_review(state):
		return out
	user = frappe.session.user
	view = actions.approval_view(doc, policy)
	target = policy.withdrawal_target(state, view.came_from)
	out["can_withdraw"] = bool(user in view.applicants and target and not engine.decided_in_round(view.round))
	mine = actions.my_transitions(workflow, doc)
	out["can_forward"] = bool(
		mine and user not in view.applicants and not engine.forwarded_away(view.round, user)
	)
	if user not in view.applicants:
		for delegator in delegation.active_delegators(user, doctype):
			if delegator in view.applicants:
				continue
			theirs = actions.my_transitions(workflow, doc, user=delegator)
			if theirs:
				out["delegated"].append(
					{
						"delegator": delegator,
						"delegator_name": frappe.utils.get_fullname(delegator),
						"actions": list(dict.fromkeys(t.action for t in theirs)),
						"reason_actions": [t.action for t in theirs if engine.transition_reason_required(t)],
					}
				)
	return out


@frappe.whitelist()
def states_in_stage(doctype: str, stages: str | list) -> list[str]:
	"""The states of the doctype's workflow in the given approval stages (for link filters in forms).
	Needs read permission on the doctype."""
	if not isinstance(doctype, str) or not frappe.db.exists("DocType", doctype):
		raise frappe.DoesNotExistError(_("DocType {0} not found").format(doctype))
	frappe.has_permission(doctype, "read", throw=True)
	policy = get_policy(doctype)
	if isinstance(stages, str):
		stages = frappe.parse_json(stages) if stages.startswith("[") else [stages]
	wanted = [s for s in stages or [] if s in rules.STAGES]
	return sorted(policy.states_in(*wanted)) if policy else []


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
			"kind",
			"forwarded_to",
		],
		order_by="creation asc",
	)
