"""Needs per community × category: open, matched, resolved, overdue, median days to resolve, satisfaction.

Read through frappe.get_list, so the user's community scope (and its fail-closed rule) applies exactly as
in the need list. The figures come from the framework-free rule wuse_app.domain.linkage.summarise_needs.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import get_datetime, now_datetime

from wuse_app.domain import linkage as rules


def execute(filters=None):
	filters = frappe._dict(filters or {})
	conditions = {}
	if filters.get("community"):
		conditions["community"] = filters.community
	needs = frappe.get_list(
		"Resident Need",
		filters=conditions,
		fields=[
			"community",
			"category",
			"status",
			"response_deadline",
			"reported_on",
			"resolved_on",
			"satisfaction",
		],
		limit_page_length=0,
	)
	rows = rules.summarise_needs(
		(
			rules.NeedRecord(
				n.community,
				n.category,
				n.status,
				get_datetime(n.reported_on) if n.reported_on else None,
				get_datetime(n.response_deadline) if n.response_deadline else None,
				get_datetime(n.resolved_on) if n.resolved_on else None,
				n.satisfaction or None,
			)
			for n in needs
		),
		now_datetime(),
	)
	return columns(), [row.__dict__ for row in rows]


def columns() -> list[dict]:
	return [
		{
			"fieldname": "community",
			"label": _("Community"),
			"fieldtype": "Link",
			"options": "Community",
			"width": 140,
		},
		{
			"fieldname": "category",
			"label": _("Category"),
			"fieldtype": "Link",
			"options": "Service Category",
			"width": 160,
		},
		{"fieldname": "total", "label": _("Needs"), "fieldtype": "Int", "width": 80},
		{"fieldname": "open", "label": _("Waiting"), "fieldtype": "Int", "width": 80},
		{"fieldname": "matched", "label": _("Matched or In Service"), "fieldtype": "Int", "width": 120},
		{"fieldname": "resolved", "label": _("Resolved"), "fieldtype": "Int", "width": 90},
		{"fieldname": "overdue", "label": _("Overdue"), "fieldtype": "Int", "width": 90},
		{
			"fieldname": "median_days_to_resolve",
			"label": _("Median Days to Resolve"),
			"fieldtype": "Float",
			"precision": 1,
			"width": 130,
		},
		{
			"fieldname": "satisfaction",
			"label": _("Average Satisfaction"),
			"fieldtype": "Float",
			"precision": 1,
			"width": 120,
		},
	]
