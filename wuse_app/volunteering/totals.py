"""A volunteer's derived figures, kept exact: verified hours, star level and time-bank balance.

Every change that moves them (submitting or cancelling a service record, a redemption, a certificate,
saving a draft record) first locks the Volunteer row (SELECT … FOR UPDATE), and only then touches its
own rows. All writers for one volunteer are therefore serialised, and the figures are recomputed from
SQL sums of the submitted documents, read with *locking* reads: under MariaDB's REPEATABLE READ a plain
SELECT would see the transaction's older snapshot and could miss a record another user has just
committed; a locking read always sees the latest committed rows.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import frappe
from frappe.model.document import Document

from wuse_app.domain.settings import star_level
from wuse_app.utils.settings import STAR_FIELDS, changed, star_thresholds

DERIVED_FIELDS = ("total_service_hours", "star_level", "time_bank_balance")


def lock_volunteers(*volunteers: str | None) -> None:
	"""Lock the Volunteer rows (in name order, so two transactions never wait for each other in a cycle)."""
	for name in sorted({v for v in volunteers if v}):
		frappe.db.sql("select name from `tabVolunteer` where name = %s for update", (name,))


def verified_hours(volunteer: str) -> float:
	"""Sum of the volunteer's submitted (verified) service hours. Call with the volunteer locked."""
	result = frappe.db.sql(
		"""select coalesce(sum(hours), 0) from `tabVolunteer Service Record`
		where volunteer = %s and docstatus = 1 lock in share mode""",
		(volunteer,),
	)
	return float(result[0][0] or 0)


def ledger_balance(volunteer: str) -> float:
	"""Sum of the volunteer's time-bank ledger. Call with the volunteer locked."""
	result = frappe.db.sql(
		"""select coalesce(sum(points), 0) from `tabTime Bank Entry`
		where volunteer = %s lock in share mode""",
		(volunteer,),
	)
	return round(float(result[0][0] or 0), 2)


def hours_on_day(volunteer: str, service_date: Any, exclude: str | None = None) -> float:
	"""Hours of the volunteer's draft and verified records on one day, except record `exclude`."""
	result = frappe.db.sql(
		"""select coalesce(sum(hours), 0) from `tabVolunteer Service Record`
		where volunteer = %s and service_date = %s and docstatus < 2 and name != %s
		lock in share mode""",
		(volunteer, service_date, exclude or ""),
	)
	return float(result[0][0] or 0)


def on_settings_update(settings: Document, method: str | None = None) -> None:
	"""Wuse Settings `on_update` (doc_events): new star thresholds re-derive every star level."""
	if changed(settings, *STAR_FIELDS):
		update_star_levels(star_thresholds(settings))


def refresh_volunteer_totals(volunteer: str) -> dict[str, float | int]:
	"""Recompute and store the volunteer's derived figures from the submitted documents."""
	lock_volunteers(volunteer)
	hours = verified_hours(volunteer)
	values: dict[str, float | int] = {
		"total_service_hours": hours,
		"star_level": star_level(hours, star_thresholds()),
		"time_bank_balance": ledger_balance(volunteer),
	}
	# Not touching `modified`: a form open elsewhere may still be saved; `keep_derived_fields` then
	# carries these values over instead of the stale ones in that form.
	frappe.db.set_value("Volunteer", volunteer, values, update_modified=False)
	return values


def keep_derived_fields(doc: Document, method: str | None = None) -> None:
	"""Volunteer `validate` (doc_events): the derived figures are never taken from the form.

	Saving a Volunteer loads the stored row with a lock first (Document.check_if_latest), so the
	stored values are the current ones.
	"""
	previous = doc.get_doc_before_save()
	for fieldname in DERIVED_FIELDS:
		doc.set(fieldname, previous.get(fieldname) if previous else 0)


def update_star_levels(thresholds: Iterable[float] | None = None) -> int:
	"""Re-derive every volunteer's star level (after the thresholds in Wuse Settings change).

	Returns how many volunteers changed level.
	"""
	thresholds = tuple(thresholds) if thresholds is not None else star_thresholds()
	changed: dict[int, list[str]] = {}
	for name, hours, level in frappe.db.sql(
		"select name, total_service_hours, star_level from `tabVolunteer` for update"
	):
		new_level = star_level(hours, thresholds)
		if new_level != level:
			changed.setdefault(new_level, []).append(name)
	for new_level, names in changed.items():
		volunteer = frappe.qb.DocType("Volunteer")
		frappe.qb.update(volunteer).set(volunteer.star_level, new_level).where(
			volunteer.name.isin(names)
		).run()
	return sum(len(names) for names in changed.values())


class LocksVolunteer:
	"""Mixin for documents that move a volunteer's figures: lock the Volunteer row before anything else.

	Document.check_if_latest is the first step of insert, save, submit and cancel that reads the
	document's own row with a lock; taking the volunteer's lock just before it keeps one lock order
	(volunteer, then document) for every writer, so concurrent submissions queue instead of deadlocking.
	"""

	def check_if_latest(self) -> None:
		stored = None if self.is_new() else frappe.db.get_value(self.doctype, self.name, "volunteer")
		lock_volunteers(self.get("volunteer"), stored)
		super().check_if_latest()
