"""逾期待审: documents that have waited in a review state longer than the state's time limit.

Only documents the user may read (Frappe's permissions and the app's community scope, through
frappe.get_list): a user with a role but no scope sees nothing.
"""

from __future__ import annotations

from frappe import _

from wuse_app.approvals.reminders import overdue_for_user


def execute(filters: dict | None = None):
	columns = [
		{
			"fieldname": "reference_doctype",
			"label": _("Document Type"),
			"fieldtype": "Link",
			"options": "DocType",
			"width": 140,
		},
		{
			"fieldname": "reference_name",
			"label": _("Document"),
			"fieldtype": "Dynamic Link",
			"options": "reference_doctype",
			"width": 180,
		},
		{"fieldname": "state", "label": _("State"), "fieldtype": "Data", "width": 180},
		{"fieldname": "entered_at", "label": _("Entered State At"), "fieldtype": "Datetime", "width": 160},
		{
			"fieldname": "hours_waited",
			"label": _("Hours Waited"),
			"fieldtype": "Float",
			"precision": 1,
			"width": 110,
		},
		{
			"fieldname": "time_limit_hours",
			"label": _("Time Limit (Hours)"),
			"fieldtype": "Float",
			"precision": 1,
			"width": 110,
		},
		{"fieldname": "escalated", "label": _("Escalation Due"), "fieldtype": "Check", "width": 100},
		{"fieldname": "awaiting_me", "label": _("Awaiting My Decision"), "fieldtype": "Check", "width": 120},
	]
	rows = overdue_for_user()
	for row in rows:
		row.update(state=translated(row.get("state")))
	rows.sort(key=lambda r: -r["hours_waited"])
	return columns, rows


def translated(state: str | None) -> str:
	"""The state as the workflow timeline shows it (its zh name)."""
	return _(state or "")
