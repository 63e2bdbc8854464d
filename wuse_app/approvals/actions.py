"""转交 (forward), 撤回 (withdraw) and 抄送 (CC) on governed documents, for any doctype.

Frappe's workflow has none of these: a transition is open to everyone holding its role, a submission
cannot be pulled back without a transition row (which would let it be pulled back at any time), and
nobody is informed beyond the next approvers. The rules here read the Workflow rows (stages, CC), and
the trail (Approval Vote; a Service Project keeps its moves in its own approval log and supplies its
view of them through `approval_view`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import frappe
from frappe import _
from frappe.model.workflow import is_transition_condition_satisfied
from frappe.utils import cint

from wuse_app.approvals import engine
from wuse_app.approvals.config import get_policy, get_workflow
from wuse_app.domain import approvals as rules
from wuse_app.utils.validation import domain_errors, throw

if TYPE_CHECKING:
	from frappe.model.document import Document


class WithdrawalError(frappe.ValidationError):
	pass


def rule(title: str, exc: type[Exception] = frappe.ValidationError):
	return domain_errors(title, exc, translate_params=True)


def approval_view(doc: Document, policy: rules.Policy) -> frappe._dict:
	"""applicants, the current round's trail rows, and the state the document last came from."""
	rows = engine.approval_rows(doc.doctype, doc.name)
	own = getattr(doc, "approval_view", None)
	if callable(own):
		return own(rows, policy)
	moves = [r for r in rows if r.moved]
	return frappe._dict(
		applicants=engine.applicants_of(doc.owner, rows, policy),
		round=engine.current_round(rows),
		came_from=moves[-1].state if moves else None,
		since=None,
	)


def check_exists(doctype: str, name: str) -> None:
	if not isinstance(doctype, str) or not frappe.db.exists("DocType", doctype):
		raise frappe.DoesNotExistError(_("DocType {0} not found").format(doctype))
	if not isinstance(name, str) or not frappe.db.exists(doctype, name):
		raise frappe.DoesNotExistError(_("{0} {1} not found").format(_(doctype), name))


def load_locked(doctype: str, name: str) -> Document:
	"""Read permission first, then the document's row lock (after ending the request's snapshot)."""
	check_exists(doctype, name)
	frappe.has_permission(doctype, "read", name, throw=True)
	frappe.db.commit()
	frappe.db.get_value(doctype, name, "name", for_update=True)
	return frappe.get_doc(doctype, name)


def governed(doctype: str):
	workflow, policy = get_workflow(doctype), get_policy(doctype)
	if workflow is None or policy is None:
		throw(_("{0} has no approval workflow.").format(_(doctype)), exc=frappe.PermissionError)
	return workflow, policy


def my_transitions(workflow, doc: Document, user: str | None = None) -> list:
	roles = set(frappe.get_roles(user))
	state = doc.get(workflow.workflow_state_field)
	return [
		t
		for t in workflow.transitions
		if t.state == state and t.allowed in roles and is_transition_condition_satisfied(t, doc)
	]


# --- 撤回 -------------------------------------------------------------------------------------------


def withdraw(doctype: str, name: str, note: str | None = None) -> dict:
	"""The applicant pulls a submission back to Editing, until the first decision in the round.

	Where it goes comes from the workflow rows (Policy.withdrawal_target): the Editing state it was
	submitted from, else the Editing state the review returns to.
	"""
	doc = load_locked(doctype, name)
	workflow, policy = governed(doctype)
	field = workflow.workflow_state_field
	state = doc.get(field)
	view = approval_view(doc, policy)
	target = policy.withdrawal_target(state, view.came_from)
	with rule(_("Cannot withdraw"), WithdrawalError):
		rules.validate_can_withdraw(
			frappe.session.user, view.applicants, target, engine.decided_in_round(view.round)
		)
	target_row = next(row for row in workflow.states if row.state == target)
	if cint(target_row.doc_status) != doc.docstatus:
		throw(
			_("The document is already submitted, so it cannot be withdrawn; ask a reviewer to return it."),
			title=_("Cannot withdraw"),
			exc=WithdrawalError,
		)
	doc.set(field, target)
	if target_row.update_field:
		doc.set(target_row.update_field, target_row.update_value)
	doc.flags.approval_withdrawal = True
	doc.flags.approval_reason = (note or "").strip() or None
	doc.flags.workflow_action = engine.WITHDRAW_ACTION
	# Frappe's validate_workflow accepts only moves along a transition row; a withdrawal is the
	# applicant's own right, checked above, and recorded as such by the approval rules.
	doc.validate_workflow = lambda: None
	# The applicant may hold no write right in a Review state; the rules above are the check.
	doc.save(ignore_permissions=True)
	return {"name": doc.name, "state": doc.get(field)}


# --- 转交 -------------------------------------------------------------------------------------------


def forward(doctype: str, name: str, to_user: str, note: str | None = None) -> dict:
	"""A pending approver hands this one document to a colleague with the same role and scope."""
	doc = load_locked(doctype, name)
	workflow, policy = governed(doctype)
	state = doc.get(workflow.workflow_state_field)
	user = frappe.session.user
	mine = my_transitions(workflow, doc) if policy.is_review(state) else []
	if not mine:
		throw(
			_("Only a pending approver of this document can forward it; it is {0}.").format(_(state or "")),
			title=_("Not allowed"),
			exc=frappe.PermissionError,
		)
	view = approval_view(doc, policy)
	with rule(_("Not allowed"), engine.SelfDecisionError):
		rules.validate_not_applicant(user, view.applicants, policy, state, False)
	if engine.forwarded_away(view.round, user):
		throw(
			_("You have already forwarded this document."), title=_("Not allowed"), exc=engine.ForwardedError
		)
	to_user = (to_user or "").strip()
	needed = {t.allowed for t in mine}
	common = needed & set(frappe.get_roles(to_user)) if to_user else set()
	same = bool(
		common
		and frappe.db.get_value("User", to_user, "enabled")
		and frappe.has_permission(doctype, "read", doc, user=to_user)
	)
	with rule(_("Cannot forward"), frappe.ValidationError):
		rules.validate_forward(user, to_user, view.applicants, same)
	note = (note or "").strip() or None
	engine.record_decision(
		doctype,
		name,
		frappe._dict(
			action=engine.FORWARD,
			kind=engine.FORWARD,
			from_state=state,
			to_state=state,
			from_stage=policy.stage(state),
			role=sorted(common)[0],
			reason=note,
			forwarded_to=to_user,
		),
	)
	from frappe.desk.form.assign_to import add as assign

	# Checked above: the colleague can read the document and holds the step's role.
	assign(
		{
			"assign_to": [to_user],
			"doctype": doctype,
			"name": name,
			"description": note or _("Forwarded to you for a decision ({0})").format(_(state or "")),
		},
		ignore_permissions=True,
	)
	return {"name": name, "state": state, "forwarded_to": to_user}


# --- 抄送 -------------------------------------------------------------------------------------------


def cc_recipients(names: str | None, exclude: set[str]) -> list[str]:
	from frappe.utils.user import get_users_with_role

	users: list[str] = []
	for entry in sorted(rules.parse_names(names)):
		if frappe.db.exists("Role", entry):
			users.extend(get_users_with_role(entry))
		elif frappe.db.get_value("User", entry, "enabled"):
			users.append(entry)
	return [u for u in dict.fromkeys(users) if u not in exclude and u not in ("Administrator", "Guest")]


def send_cc(doc: Document, names: str | None, to_state: str | None) -> None:
	"""The transition's CC list: a notification and read access to this one document (DocShare).

	An existing share is left as it is (it may give more than read)."""
	from frappe.desk.doctype.notification_log.notification_log import enqueue_create_notification
	from frappe.share import add_docshare, get_share_name

	recipients = cc_recipients(names, {frappe.session.user})
	if not recipients:
		return
	for user in recipients:
		if not frappe.has_permission(doc.doctype, "read", doc, user=user) and not get_share_name(
			doc.doctype, doc.name, user, 0
		):
			add_docshare(doc.doctype, doc.name, user, read=1, flags={"ignore_share_permission": True})
	title = doc.get_title() or doc.name
	languages: dict[str, list[str]] = {}
	default = frappe.db.get_default("lang") or "en"
	for u in frappe.get_all("User", filters={"name": ["in", recipients]}, fields=["name", "language"]):
		languages.setdefault(u.language or default, []).append(u.name)
	for language, users in languages.items():
		enqueue_create_notification(
			users,
			{
				"type": "Alert",
				"document_type": doc.doctype,
				"document_name": doc.name,
				"subject": _("CC: {0} {1} is now {2}", lang=language).format(
					_(doc.doctype, lang=language),
					frappe.utils.escape_html(title),
					_(to_state or "", lang=language),
				),
				"from_user": frappe.session.user,
			},
		)
