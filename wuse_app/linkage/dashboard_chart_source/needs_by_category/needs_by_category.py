"""Dashboard chart source: needs per service category, split into waiting, being served and resolved,
with category names in the user's language (a "Group By" chart would show the stored English names)."""

from __future__ import annotations

import frappe
from frappe import _

from wuse_app.domain import linkage as rules

GROUPS = (
	("Waiting", (rules.OPEN, rules.ASSIGNED)),
	("Matched or In Service", (rules.MATCHED, rules.IN_SERVICE)),
	("Resolved", (rules.RESOLVED, rules.CLOSED)),
)


@frappe.whitelist()
def get(
	chart_name=None,
	chart=None,
	no_cache=None,
	filters=None,
	from_date=None,
	to_date=None,
	timespan=None,
	time_interval=None,
	heatmap_year=None,
) -> dict:
	frappe.has_permission("Resident Need", "read", throw=True)
	filters = frappe.parse_json(filters) or {}
	conditions = {"community": filters["community"]} if filters.get("community") else {}
	counts: dict[tuple[str, str], int] = {}
	# frappe.get_list: the user's community scope applies (a community role without one sees nothing)
	for row in frappe.get_list(
		"Resident Need",
		filters=conditions,
		fields=["category", "status", "count(name) as count"],
		group_by="category, status",
		order_by="category asc",
	):
		counts[(row.category, row.status)] = row.count
	categories = sorted({category for category, _status in counts if category})
	return {
		"labels": [_(category) for category in categories],
		"datasets": [
			{
				"name": _(label),
				"values": [sum(counts.get((category, s), 0) for s in statuses) for category in categories],
			}
			for label, statuses in GROUPS
		],
	}
