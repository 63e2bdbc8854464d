# Copyright (c) 2026, Zhengyang Sub-district Office and contributors
# For license information, please see license.txt
"""Volunteers ranked by verified service hours, with masked names only (no ID or mobile numbers).

Hours are aggregated through frappe.get_list, so the user's community scoping applies.
"""

from __future__ import annotations

from typing import Any

import frappe
from frappe import _
from frappe.utils import cint

from wuse_app.domain.volunteering import competition_ranks, mask_person_name
from wuse_app.volunteering.report.volunteer_service_hours.volunteer_service_hours import record_filters

DEFAULT_LIMIT = 20


def execute(filters: dict | None = None) -> tuple[list[dict], list[dict]]:
	filters = frappe._dict(filters or {})
	return get_columns(), get_data(filters)


def get_data(filters: frappe._dict) -> list[dict[str, Any]]:
	limit = cint(filters.get("limit")) or DEFAULT_LIMIT
	rows = frappe.get_list(
		"Volunteer Service Record",
		filters=record_filters(filters),
		fields=["volunteer", "sum(hours) as hours", "count(name) as records"],
		group_by="volunteer",
		order_by="hours desc, volunteer asc",
		limit_page_length=limit,
	)
	if not rows:
		return []
	# The records above are ones the user may read; show only non-personal facts of their volunteers.
	volunteers = {
		v.name: v
		for v in frappe.get_all(
			"Volunteer",
			filters={"name": ["in", [row.volunteer for row in rows]]},
			fields=["name", "full_name", "community", "star_level"],
		)
	}
	ranks = competition_ranks([float(row.hours or 0) for row in rows])
	data = []
	for rank, row in zip(ranks, rows, strict=True):
		volunteer = volunteers.get(row.volunteer) or frappe._dict()
		data.append(
			{
				"rank": rank,
				"volunteer": row.volunteer,
				"masked_name": mask_person_name(volunteer.get("full_name")),
				"community": volunteer.get("community"),
				"star_level": volunteer.get("star_level") or 0,
				"records": row.records,
				"hours": float(row.hours or 0),
			}
		)
	return data


def get_columns() -> list[dict[str, Any]]:
	return [
		{"fieldname": "rank", "label": _("Rank"), "fieldtype": "Int", "width": 70},
		{"fieldname": "volunteer", "label": _("Volunteer Number"), "fieldtype": "Data", "width": 130},
		{"fieldname": "masked_name", "label": _("Name (Masked)"), "fieldtype": "Data", "width": 120},
		{"fieldname": "community", "label": _("Community"), "fieldtype": "Data", "width": 160},
		{"fieldname": "star_level", "label": _("Star Level"), "fieldtype": "Int", "width": 90},
		{"fieldname": "records", "label": _("Verified Records"), "fieldtype": "Int", "width": 130},
		{"fieldname": "hours", "label": _("Hours"), "fieldtype": "Float", "precision": 2, "width": 110},
	]
