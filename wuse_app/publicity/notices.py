"""公示 (public notices): opened when a document enters a rule's state, closed when the period ends.

- `on_state_change` (hooks: every doctype's on_update / on_submit / on_update_after_submit) opens a
  Public Notice when a document enters the state a Wuse Settings rule names;
- `publicise(doc, rule)` opens one directly (the venture module hands its confirmed results here);
- `close_ended_notices` (daily scheduler) closes the notices whose period has ended with no pending or
  upheld objection and, when the rule says so, moves the document through its workflow as a system
  action (the trail records it as the system's, with the reason).

Objections (异议) are in wuse_app.publicity.api; the public page is wuse_app/www/gongshi.
"""

from __future__ import annotations

import datetime
import json

import frappe
from frappe import _
from frappe.utils import cint, getdate, now_datetime, today

from wuse_app.domain import publicity as rules
from wuse_app.publicity import rules as config

NOTICE = "Public Notice"
OBJECTION = "Public Notice Objection"
SYSTEM_USER = "Administrator"


def on_state_change(doc, method: str | None = None) -> None:
	if doc.meta.istable or doc.doctype in (NOTICE, OBJECTION):
		return
	# Uninstall deletes the app's records after Wuse Settings (where the rules live) is gone.
	if (
		frappe.flags.in_install
		or frappe.flags.in_migrate
		or frappe.flags.in_patch
		or frappe.flags.in_uninstall
	):
		return
	if doc.doctype not in config.rule_doctypes():
		return
	workflow_field = state_field(doc.doctype)
	if not workflow_field:
		return
	before = doc.get_doc_before_save()
	state = doc.get(workflow_field)
	if before is not None and before.get(workflow_field) == state:
		return
	for rule in config.rules_for(doc.doctype):
		if rule.start_state == state:
			publicise(doc, rule)


def state_field(doctype: str) -> str | None:
	from frappe.model.workflow import get_workflow_name

	name = get_workflow_name(doctype)
	return frappe.get_cached_value("Workflow", name, "workflow_state_field") if name else None


def publicise(
	doc, rule, start: datetime.date | None = None, extra_rows: list[list[str]] | None = None
) -> str:
	"""Open a Public Notice of `doc` under `rule` (a Public Notice Rule row or a dict with its fields).

	Only the rule's non-personal fields are published, then `extra_rows` ([label, value] the caller
	composed, e.g. a results list). Returns the notice's name; a document with a current notice gets
	no second one.
	"""
	rule = frappe._dict(rule if isinstance(rule, dict) else rule.as_dict())
	existing = frappe.db.get_value(
		NOTICE,
		{
			"reference_doctype": doc.doctype,
			"reference_name": doc.name,
			"status": ["in", (rules.OPEN, rules.UNDER_REVIEW)],
		},
		"name",
	)
	if existing:
		return existing
	start = getdate(start or today())
	days = max(cint(rule.days), 1)
	notice = frappe.get_doc(
		{
			"doctype": NOTICE,
			"title": notice_title(doc),
			"reference_doctype": doc.doctype,
			"reference_name": doc.name,
			"status": rules.OPEN,
			"start_date": start,
			"end_date": config.period_end(start, days),
			"start_state": rule.start_state,
			"next_state": rule.next_state if cint(rule.move_on_close) else None,
			"published_content": json.dumps(
				content(doc, rules.parse_fields(rule.published_fields)) + list(extra_rows or []),
				ensure_ascii=False,
			),
		}
	)
	notice.insert(ignore_permissions=True)  # the system opens it; who may read it is the doctype's
	return notice.name


def notice_title(doc) -> str:
	title = doc.get(doc.meta.title_field) if doc.meta.title_field else None
	return f"{_(doc.doctype)} {title or doc.name}"[:140]


def content(doc, fields: list[str]) -> list[list[str]]:
	"""[label, display value] of each publishable field (labels in English, translated when shown)."""
	rows = []
	for fieldname in config.publishable(doc.doctype, fields):
		df = doc.meta.get_field(fieldname)
		value = doc.get(fieldname)
		if df.fieldtype == "Link" and value:
			title_field = frappe.get_meta(df.options).title_field
			if title_field:
				value = frappe.db.get_value(df.options, value, title_field) or value
			display = str(value)
		elif df.fieldtype in ("Currency", "Float"):
			display = f"{float(value or 0):,.2f}"
		elif df.fieldtype in ("Table", "Table MultiSelect"):
			continue
		else:
			display = "" if value is None else str(value)
		rows.append([df.label or fieldname, display])
	return rows


# --- objections change the notice's status --------------------------------------------------------------


def refresh_status(notice_name: str) -> None:
	status = frappe.db.get_value(NOTICE, notice_name, "status")
	if status not in (rules.OPEN, rules.UNDER_REVIEW):
		return
	statuses = frappe.get_all(OBJECTION, filters={"notice": notice_name}, pluck="status")
	new_status = rules.notice_status(statuses)
	if new_status != status:
		frappe.db.set_value(NOTICE, notice_name, "status", new_status)


def inform_reviewers(notice_name: str, objection_name: str) -> None:
	"""Notification Log to the reviewers (Sub-district Reviewer and Wuse Administrator roles)."""
	from frappe.desk.doctype.notification_log.notification_log import make_notification_logs
	from frappe.utils.user import get_users_with_role

	from wuse_app.setup.roles import SUBDISTRICT_REVIEWER, WUSE_ADMINISTRATOR

	users = sorted(
		{u for role in (SUBDISTRICT_REVIEWER, WUSE_ADMINISTRATOR) for u in get_users_with_role(role)}
		- {"Administrator"}
	)
	if not users:
		return
	make_notification_logs(
		{
			"type": "Alert",
			"document_type": OBJECTION,
			"document_name": objection_name,
			"subject": _("Objection filed against public notice {0}: please review it.").format(notice_name),
			"from_user": SYSTEM_USER,
		},
		users,
	)


# --- the daily job ---------------------------------------------------------------------------------------


def close_ended_notices(on: str | datetime.date | None = None) -> list[str]:
	"""Daily (hooks `scheduler_events`): close the notices whose period ended with no pending or upheld
	objection; move the document on when the rule says so. Returns the closed notices."""
	day = getdate(on or today())
	closed = []
	for notice in frappe.get_all(
		NOTICE,
		filters={"status": ["in", (rules.OPEN, rules.UNDER_REVIEW)], "end_date": ["<", day]},
		fields=["name", "status", "end_date", "reference_doctype", "reference_name", "next_state"],
		order_by="end_date asc",
	):
		statuses = frappe.get_all(OBJECTION, filters={"notice": notice.name}, pluck="status")
		if not rules.can_close(notice.status, statuses, getdate(notice.end_date), day):
			continue
		moved = 0
		if notice.next_state:
			moved = int(move_document(notice))
		frappe.db.set_value(
			NOTICE,
			notice.name,
			{"status": rules.CLOSED, "closed_on": now_datetime(), "moved_document": moved},
		)
		closed.append(notice.name)
	return closed


def move_document(notice) -> bool:
	"""Take the workflow transition from the document's state to the rule's next state as the system.

	Through `apply_workflow` (the workflow's own transition, with its conditions and docstatus), by
	the system user with a recorded reason, so the trail shows a system action, not a person's. A
	document that has meanwhile left the notice's state, or has no such transition, is left alone.
	"""
	from frappe.model.workflow import apply_workflow, get_workflow_name

	if not frappe.db.exists(notice.reference_doctype, notice.reference_name):
		return False
	workflow = frappe.get_cached_doc("Workflow", get_workflow_name(notice.reference_doctype))
	doc = frappe.get_doc(notice.reference_doctype, notice.reference_name)
	state = doc.get(workflow.workflow_state_field)
	actions = [
		t.action for t in workflow.transitions if t.state == state and t.next_state == notice.next_state
	]
	if not actions:
		return False
	user = frappe.session.user
	try:
		frappe.set_user(SYSTEM_USER)
		doc.flags.approval_reason = _(
			"Public notice {0} ended without an upheld objection (system action)."
		).format(notice.name)
		doc.flags.system_action = True
		apply_workflow(doc, actions[0])
	except frappe.ValidationError:
		frappe.log_error(title=_("Public notice {0}: the document could not move").format(notice.name))
		return False
	finally:
		frappe.set_user(user)
	return True


def public_notices(on: datetime.date | None = None) -> list[dict]:
	"""What /gongshi shows to anyone, Guest included: the current notices' published content only.

	Read without a permission check on purpose: the page is public, and it reads only the title, the
	dates, the status and the published content (personal data is refused when rules are saved and
	left out again when a notice is written).
	"""
	day = getdate(on or today())
	rows = frappe.get_all(
		NOTICE,
		filters={"status": ["in", (rules.OPEN, rules.UNDER_REVIEW)], "start_date": ["<=", day]},
		fields=[
			"name",
			"title",
			"status",
			"start_date",
			"end_date",
			"reference_doctype",
			"published_content",
		],
		order_by="start_date desc, name desc",
		limit=200,
	)
	notices = []
	for row in rows:
		try:
			pairs = json.loads(row.published_content or "[]")
		except ValueError:
			pairs = []
		notices.append(
			{
				"name": row.name,
				"title": row.title,
				"status": row.status,
				"start_date": row.start_date,
				"end_date": row.end_date,
				"doctype": row.reference_doctype,
				"content": [(str(p[0]), str(p[1])) for p in pairs if isinstance(p, list) and len(p) == 2],
			}
		)
	return notices
