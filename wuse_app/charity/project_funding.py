"""Charity money of one Service Project: designated to it by donors and allocated to it from funds.

The Service Project form (module Projects) shows this in its dashboard through a client script of
this module (hooks `doctype_js`), and its Connections list Donations and Fund Allocations (hooks
`override_doctype_dashboards`), so the Projects module needs no knowledge of charity.
"""

from __future__ import annotations

from decimal import Decimal

import frappe
from frappe import _
from frappe.query_builder.functions import Coalesce, Sum

from wuse_app.domain import charity as rules


@frappe.whitelist()
def get_project_funding(project: str) -> dict:
	"""Money designated to and allocated to `project`, per fund (for anyone who may read the project)."""
	frappe.has_permission("Service Project", "read", project, throw=True)
	donation = frappe.qb.DocType("Donation")
	designated: dict[str, Decimal] = {}
	in_kind = rules.ZERO
	rows = (
		frappe.qb.from_(donation)
		.select(
			donation.fund,
			donation.donation_type,
			Sum(Coalesce(donation.amount, 0)),
			Sum(Coalesce(donation.total_value, 0)),
		)
		.where(donation.designated_project == project)
		.where(donation.docstatus == 1)
		.groupby(donation.fund, donation.donation_type)
	).run()
	for fund, donation_type, amount, total_value in rows:
		if donation_type == rules.MONEY:
			designated[fund] = designated.get(fund, rules.ZERO) + rules.money(amount)
		else:
			in_kind += rules.money(total_value)

	allocation = frappe.qb.DocType("Fund Allocation")
	allocated = {
		fund: rules.money(amount)
		for fund, amount in (
			frappe.qb.from_(allocation)
			.select(allocation.fund, Sum(Coalesce(allocation.amount, 0)))
			.where(allocation.service_project == project)
			.where(allocation.docstatus == 1)
			.groupby(allocation.fund)
		).run()
	}
	funds = []
	for fund in sorted(set(designated) | set(allocated)):
		position = rules.ProjectPosition(
			project, designated.get(fund, rules.ZERO), allocated.get(fund, rules.ZERO)
		)
		funds.append(
			{
				"fund": fund,
				"designated": float(position.designated),
				"allocated": float(position.allocated),
				"designated_available": float(position.designated_available),
			}
		)
	designated_available = sum(row["designated_available"] for row in funds)
	state = frappe.db.get_value("Service Project", project, "workflow_state")
	return {
		"project": project,
		"follow_up": stranded_money_follow_up(state, designated_available),
		"designated": float(sum(designated.values(), rules.ZERO)),
		"designated_in_kind_value": float(in_kind),
		"allocated": float(sum(allocated.values(), rules.ZERO)),
		"designated_available": designated_available,
		"funds": funds,
	}


def add_charity_connections(data: dict) -> dict:
	"""`override_doctype_dashboards` for Service Project: Donations and Fund Allocations in Connections."""
	data = frappe._dict(data or {})
	data.setdefault("fieldname", "service_project")
	data.setdefault("transactions", [])
	data.non_standard_fieldnames = {
		**(data.get("non_standard_fieldnames") or {}),
		"Donation": "designated_project",
		"Fund Allocation": "service_project",
	}
	known = {item for group in data.transactions for item in group.get("items", [])}
	items = [doctype for doctype in ("Donation", "Fund Allocation") if doctype not in known]
	if items:
		data.transactions.append({"label": _("Charity Funding"), "items": items})
	return data


def stranded_money_follow_up(project_state: str | None, designated_available: Decimal | float) -> str | None:
	"""What to do with designated money a closed project will not take (shown on the form and the ledger)."""
	from wuse_app.approvals.config import stage_of

	if not rules.designated_money_is_stranded(
		stage_of("Service Project", project_state), designated_available
	):
		return None
	return _("The project takes no more money: agree a new purpose or a refund with the donors.")
