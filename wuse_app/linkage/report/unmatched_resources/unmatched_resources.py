"""Active resources nothing has been committed from yet (未对接资源), those that could serve waiting needs
first, then the longest waiting: what staff should match next. Scoped like the resource list."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import date_diff, getdate, today

from wuse_app.domain import linkage as rules
from wuse_app.linkage.supply import active_offers, active_resources, waiting_needs


def execute(filters=None):
	filters = frappe._dict(filters or {})
	offers = {
		o.name: o
		for o in active_offers(
			"title", "provider_type", "provider_name", "capacity", "capacity_unit", "creation"
		)
	}
	resources = [r for r in active_resources(list(offers.values())) if rules.is_unmatched(r)]
	if filters.get("community"):
		resources = [r for r in resources if r.community == filters.community]
	if filters.get("category"):
		resources = [r for r in resources if filters.category in r.categories]
	waiting = waiting_needs() if resources else []
	rows = []
	for r in resources:
		offer = offers[r.name]
		rows.append(
			{
				"resource": r.name,
				"title": offer.title,
				"provider_type": _(offer.provider_type),
				"provider_name": offer.provider_name,
				"community": r.community,
				"categories": "、".join(sorted(_(c) for c in r.categories)),
				"capacity": offer.capacity,
				"capacity_unit": _(offer.capacity_unit),
				"offered_on": getdate(offer.creation),
				"days_unmatched": date_diff(today(), getdate(offer.creation)),
				"servable_needs": rules.servable_needs(r, waiting),
			}
		)
	rows.sort(key=lambda row: (-row["servable_needs"], -row["days_unmatched"], row["resource"]))
	return columns(), rows


def columns() -> list[dict]:
	return [
		{
			"fieldname": "resource",
			"label": _("Resource"),
			"fieldtype": "Link",
			"options": "Resource Offer",
			"width": 140,
		},
		{"fieldname": "title", "label": _("Title"), "fieldtype": "Data", "width": 200},
		{"fieldname": "provider_type", "label": _("Provider Type"), "fieldtype": "Data", "width": 100},
		{"fieldname": "provider_name", "label": _("Provider"), "fieldtype": "Data", "width": 160},
		{
			"fieldname": "community",
			"label": _("Community"),
			"fieldtype": "Link",
			"options": "Community",
			"width": 120,
		},
		{"fieldname": "categories", "label": _("Categories"), "fieldtype": "Data", "width": 180},
		{"fieldname": "capacity", "label": _("Total Capacity"), "fieldtype": "Float", "width": 80},
		{"fieldname": "capacity_unit", "label": _("Unit"), "fieldtype": "Data", "width": 80},
		{"fieldname": "offered_on", "label": _("Offered On"), "fieldtype": "Date", "width": 100},
		{"fieldname": "days_unmatched", "label": _("Days Without a Match"), "fieldtype": "Int", "width": 110},
		{
			"fieldname": "servable_needs",
			"label": _("Waiting Needs It Can Serve"),
			"fieldtype": "Int",
			"width": 140,
		},
	]
