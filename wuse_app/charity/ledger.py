"""Fund balances, derived from submitted documents under a row lock on the fund.

Every change of a fund's money (submitting or cancelling a donation or an allocation) first locks the
fund row (`SELECT … FOR UPDATE`), then reads the sums of the submitted documents with *locking* reads.
Under MariaDB's REPEATABLE READ a plain SELECT would read the transaction's old snapshot and miss a
competing allocation committed while this one waited for the lock; a locking read sees the latest
committed rows. Two allocations submitted at the same moment are therefore checked one after the
other: one wins and the other is refused with the balance that is really left.
"""

from __future__ import annotations

from decimal import Decimal

import frappe
from frappe import _

from wuse_app.domain import charity as rules
from wuse_app.utils.validation import domain_errors

# The sums of a fund's submitted documents. The locking variants force the (fund, docstatus) index, so
# that they lock only this fund's submitted rows, whatever the optimiser would pick on a small table (a
# full scan would lock every fund's rows and let money operations on two funds deadlock).
FUND_INDEX = "fund_docstatus_index"
DONATION_SUMS = """select designated_project, donation_type, sum(coalesce(amount, 0)), sum(coalesce(total_value, 0))
	from `tabDonation`
	where fund = %(fund)s and docstatus = 1 and name != %(donation)s
	group by designated_project, donation_type"""
DONATION_SUMS_LOCKED = """select designated_project, donation_type, sum(coalesce(amount, 0)), sum(coalesce(total_value, 0))
	from `tabDonation` force index (fund_docstatus_index)
	where fund = %(fund)s and docstatus = 1 and name != %(donation)s
	group by designated_project, donation_type
	for update"""
ALLOCATION_SUMS = """select service_project, sum(coalesce(amount, 0))
	from `tabFund Allocation`
	where fund = %(fund)s and docstatus = 1 and name != %(allocation)s
	group by service_project"""
ALLOCATION_SUMS_LOCKED = """select service_project, sum(coalesce(amount, 0))
	from `tabFund Allocation` force index (fund_docstatus_index)
	where fund = %(fund)s and docstatus = 1 and name != %(allocation)s
	group by service_project
	for update"""
# Money held back for published venture calls (公益创投): each call keeps its live reservation in
# `reserved_amount` (the pool on publication, less each award, 0 once closed); see wuse_app.venture.
RESERVATION_SUM = """select sum(coalesce(reserved_amount, 0)) from `tabVenture Call`
	where fund = %(fund)s and name != %(call)s"""
RESERVATION_SUM_LOCKED = """select sum(coalesce(reserved_amount, 0)) from `tabVenture Call` force index (fund)
	where fund = %(fund)s and name != %(call)s
	for update"""


def add_fund_index(doctype: str) -> None:
	"""`on_doctype_update` of Donation and Fund Allocation: the index the locking sums use."""
	frappe.db.add_index(doctype, ["fund", "docstatus"], index_name=FUND_INDEX)


class LocksFundFirst:
	"""Mixin for Donation and Fund Allocation: the fund row is locked before the document's own row.

	Frappe locks a document's row (`check_if_latest`, SELECT … FOR UPDATE) at the start of every save
	of an existing document. Submitting or cancelling also locks the fund and reads the fund's other
	submitted documents with locking reads. If the fund were locked only after the document, two
	submits on one fund could each hold what the other waits for (a deadlock). So every save that can
	change money — submit, cancel, update after submit — takes the fund lock first; a transaction
	holding a fund's lock then only ever waits for transactions that do not need that lock.
	"""

	MONEY_FIELDS: tuple[str, ...] = ()

	def save(self, *args, **kwargs):
		if self.get("fund") and not self.is_new() and self.docstatus != 0:
			lock_fund(frappe.db.get_value(self.doctype, self.name, "fund") or self.fund)
		return super().save(*args, **kwargs)

	def validate_unchanged_on_cancel(self) -> None:
		"""Cancelling changes nothing but the status (Frappe would save other changed values too)."""
		previous = self.get_doc_before_save()
		if not previous:
			return
		changed = [f for f in self.MONEY_FIELDS if (previous.get(f) or None) != (self.get(f) or None)]
		if changed:
			frappe.throw(
				_("A document cannot be changed while it is cancelled: {0}.").format(
					", ".join(_(self.meta.get_label(f)) for f in changed)
				),
				title=_("Not allowed"),
			)


def lock_fund(fund: str) -> frappe._dict:
	"""Lock the fund row until the transaction ends; return its current custodian and status."""
	row = frappe.db.sql(
		"""select name, custodian_organization, status, community
		from `tabCommunity Fund` where name = %s for update""",
		(fund,),
		as_dict=True,
	)
	if not row:
		frappe.throw(_("Fund {0} does not exist.").format(fund), frappe.DoesNotExistError)
	return row[0]


def fund_position(
	fund: str,
	*,
	lock: bool = False,
	exclude_donation: str | None = None,
	exclude_allocation: str | None = None,
	exclude_call: str | None = None,
) -> rules.FundPosition:
	"""The fund's money from its submitted documents and venture-call reservations (locking reads when `lock`)."""
	params = {
		"fund": fund,
		"donation": exclude_donation or "",
		"allocation": exclude_allocation or "",
		"call": exclude_call or "",
	}
	received: dict[str | None, Decimal] = {}
	in_kind = rules.ZERO
	for project, donation_type, amount, total_value in frappe.db.sql(
		DONATION_SUMS_LOCKED if lock else DONATION_SUMS, params
	):
		if donation_type == rules.MONEY:
			received[project or None] = received.get(project or None, rules.ZERO) + rules.money(amount)
		else:
			in_kind += rules.money(total_value)
	allocated = {
		project: rules.money(amount)
		for project, amount in frappe.db.sql(ALLOCATION_SUMS_LOCKED if lock else ALLOCATION_SUMS, params)
	}
	reserved = frappe.db.sql(RESERVATION_SUM_LOCKED if lock else RESERVATION_SUM, params)[0][0]
	with domain_errors(_("Fund balance")):
		return rules.fund_position(received, allocated, in_kind, reserved)


def lock_and_read(fund: str, **exclude: str | None) -> rules.FundPosition:
	lock_fund(fund)
	return fund_position(fund, lock=True, **exclude)


def balance_values(position: rules.FundPosition) -> dict[str, float]:
	return {
		"total_received": float(position.total_received),
		"total_allocated": float(position.total_allocated),
		"available_balance": float(position.available_balance),
		"total_reserved": float(position.reserved),
		"total_in_kind_value": float(position.in_kind_value),
	}


def update_fund_balances(fund: str) -> rules.FundPosition:
	"""Recompute the fund's stored totals from the submitted documents (under the fund's row lock)."""
	position = lock_and_read(fund)
	frappe.db.set_value("Community Fund", fund, balance_values(position), update_modified=False)
	return position
