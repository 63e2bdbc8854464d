"""Dashboard chart source: service projects per approval state, in the workflow's order, with the state
names in the user's language (a "Group By" chart would show the stored English names)."""

from __future__ import annotations

import frappe
from frappe import _

from wuse_app.workflows.service_project import workflow_states


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
	frappe.has_permission("Service Project", "read", throw=True)
	filters = frappe.parse_json(filters) or {}
	conditions = {"community": filters["community"]} if filters.get("community") else {}
	# frappe.get_list: the user's community scope applies
	counts = {
		row.workflow_state: row.count
		for row in frappe.get_list(
			"Service Project",
			filters=conditions,
			fields=["workflow_state", "count(name) as count"],
			group_by="workflow_state",
			order_by="workflow_state asc",
		)
	}
	states = [state for state in workflow_states() if counts.get(state)]
	states += sorted(state for state in counts if state and state not in states)
	return {
		"labels": [_(state) for state in states],
		"datasets": [{"name": _("Service Projects"), "values": [counts[state] for state in states]}],
	}
