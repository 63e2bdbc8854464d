# Copyright (c) 2026, Zhengyang Sub-district Office and contributors
# For license information, please see license.txt
"""Verified volunteer service hours by community, service category or month.

Aggregated in SQL through frappe.get_list, so the user's community scoping (User Permissions) and
the portal rules apply exactly as in the record list.
"""

from __future__ import annotations

from typing import Any

import frappe
from frappe import _

GROUPS = {
	"Community": (["community"], "community"),
	"Service Category": (["service_category"], "service_category"),
	"Month": (["year(service_date) as year", "month(service_date) as month"], "year, month"),
}


def execute(filters: dict | None = None) -> tuple[list[dict], list[dict], None, dict]:
	filters = frappe._dict(filters or {})
	group = filters.get("group_by") or "Community"
	if group not in GROUPS:
		frappe.throw(_("Choose what to group the hours by."))
	data = get_data(filters, group)
	return get_columns(group), data, None, get_chart(data, group)


def record_filters(filters: frappe._dict) -> list[list[Any]]:
	conditions: list[list[Any]] = [["docstatus", "=", 1]]  # only verified hours count
	if filters.get("from_date"):
		conditions.append(["service_date", ">=", filters.from_date])
	if filters.get("to_date"):
		conditions.append(["service_date", "<=", filters.to_date])
	for fieldname in ("community", "service_category", "volunteer"):
		if filters.get(fieldname):
			conditions.append([fieldname, "=", filters.get(fieldname)])
	return conditions


def get_data(filters: frappe._dict, group: str) -> list[dict[str, Any]]:
	fields, group_by = GROUPS[group]
	rows = frappe.get_list(
		"Volunteer Service Record",
		filters=record_filters(filters),
		fields=[
			*fields,
			"count(name) as records",
			"count(distinct volunteer) as volunteers",
			"sum(hours) as hours",
		],
		group_by=group_by,
		order_by=group_by if group == "Month" else "hours desc",
	)
	data = []
	for row in rows:
		item = {"records": row.records, "volunteers": row.volunteers, "hours": float(row.hours or 0)}
		if group == "Community":
			item["community"] = row.community
		elif group == "Service Category":
			item["service_category"] = row.service_category
			item["service_category_label"] = _(row.service_category)
		else:
			item["month"] = f"{int(row.year):04d}-{int(row.month):02d}"
		data.append(item)
	return data


def get_columns(group: str) -> list[dict[str, Any]]:
	first = {
		"Community": {
			"fieldname": "community",
			"label": _("Community"),
			"fieldtype": "Link",
			"options": "Community",
			"width": 180,
		},
		"Service Category": {
			"fieldname": "service_category_label",
			"label": _("Service Category"),
			"fieldtype": "Data",
			"width": 200,
		},
		"Month": {"fieldname": "month", "label": _("Month"), "fieldtype": "Data", "width": 110},
	}[group]
	return [
		first,
		{"fieldname": "records", "label": _("Verified Records"), "fieldtype": "Int", "width": 130},
		{"fieldname": "volunteers", "label": _("Volunteers"), "fieldtype": "Int", "width": 110},
		{"fieldname": "hours", "label": _("Hours"), "fieldtype": "Float", "precision": 2, "width": 120},
	]


def get_chart(data: list[dict], group: str) -> dict:
	key = {"Community": "community", "Service Category": "service_category_label", "Month": "month"}[group]
	return {
		"data": {
			"labels": [row[key] for row in data],
			"datasets": [{"name": _("Hours"), "values": [row["hours"] for row in data]}],
		},
		"type": "bar",
	}
