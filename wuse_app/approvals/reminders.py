"""催办 and escalation, and the 逾期待审 (overdue approvals) list and number card.

Frappe's Workflow has no time limits; the app's custom fields give a state `time_limit_hours`,
`escalate_after_hours` and `escalate_to_role` (wuse_app.approvals.config). The hourly job
`send_reminders` finds the documents of every governed doctype that have waited longer than their
state's limit and reminds their pending approvers once (a Frappe Notification Log, which Frappe also
e-mails when the user's notification settings ask for it), then, after the escalation limit, informs
the escalation role once. "Once" is an `Approval Reminder` row per document, state entry and kind, so a
rerun, a second worker or a restart never repeats a message; a document that leaves and re-enters the
state starts a new round.

When a document entered its state: the latest Approval Vote that moved it there, else the latest
Version recording the change of its workflow state field (doctypes that track changes), else its
creation (in the first state) or its last modification.
"""

from __future__ import annotations

import datetime
import json

import frappe
from frappe import _
from frappe.utils import cint, get_datetime, now_datetime

from wuse_app.approvals import engine
from wuse_app.approvals.config import policy_of
from wuse_app.domain import reminders as rules

REMINDER_DOCTYPE = "Approval Reminder"
REPORT = "Overdue Approvals"


# --- which documents wait -----------------------------------------------------------------------------


def governed_workflows() -> list:
	"""Active workflows with at least one time-limited state with an approval stage."""
	workflows = []
	for name in frappe.get_all("Workflow", filters={"is_active": 1}, pluck="name"):
		workflow = frappe.get_cached_doc("Workflow", name)
		if not frappe.db.exists("DocType", workflow.document_type):
			continue
		policy = policy_of(workflow)
		if policy.governed and limited_states(policy):
			workflows.append((workflow, policy))
	return workflows


def limited_states(policy) -> list[str]:
	return rules.overdue_states(
		{name: rule.time_limit_hours for name, rule in policy.states.items() if rule.stage}
	)


def waiting_documents(workflow, policy, as_user: bool = False) -> list[frappe._dict]:
	"""Documents in a time-limited state. `as_user`: only those the current user may read (fails
	closed: no read permission on the doctype, nothing)."""
	field = workflow.workflow_state_field
	states = limited_states(policy)
	args = {
		"filters": {field: ["in", states], "docstatus": ["<", 2]},
		"fields": ["name", f"`{field}` as state", "owner", "creation", "modified"],
		"order_by": "modified asc",
	}
	if as_user:
		if not frappe.has_permission(workflow.document_type, "read"):
			return []
		return frappe.get_list(workflow.document_type, **args)
	# The scheduler reminds everyone concerned; nothing here is shown to a user.
	return frappe.get_all(workflow.document_type, **args)


def entered_at(doctype: str, row: frappe._dict, workflow) -> datetime.datetime:
	"""When the document entered its current state (see the module's docstring)."""
	vote = frappe.get_all(
		engine.TRAIL_DOCTYPE,
		filters={
			"reference_doctype": doctype,
			"reference_name": row.name,
			"next_state": row.state,
			"moved": 1,
		},
		fields=["creation"],
		order_by="creation desc",
		limit=1,
	)
	found = [get_datetime(vote[0].creation)] if vote else []
	field = workflow.workflow_state_field
	versions = frappe.get_all(
		"Version",
		filters={"ref_doctype": doctype, "docname": row.name, "data": ["like", f'%"{field}"%']},
		fields=["creation", "data"],
		order_by="creation desc",
		limit=20,
	)
	for version in versions:
		try:
			changed = json.loads(version.data or "{}").get("changed") or []
		except ValueError:
			continue
		if any(c[0] == field and c[2] == row.state for c in changed if len(c) == 3):
			found.append(get_datetime(version.creation))
			break
	if found:
		return max(found)
	first = workflow.states[0].state if workflow.states else None
	return get_datetime(row.creation if row.state == first else row.modified)


def overdue(as_user: bool = False, now: datetime.datetime | None = None) -> list[frappe._dict]:
	"""Every overdue document (system-wide, or the current user's readable ones with `as_user`)."""
	now = get_datetime(now) if now else now_datetime()
	rows = []
	for workflow, policy in governed_workflows():
		for row in waiting_documents(workflow, policy, as_user):
			state = policy.states[row.state]
			since = entered_at(workflow.document_type, row, workflow)
			due = rules.due(
				since,
				now,
				state.time_limit_hours,
				state.escalate_after_hours,
				bool(state.escalate_to_role),
			)
			if not due.overdue:
				continue
			rows.append(
				frappe._dict(
					reference_doctype=workflow.document_type,
					reference_name=row.name,
					state=row.state,
					owner=row.owner,
					entered_at=since,
					hours_waited=round(due.hours_waited, 1),
					time_limit_hours=state.time_limit_hours,
					escalation_due=due.escalation,
					escalate_to_role=state.escalate_to_role,
					workflow=workflow,
					policy=policy,
				)
			)
	return rows


def pending_approvers(row: frappe._dict) -> list[str]:
	"""Who may decide now: holders of a role with a transition out of the state whose condition holds,
	who may read the document, did not apply for it and have not voted in this round."""
	from frappe.model.workflow import is_transition_condition_satisfied
	from frappe.utils.user import get_users_with_role

	doc = frappe.get_doc(row.reference_doctype, row.reference_name)
	applicants = engine.document_applicants(doc.doctype, doc.name, doc.owner, row.policy)
	users: set[str] = set()
	for transition in row.workflow.transitions:
		if transition.state != row.state or not is_transition_condition_satisfied(transition, doc):
			continue
		voted = set(engine.round_votes(doc.doctype, doc.name, row.state, transition.action))
		for user in get_users_with_role(transition.allowed):
			if user in users or user in voted or user in applicants or user == "Administrator":
				continue
			if frappe.has_permission(doc.doctype, "read", doc, user=user):
				users.add(user)
	return sorted(users)


def role_holders(role: str, row: frappe._dict) -> list[str]:
	from frappe.utils.user import get_users_with_role

	doc = frappe.get_doc(row.reference_doctype, row.reference_name)
	return sorted(
		u
		for u in get_users_with_role(role)
		if u != "Administrator" and frappe.has_permission(doc.doctype, "read", doc, user=u)
	)


# --- the hourly job -----------------------------------------------------------------------------------


def send_reminders(now: datetime.datetime | None = None) -> dict[str, int]:
	"""Hourly (hooks `scheduler_events`): remind the pending approvers of every overdue document once,
	and inform the escalation role once after the second limit. Returns how many of each were sent."""
	sent = {rules.REMINDER: 0, rules.ESCALATION: 0}
	for row in overdue(now=now):
		if not already_sent(row, rules.REMINDER):
			if notify(row, rules.REMINDER, pending_approvers(row)):
				sent[rules.REMINDER] += 1
		if row.escalation_due and not already_sent(row, rules.ESCALATION):
			if notify(row, rules.ESCALATION, role_holders(row.escalate_to_role, row)):
				sent[rules.ESCALATION] += 1
	return sent


def reminder_key(row: frappe._dict, kind: str) -> str:
	"""One name per document, state entry and kind: a second insert fails, so nothing goes out twice."""
	import hashlib

	key = "|".join((row.reference_doctype, row.reference_name, row.state, str(row.entered_at), kind)).encode()
	return f"{kind[:3].upper()}-{hashlib.sha1(key).hexdigest()[:20]}"


def already_sent(row: frappe._dict, kind: str) -> bool:
	return bool(frappe.db.exists(REMINDER_DOCTYPE, reminder_key(row, kind)))


def notify(row: frappe._dict, kind: str, users: list[str]) -> bool:
	"""Record the reminder first (the unique name claims it), then send the notifications."""
	from frappe.desk.doctype.notification_log.notification_log import make_notification_logs

	record = frappe.get_doc(
		{
			"doctype": REMINDER_DOCTYPE,
			"reference_doctype": row.reference_doctype,
			"reference_name": row.reference_name,
			"state": row.state,
			"entered_at": row.entered_at,
			"kind": kind,
			"hours_waited": row.hours_waited,
			"sent_at": now_datetime(),
			"recipients": "\n".join(users),
		}
	)
	record.name = reminder_key(row, kind)
	try:
		record.db_insert()
	except frappe.DuplicateEntryError:
		return False
	for user in users:
		lang = user_language(user)
		make_notification_logs(
			{
				"type": "Alert",
				"document_type": row.reference_doctype,
				"document_name": row.reference_name,
				"subject": subject(row, kind, lang),
				"from_user": "Administrator",
			},
			[user],
		)
	return True


def user_language(user: str) -> str:
	return (
		frappe.get_cached_value("User", user, "language")
		or frappe.db.get_single_value("System Settings", "language")
		or "zh"
	)


def subject(row: frappe._dict, kind: str, lang: str) -> str:
	"""In the recipient's language (the site's: Chinese); names the document, never a person."""
	doctype = _(row.reference_doctype, lang=lang)
	state = _(row.state, lang=lang)
	hours = cint(row.hours_waited)
	if kind == rules.ESCALATION:
		return _("Escalated: {0} {1} has waited {2} hours in {3} without a decision.", lang=lang).format(
			doctype, row.reference_name, hours, state
		)
	return _("Reminder: {0} {1} has waited {2} hours in {3}; please decide.", lang=lang).format(
		doctype, row.reference_name, hours, state
	)


# --- the 逾期待审 list and number card ------------------------------------------------------------------


def overdue_for_user() -> list[dict]:
	"""The overdue documents the current user may read, each marked when the user may decide it."""
	rows = []
	user = frappe.session.user
	for row in overdue(as_user=True):
		rows.append(
			{
				"reference_doctype": row.reference_doctype,
				"reference_name": row.reference_name,
				"state": row.state,
				"entered_at": row.entered_at,
				"hours_waited": row.hours_waited,
				"time_limit_hours": row.time_limit_hours,
				"escalated": 1 if row.escalation_due else 0,
				"awaiting_me": 1 if user in pending_approvers(row) else 0,
			}
		)
	return rows


@frappe.whitelist()
def overdue_count(filters: str | dict | None = None) -> dict:
	"""The 逾期待审 number card (type Custom): how many overdue documents the user may read."""
	# The report's right: the reviewer roles hold "report" (not read) on Approval Reminder.
	if not frappe.has_permission(REMINDER_DOCTYPE, "report"):
		raise frappe.PermissionError
	return {
		"value": len(overdue(as_user=True)),
		"fieldtype": "Int",
		"route": ["query-report", REPORT],
	}
