# Copyright (c) 2026, Zhengyang Sub-district Office and contributors
# For license information, please see license.txt

from __future__ import annotations

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate, today

from wuse_app.care.doctype.care_recipient.care_recipient import ensure_service_allowed
from wuse_app.domain import care as rules
from wuse_app.utils.validation import domain_errors, throw


class CareVisit(Document):
	"""A visit task (planned) or record (completed) on a care file.

	The volunteer's view is the level-0 fields: the person's name, address and what to do; findings,
	needs and emergencies sit at level 1, which volunteers cannot read.
	"""

	def validate(self) -> None:
		self.copy_from_care_file()
		self.validate_visitor()
		ensure_service_allowed(self.care_recipient, self.emergency, self.emergency_note)
		if self.status == "Completed":
			with domain_errors():
				rules.validate_visit_date(
					getdate(self.visit_date) if self.visit_date else None, getdate(today())
				)

	def copy_from_care_file(self) -> None:
		"""The task shows the name and address; they come from the care file, never typed in."""
		values = frappe.db.get_value(
			"Care Recipient", self.care_recipient, ["full_name", "address", "community"], as_dict=True
		)
		if not values:
			throw(_("Care file {0} does not exist.").format(self.care_recipient))
		self.recipient_name = values.full_name
		self.visit_address = values.address
		self.community = values.community

	def validate_visitor(self) -> None:
		if self.visitor_type == "Volunteer":
			self.social_worker = None
			if not self.volunteer:
				throw(_("Choose the volunteer who makes the visit."))
			if frappe.db.get_value("Volunteer", self.volunteer, "status") != "Active":
				throw(_("Volunteer {0} is not active.").format(self.volunteer))
		else:
			self.volunteer = None
			if not self.social_worker:
				throw(_("Choose the social worker who makes the visit."))

	def on_update(self) -> None:
		from wuse_app.care.visits import refresh_visit_schedule

		refresh_visit_schedule(self.care_recipient)

	def after_delete(self) -> None:
		from wuse_app.care.visits import refresh_visit_schedule

		refresh_visit_schedule(self.care_recipient)
