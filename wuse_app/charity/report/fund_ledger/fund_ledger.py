# Copyright (c) 2026, Zhengyang Sub-district Office and contributors
# For license information, please see license.txt
"""Fund Ledger: per fund, and inside it per pot of money, what was received, allocated and is available.

A fund's money sits in pots: the undesignated pot, and one pot per project that donors designated
money to. Each fund row is followed (indented) by its pots, which add up to the fund row. Project rows
also show everything the project received from the fund (its designated money and undesignated money).
In-kind gifts are reported at their estimated value and never counted as money.

Only submitted documents count. The funds come from frappe.get_list, so the user's community scoping
(User Permissions on Community) applies exactly as in the fund list; the sums are read for those funds.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import frappe
from frappe import _

from wuse_app.charity import ledger
from wuse_app.charity.project_funding import stranded_money_follow_up

FUND_ROW = "Fund"
UNDESIGNATED_ROW = "Undesignated"
PROJECT_ROW = "Project"


def execute(filters: dict | None = None) -> tuple[list[dict], list[dict], None, None, list[dict]]:
	filters = frappe._dict(filters or {})
	data = get_data(filters)
	return get_columns(), data, None, None, get_summary(data)


def get_funds(filters: frappe._dict) -> list[frappe._dict]:
	conditions: dict[str, Any] = {}
	for fieldname in ("community", "fund_type", "status", "custodian_organization"):
		if filters.get(fieldname):
			conditions[fieldname] = filters.get(fieldname)
	if filters.get("fund"):
		conditions["name"] = filters.fund
	return frappe.get_list(
		"Community Fund",
		filters=conditions,
		fields=["name", "community", "custodian_organization", "fund_type"],
		order_by="fund_name asc",
	)


def get_data(filters: frappe._dict) -> list[dict[str, Any]]:
	data: list[dict[str, Any]] = []
	positions = [(fund, ledger.fund_position(fund.name)) for fund in get_funds(filters)]
	projects = project_info({project for _fund, position in positions for project in position.projects})
	for fund, position in positions:
		data.append(
			row(
				fund,
				FUND_ROW,
				0,
				position.total_received,
				position.total_allocated,
				position.available_balance,
				in_kind=position.in_kind_value,
			)
		)
		if filters.get("funds_only"):
			continue
		undesignated_used = position.undesignated_received - position.undesignated_available
		data.append(
			row(
				fund,
				UNDESIGNATED_ROW,
				1,
				position.undesignated_received,
				undesignated_used,
				position.undesignated_available,
			)
		)
		for project in position.projects.values():
			info = projects.get(project.project) or frappe._dict()
			item = row(
				fund,
				PROJECT_ROW,
				1,
				project.designated,
				project.designated_used,
				project.designated_available,
				service_project=project.project,
				project_title=info.project_title,
			)
			item["allocated_to_project"] = float(project.allocated)
			item["project_state"] = _(info.workflow_state) if info.workflow_state else None
			item["note"] = stranded_money_follow_up(info.workflow_state, project.designated_available)
			data.append(item)
	return data


def row(
	fund: frappe._dict,
	row_type: str,
	indent: int,
	received: Decimal,
	allocated: Decimal,
	available: Decimal,
	service_project: str | None = None,
	in_kind: Decimal | None = None,
	project_title: str | None = None,
) -> dict[str, Any]:
	labels = {
		FUND_ROW: fund.name,
		UNDESIGNATED_ROW: _("Undesignated money"),
		PROJECT_ROW: _("Designated to {0}").format(
			f"{service_project} {project_title}" if project_title else service_project
		),
	}
	return {
		"ledger_item": labels[row_type],
		"row_type": row_type,
		"indent": indent,
		"fund": fund.name,
		"community": fund.community,
		"custodian_organization": fund.custodian_organization if row_type == FUND_ROW else None,
		"service_project": service_project,
		"received": float(received),
		"allocated": float(allocated),
		"available": float(available),
		"allocated_to_project": None,
		"in_kind_value": float(in_kind) if in_kind is not None else None,
		"project_state": None,
		"note": None,
	}


def project_info(projects: set[str]) -> dict[str, frappe._dict]:
	"""Title and state of the projects in the funds the user may read (neither is restricted data)."""
	if not projects:
		return {}
	rows = frappe.get_all(
		"Service Project",
		filters={"name": ("in", sorted(projects))},
		fields=["name", "project_title", "workflow_state"],
	)
	return {row.name: row for row in rows}


def get_summary(data: list[dict[str, Any]]) -> list[dict[str, Any]]:
	funds = [item for item in data if item["row_type"] == FUND_ROW]
	totals = {key: sum(item[key] for item in funds) for key in ("received", "allocated", "available")}
	in_kind = sum(item["in_kind_value"] or 0 for item in funds)
	return [
		{
			"label": _("Money Received"),
			"value": totals["received"],
			"datatype": "Currency",
			"indicator": "Blue",
		},
		{
			"label": _("Money Allocated"),
			"value": totals["allocated"],
			"datatype": "Currency",
			"indicator": "Orange",
		},
		{
			"label": _("Available Balance"),
			"value": totals["available"],
			"datatype": "Currency",
			"indicator": "Green",
		},
		{"label": _("In-kind Value Received"), "value": in_kind, "datatype": "Currency", "indicator": "Grey"},
	]


def get_columns() -> list[dict[str, Any]]:
	return [
		{"fieldname": "ledger_item", "label": _("Fund / Pot"), "fieldtype": "Data", "width": 260},
		{
			"fieldname": "fund",
			"label": _("Fund"),
			"fieldtype": "Link",
			"options": "Community Fund",
			"width": 160,
		},
		{
			"fieldname": "community",
			"label": _("Community"),
			"fieldtype": "Link",
			"options": "Community",
			"width": 120,
		},
		{
			"fieldname": "service_project",
			"label": _("Designated Project"),
			"fieldtype": "Link",
			"options": "Service Project",
			"width": 150,
		},
		{"fieldname": "project_state", "label": _("Project State"), "fieldtype": "Data", "width": 120},
		{"fieldname": "received", "label": _("Money Received"), "fieldtype": "Currency", "width": 130},
		{"fieldname": "allocated", "label": _("Money Allocated"), "fieldtype": "Currency", "width": 130},
		{"fieldname": "available", "label": _("Available"), "fieldtype": "Currency", "width": 130},
		{
			"fieldname": "allocated_to_project",
			"label": _("Allocated to Project (All Money)"),
			"fieldtype": "Currency",
			"width": 150,
		},
		{
			"fieldname": "in_kind_value",
			"label": _("In-kind Value Received"),
			"fieldtype": "Currency",
			"width": 140,
		},
		{
			"fieldname": "custodian_organization",
			"label": _("Custodian Organization"),
			"fieldtype": "Link",
			"options": "Social Organization",
			"width": 160,
		},
		{"fieldname": "note", "label": _("Follow-up"), "fieldtype": "Data", "width": 320},
		{"fieldname": "row_type", "label": _("Row Type"), "fieldtype": "Data", "hidden": 1},
	]
