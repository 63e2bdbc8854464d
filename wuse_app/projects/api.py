"""Endpoints of the service project forms (desk review dialog, portal web form).

Every method checks permission itself: `@frappe.whitelist()` only means "logged in".
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.model.workflow import apply_workflow

from wuse_app.approvals import delegation, engine
from wuse_app.domain.projects import validate_not_own_project
from wuse_app.projects import approval
from wuse_app.utils.validation import throw

DOCTYPE = approval.DOCTYPE


@frappe.whitelist(methods=["POST"])
def apply_review_action(
	project: str,
	action: str,
	reason: str | None = None,
	expected_state: str | None = None,
	on_behalf_of: str | None = None,
) -> dict:
	"""Take a workflow action on a project, with the reason the form's dialog asked for.

	The project row is locked first, so two reviewers acting at the same moment are served one after
	the other; the second finds the project already moved on (`expected_state` is the state they saw)
	and gets a clear message instead of a second transition. On a 会签 / N-of-M step an approval that
	is not the last one needed is recorded as a vote (the project stays); the last one moves it.
	`on_behalf_of`: 委托, the delegator this decision is taken for (wuse_app.approvals.delegation).
	"""
	if not isinstance(project, str) or not frappe.db.exists(DOCTYPE, project):
		throw(_("Service Project {0} not found").format(project), exc=frappe.DoesNotExistError)
	if on_behalf_of and on_behalf_of != frappe.session.user:
		# Everything below, the read permission included, is the delegator's.
		with delegation.acting_for(on_behalf_of, DOCTYPE):
			# Checked before the lock: who cannot read the project must not hold its row lock.
			frappe.has_permission(DOCTYPE, "read", project, throw=True)
			return _apply(project, action, reason, expected_state)
	frappe.has_permission(DOCTYPE, "read", project, throw=True)
	return _apply(project, action, reason, expected_state)


def _apply(project: str, action: str, reason: str | None, expected_state: str | None) -> dict:
	lock_project(project)
	doc = frappe.get_doc(DOCTYPE, project)
	if expected_state and doc.workflow_state != expected_state:
		_already_moved(project)
	workflow = approval.get_project_workflow()
	transitions = (
		[t for t in approval.available_actions(workflow, doc) if t.action == action] if workflow else []
	)
	if not transitions:
		throw(
			_("You cannot take the action {0} on this project: it is {1}.").format(
				_(action), _(doc.workflow_state or "")
			),
			title=_("Not allowed"),
			exc=frappe.PermissionError,
		)
	with approval.rule(_("Not allowed"), approval.SelfReviewError):
		validate_not_own_project(
			frappe.session.user,
			approval.applicants(doc),
			approval.is_review_state(doc.workflow_state),
			all(t.allow_self_approval for t in transitions),
		)
	doc.flags.review_reason = reason
	doc.flags.workflow_action = action
	vote = record_vote_if_not_last(doc, transitions[0], reason)
	if vote:
		return vote
	doc = apply_workflow(doc, action)
	return {"name": doc.name, "workflow_state": doc.workflow_state, "moved": True}


def record_vote_if_not_last(doc, transition, opinion: str | None) -> dict | None:
	"""会签 / N-of-M: an approval that is not the last one needed becomes a vote (the project stays).

	Runs under the project's row lock (apply_review_action), so of two members approving at once the
	second sees the first's vote: exactly one of them moves the project.
	"""
	if not engine.is_multi(transition):
		return None
	policy = approval.get_project_policy()
	if policy is None:
		return None
	user = frappe.session.user
	view = doc.approval_view(engine.approval_rows(DOCTYPE, doc.name), policy)
	engine.check_decision(user, view.applicants, policy, transition, doc.workflow_state, view.round)
	try:
		engine.check_votes(
			doc, policy, transition, doc.workflow_state, user, view.round, applicants_=view.applicants
		)
	except engine.VotesPendingError:
		frappe.clear_last_message()
	else:
		return None
	engine.record_decision(
		DOCTYPE,
		doc.name,
		frappe._dict(
			action=transition.action,
			from_state=doc.workflow_state,
			to_state=transition.next_state,
			from_stage=policy.stage(doc.workflow_state),
			role=transition.allowed,
			reason=(opinion or "").strip() or None,
			vote_only=True,
		),
	)
	votes = engine.round_votes_of(view.round, doc.workflow_state, transition.action)
	return {
		"name": doc.name,
		"workflow_state": doc.workflow_state,
		"moved": False,
		"votes": len(votes) + 1,
		"needed": engine.needed_votes(doc, transition, view.applicants, view.round),
	}


@frappe.whitelist(methods=["POST"])
def submit_application(project: str) -> dict:
	"""Portal: send the applicant's own draft (or returned) application to community review."""
	doc = frappe.get_doc(DOCTYPE, project)
	doc.check_permission("write")
	workflow = approval.get_project_workflow()
	policy = approval.get_project_policy()
	# Submitting: a move from an Editing state into a Review state (whatever the states are called).
	actions = [
		t.action
		for t in (approval.available_actions(workflow, doc) if workflow and policy else [])
		if policy.is_editing(t.state) and policy.is_review(t.next_state)
	]
	if not actions:
		throw(
			_("Only a draft or returned application can be submitted; this one is {0}.").format(
				_(doc.workflow_state or "")
			),
			title=_("Not allowed"),
		)
	return apply_review_action(project, actions[0], expected_state=doc.workflow_state)


@frappe.whitelist()
def my_organizations() -> list[dict]:
	"""Portal: the organisations that registered the current user as their portal user.

	Only the caller's own memberships are read, so no further permission is needed.
	"""
	organizations = frappe.get_all(
		"Organization Portal User",
		filters={"user": frappe.session.user, "parenttype": "Social Organization"},
		pluck="parent",
	)
	if not organizations:
		return []
	return frappe.get_all(
		"Social Organization",
		filters={"name": ["in", organizations], "status": "Active"},
		fields=["name", "community"],
		order_by="name asc",
	)


def lock_project(project: str) -> None:
	"""Lock the project row until this request commits or rolls back.

	The request's transaction is ended first, so that every read after the lock is taken sees what
	other reviewers committed while this one waited (MariaDB keeps a transaction's first snapshot).
	Nothing has been written yet at this point.
	"""
	frappe.db.commit()
	frappe.db.get_value(DOCTYPE, project, "name", for_update=True)


def _already_moved(project: str) -> None:
	throw(
		_("Another user has already acted on this project: {0}. Reload it to see the latest version.").format(
			approval.describe_last_change(project)
		),
		title=_("Project changed meanwhile"),
		exc=approval.ProjectChangedError,
	)
