"""Supply against demand per community × category: active resources (by the provider's community), how
many have capacity left, how many nothing was ever committed from, the needs waiting, and the cells where
needs wait and no resource with capacity left serves them (资源缺口).

Resources and needs are read through frappe.get_list, so the user's community scope (failing closed)
applies as in the lists; the figures come from wuse_app.domain.linkage.summarise_supply.
"""

from __future__ import annotations

import frappe
from frappe import _

from wuse_app.domain import linkage as rules
from wuse_app.linkage.supply import active_resources, waiting_needs


def execute(filters=None):
	filters = frappe._dict(filters or {})
	rows = rules.summarise_supply(active_resources(), waiting_needs())
	if filters.get("community"):
		rows = [row for row in rows if row.community == filters.community]
	if filters.get("category"):
		rows = [row for row in rows if row.category == filters.category]
	if filters.get("gaps_only"):
		rows = [row for row in rows if row.gap]
	return columns(), [{**row.__dict__, "gap": int(row.gap)} for row in rows]


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
		{"fieldname": "resources", "label": _("Active Resources"), "fieldtype": "Int", "width": 110},
		{
			"fieldname": "with_capacity_left",
			"label": _("With Capacity Left"),
			"fieldtype": "Int",
			"width": 110,
		},
		{"fieldname": "unmatched", "label": _("Never Matched"), "fieldtype": "Int", "width": 100},
		{"fieldname": "waiting_needs", "label": _("Waiting Needs"), "fieldtype": "Int", "width": 100},
		{
			"fieldname": "servable_by",
			"label": _("Resources That Can Serve"),
			"fieldtype": "Int",
			"width": 130,
		},
		{"fieldname": "gap", "label": _("Unserved Gap"), "fieldtype": "Check", "width": 70},
	]
