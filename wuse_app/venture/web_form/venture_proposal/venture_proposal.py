"""Web form "Venture Proposal": an organisation's portal user sends a proposal to an open venture call.

Built like the Service Project application form (wuse_app/projects/web_form): the form lists the
applicant's fields only, and the Venture Proposal controller decides on the server (eligibility, one per
call, the ceiling, the deadline lock, the user's own organisation). This module only prepares the page:
the open calls to choose from, the proposal's state and whether it may still change or be withdrawn.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import escape_html, format_datetime, get_datetime, now_datetime

from wuse_app.domain import venture as rules
from wuse_app.projects.portal import form_messages, translate_form_page
from wuse_app.projects.web_form.service_project_application.service_project_application import (
	escaped_list,
)

# Strings of venture_proposal.js (web pages receive only the translations they are given).
MESSAGES = (
	"Status",
	"Submission Deadline",
	"Withdraw Proposal",
	"Withdraw this proposal? You can send a new one before the deadline.",
	"Your proposal has been withdrawn.",
	"This proposal can no longer be changed: the submission deadline has passed or it was withdrawn or decided.",
	"No venture call is open for proposals at the moment.",
	"You are not registered as the portal user of any active organisation. Ask the sub-district office to add you to your organisation.",
)
CHILD_DOCTYPES = ("Service Project Budget Item", "Service Project Milestone")
STATUSES = (rules.SUBMITTED, rules.WITHDRAWN, rules.AWARDED_PROPOSAL, rules.NOT_AWARDED)


def open_calls() -> list[dict]:
	"""The calls taking proposals now (published, before the deadline), newest deadline last.

	Published calls are public (the portal lists them for everyone); the filter is the permission.
	"""
	calls = frappe.get_all(
		"Venture Call",
		filters={"status": rules.OPEN, "submission_deadline": [">", now_datetime()]},
		fields=["name", "call_title", "submission_deadline"],
		order_by="submission_deadline asc",
	)
	return [
		{
			"value": c.name,
			"label": escape_html(f"{c.call_title}（{c.name}）"),
			"deadline": str(c.submission_deadline),
		}
		for c in calls
	]


def proposal_state(doc) -> dict:
	"""What the page shows of a saved proposal and which actions it offers."""
	call = frappe.db.get_value(
		"Venture Call", doc.venture_call, ["status", "submission_deadline"], as_dict=True
	)
	open_now = bool(
		call
		and call.status == rules.OPEN
		and (not call.submission_deadline or now_datetime() <= get_datetime(call.submission_deadline))
	)
	editable = open_now and doc.status == rules.SUBMITTED
	return {
		"name": doc.name,
		"status": _(doc.status or rules.SUBMITTED),
		"deadline": format_datetime(call.submission_deadline, "yyyy-MM-dd HH:mm")
		if call and call.submission_deadline
		else "",
		"editable": editable,
		"withdrawable": editable and doc.has_permission("write"),
	}


def get_context(context):
	translate_form_page(context)
	context.wuse_messages = frappe.as_json(
		{**form_messages("Venture Proposal", CHILD_DOCTYPES, MESSAGES), **{s: _(s) for s in STATUSES}}
	)
	calls = open_calls()
	for field in (context.web_form_doc or {}).get("web_form_fields") or []:
		if field.fieldname == "venture_call" and field.fieldtype == "Autocomplete":
			field.options = frappe.as_json([{"value": c["value"], "label": c["label"]} for c in calls])
	context.wuse_open_calls = frappe.as_json(calls)
	# Frappe hands the template the proposal as a plain dict; its permissions need the document.
	name = (context.get("reference_doc") or {}).get("name")
	doc = frappe.get_doc("Venture Proposal", name) if name else None
	context.wuse_proposal = frappe.as_json(proposal_state(doc) if doc else {})
	return context


def get_list_context(context):
	"""The portal list, escaped like the project applications' list, with the status in the user's language."""
	context.get_list = translated_list
	return context


def translated_list(doctype, txt, filters, limit_start, limit_page_length=20, **kwargs):
	rows = escaped_list(doctype, txt, filters, limit_start, limit_page_length, **kwargs)
	for row in rows:
		status = row.get("status")
		if status:
			row["status"] = _(status)
	return rows
