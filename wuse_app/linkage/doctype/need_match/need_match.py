# Copyright (c) 2026, Zhengyang Sub-district Office and contributors
# For license information, please see license.txt

from __future__ import annotations

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import flt, now_datetime

from wuse_app.domain import linkage as rules
from wuse_app.utils.validation import domain_errors, throw

CANCELLED = "Cancelled"
FIXED_FIELDS = (
	"need",
	"resource",
	"quantity",
	"community",
	"category",
	"capacity_unit",
	"matched_by",
	"matched_on",
	"is_emergency",
	"emergency",
	"assignment_note",
	"review_status",
	"reviewed_by",
	"reviewed_on",
	"review_note",
)


class NeedMatch(Document):
	"""A resource committed to a need. Capacity is taken under the resource's row lock.

	Two staff accepting the same resource at once: the second waits for the first's lock (SELECT … FOR
	UPDATE on the Resource Offer row), then reads what is left after the first commitment, so the
	capacity never goes below zero.
	"""

	def validate(self) -> None:
		previous = self.get_doc_before_save()
		if self.is_new():
			self.validate_new_match()
		elif previous:
			# What was committed, to what, by whom and its review are fixed: a change is a new match.
			for fieldname in FIXED_FIELDS:
				self.set(fieldname, previous.get(fieldname))
		if not self.is_new() and previous and previous.status != self.status:
			if previous.status == CANCELLED:
				throw(_("A cancelled match cannot be reopened; make a new match."), title=_("Not allowed"))
			if self.status == CANCELLED:
				self.flags.release = True

	def validate_new_match(self) -> None:
		if self.emergency:
			return self.validate_emergency_assignment()
		if not self.need:
			throw(_("Choose the need the resource is for."), title=_("Missing need"))
		need = frappe.db.get_value(
			"Resident Need", self.need, ["community", "category", "status", "is_emergency"], as_dict=True
		)
		if not need:
			throw(_("Need {0} does not exist.").format(self.need))
		if need.status not in rules.ACTIONABLE_STATUSES:
			throw(
				_("Need {0} is {1}; only needs not yet served can get resources.").format(
					self.need, _(need.status)
				),
				title=_("Not allowed"),
			)
		self.community, self.category, self.is_emergency = need.community, need.category, need.is_emergency
		self.status = "Committed"
		self.matched_by = frappe.session.user
		self.matched_on = now_datetime()
		resource = lock_resource(self.resource)
		if resource.status != "Active":
			throw(
				_("Resource {0} is {1}, not active.").format(self.resource, _(resource.status)),
				title=_("Not allowed"),
			)
		categories, communities = resource_coverage(self.resource, resource)
		if not rules.serves(need.category, need.community, categories, communities):
			throw(
				_("Resource {0} does not serve {1} in {2}.").format(
					self.resource, _(need.category), need.community
				),
				title=_("Not allowed"),
			)
		self.capacity_unit = resource.capacity_unit
		with domain_errors(_("Not enough capacity")):
			self.quantity = flt(
				rules.validate_commitment(self.quantity, committed_left(self.resource, resource.capacity))
			)

	def validate_emergency_assignment(self) -> None:
		"""Emergency mode (应急): the 两委 assign any active resource of the area at once — no category
		match, to a need or to the emergency as a whole — still never beyond what is left; reviewed later."""
		from wuse_app.linkage.emergency import DOCTYPE, _working_communities

		emergency = frappe.get_doc(DOCTYPE, self.emergency)
		if not self.flags.ignore_permissions:
			emergency.check_permission("write")
		with domain_errors(_("Cannot assign")):
			rules.ensure_emergency_active(emergency.status)
		communities = _working_communities(emergency)
		if self.need:
			need = frappe.db.get_value(
				"Resident Need", self.need, ["community", "category", "status"], as_dict=True
			)
			if not need or need.community not in communities:
				throw(
					_("Need {0} is not in the communities of this emergency.").format(self.need),
					title=_("Not allowed"),
				)
			if need.status not in rules.ACTIONABLE_STATUSES:
				throw(
					_("Need {0} is {1}; only needs not yet served can get resources.").format(
						self.need, _(need.status)
					),
					title=_("Not allowed"),
				)
			self.community, self.category = need.community, need.category
		self.status = "Committed"
		self.is_emergency = 1
		self.review_status = rules.REVIEW_PENDING
		for fieldname in ("reviewed_by", "reviewed_on", "review_note"):
			self.set(fieldname, None)
		self.matched_by = frappe.session.user
		self.matched_on = now_datetime()
		resource = lock_resource(self.resource)
		if resource.status != "Active":
			throw(
				_("Resource {0} is {1}, not active.").format(self.resource, _(resource.status)),
				title=_("Not allowed"),
			)
		_categories, covered = resource_coverage(self.resource, resource)
		area = [c for c in communities if not covered or c in covered]
		if not area:
			throw(
				_("Resource {0} does not serve the communities of this emergency.").format(self.resource),
				title=_("Not allowed"),
			)
		if not self.need:
			self.community = area[0]
		self.capacity_unit = resource.capacity_unit
		self.reasons = _("Assigned in emergency mode")
		with domain_errors(_("Not enough capacity")):
			self.quantity = flt(
				rules.validate_commitment(self.quantity, committed_left(self.resource, resource.capacity))
			)

	def after_insert(self) -> None:
		update_committed(self.resource)
		if self.need:
			self.advance_need()
		if self.emergency:
			from wuse_app.linkage.emergency import after_emergency_assignment

			after_emergency_assignment(self)

	def on_update(self) -> None:
		if self.flags.release:
			lock_resource(self.resource)
			update_committed(self.resource)
			self.flags.release = False

	def on_trash(self) -> None:
		if self.status != CANCELLED:
			lock_resource(self.resource)
			frappe.db.set_value("Need Match", self.name, "status", CANCELLED, update_modified=False)
			update_committed(self.resource)

	def advance_need(self) -> None:
		"""The need moves on to Matched when the user's workflow allows it (never back)."""
		from wuse_app.linkage.workflow import move_to_status

		need = frappe.get_doc("Resident Need", self.need)
		if need.status in (rules.OPEN, rules.ASSIGNED):
			move_to_status(need, rules.MATCHED)


# A locking read: it sees the latest committed matches, not the transaction's older snapshot (under
# REPEATABLE READ a plain read would miss a match another user committed while we waited for the lock).
COMMITTED_SQL = (
	"select coalesce(sum(quantity), 0) from `tabNeed Match` where resource = %s and status != %s for update"
)


def lock_resource(resource: str) -> frappe._dict:
	row = frappe.db.sql(
		"""select name, capacity, capacity_unit, status, covers_whole_subdistrict
		from `tabResource Offer` where name = %s for update""",
		resource,
		as_dict=True,
	)
	if not row:
		throw(_("Resource {0} does not exist.").format(resource))
	return row[0]


def committed_left(resource: str, capacity: float) -> float:
	"""Capacity minus what the resource's live matches hold (read after the row lock)."""
	committed = frappe.db.sql(
		COMMITTED_SQL,
		(resource, CANCELLED),
	)[0][0]
	return flt(rules.remaining_capacity(capacity, committed)) if flt(committed) <= flt(capacity) else 0.0


def update_committed(resource: str) -> None:
	capacity = frappe.db.get_value("Resource Offer", resource, "capacity")
	committed = flt(
		frappe.db.sql(
			COMMITTED_SQL,
			(resource, CANCELLED),
		)[0][0]
	)
	frappe.db.set_value(
		"Resource Offer",
		resource,
		{"committed": committed, "remaining_capacity": max(flt(capacity) - committed, 0)},
	)


def resource_coverage(resource: str, row) -> tuple[list[str], list[str]]:
	categories = frappe.get_all(
		"Resource Offer Category",
		filters={"parent": resource, "parenttype": "Resource Offer"},
		pluck="category",
	)
	communities = (
		[]
		if row.covers_whole_subdistrict
		else frappe.get_all(
			"Resource Offer Community",
			filters={"parent": resource, "parenttype": "Resource Offer"},
			pluck="community",
		)
	)
	return categories, communities


def on_doctype_update() -> None:
	frappe.db.add_index("Need Match", ["resource", "status"])
	frappe.db.add_index("Need Match", ["need"])
