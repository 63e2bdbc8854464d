"""The supply side read for the 联动 reports: the active resources a user may see, with their categories
and covered communities, and the needs still waiting for a resource. Both go through frappe.get_list,
so the community scope (fail-closed, wuse_app/linkage/permissions.py) applies; the child rows are read
only for resources that list returned."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

import frappe
from frappe.utils import flt

from wuse_app.domain import linkage as rules

ACTIVE = "Active"
# Needs not yet served by a resource: reported, or assigned to a responsible party but not matched.
UNSERVED = sorted(rules.WAITING_STATUSES | {rules.ASSIGNED})


OFFER_FIELDS = ("name", "community", "committed", "remaining_capacity", "covers_whole_subdistrict")


def active_offers(*fields: str) -> list[frappe._dict]:
	"""The active Resource Offers the user may see, with OFFER_FIELDS and any further `fields`."""
	return frappe.get_list(
		"Resource Offer",
		filters={"status": ACTIVE},
		fields=[*OFFER_FIELDS, *fields],
		limit_page_length=0,
	)


def active_resources(offers: list[frappe._dict] | None = None) -> list[rules.ResourceRecord]:
	"""`offers` (default: active_offers()) as the domain's records, with their categories and coverage."""
	offers = active_offers() if offers is None else offers
	if not offers:
		return []
	names = [o.name for o in offers]
	children = {}
	for table, field in (("Resource Offer Category", "category"), ("Resource Offer Community", "community")):
		rows = defaultdict(set)
		for row in frappe.get_all(
			table, filters={"parent": ["in", names], "parenttype": "Resource Offer"}, fields=["parent", field]
		):
			rows[row.parent].add(row[field])
		children[table] = rows
	return [
		rules.ResourceRecord(
			o.name,
			o.community,
			frozenset(children["Resource Offer Category"].get(o.name, ())),
			frozenset()
			if o.covers_whole_subdistrict
			else frozenset(children["Resource Offer Community"].get(o.name, ())),
			Decimal(str(flt(o.committed))),
			Decimal(str(flt(o.remaining_capacity))),
		)
		for o in offers
	]


def waiting_needs() -> list[tuple[str, str]]:
	needs = frappe.get_list(
		"Resident Need",
		filters={"status": ["in", UNSERVED]},
		fields=["community", "category"],
		limit_page_length=0,
	)
	return [(n.community, n.category) for n in needs]
