# Copyright (c) 2026, Zhengyang Sub-district Office and contributors
# For license information, please see license.txt

from __future__ import annotations

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import get_datetime, get_fullname, now_datetime

from wuse_app.domain import linkage as rules
from wuse_app.linkage import workflow as need_workflow
from wuse_app.linkage.permissions import is_resident_only
from wuse_app.linkage.setup import urgency_hours
from wuse_app.registry.personal_data import PersonalDataMixin
from wuse_app.utils.private_files import privatise_url
from wuse_app.utils.validation import domain_errors

# Written by the server only (deadline, project link, feedback …): whatever a client sends is ignored.
SERVER_FIELDS = (
	"reported_on",
	"response_deadline",
	"resident_user",
	"service_project",
	"resolved_on",
	"feedback_requested",
	"satisfaction",
	"feedback_comment",
	"feedback_on",
	"is_emergency",
	"emergency",
	# raised from a consultation item, care visit or assessment (linkage/sources.py)
	"source_document_type",
	"source_document",
	"source_row",
)


class ResidentNeed(PersonalDataMixin, Document):
	def before_insert(self) -> None:
		if not self.flags.server_update:
			for fieldname in SERVER_FIELDS:
				self.set(fieldname, None)
		# Whole seconds (and so the deadline too): the portal's datetime control rejects a value with
		# microseconds ("Date … must be in format: yyyy-mm-dd") and the resident would see that error.
		self.reported_on = get_datetime(self.reported_on or now_datetime()).replace(microsecond=0)
		self.mark_emergency()
		if is_resident_only():
			# Submitted in the portal: the resident is the user, the source the portal.
			self.resident_user = frappe.session.user
			self.resident_name = self.resident_name or get_fullname(frappe.session.user)
			if frappe.db.exists("Need Source", rules.PORTAL_SOURCE):
				self.source = rules.PORTAL_SOURCE
			if not self.urgency:
				from wuse_app.utils.settings import get_settings

				self.urgency = get_settings().default_urgency

	def mark_emergency(self) -> None:
		"""Reported while the community is in emergency mode: marked, and first on the emergency's board."""
		from wuse_app.linkage.emergency import active_emergency

		self.emergency = active_emergency(self.community)
		self.is_emergency = 1 if self.emergency else 0

	def validate(self) -> None:
		self.keep_server_fields()
		self.validate_mobile("contact_mobile", "contact_mobile_masked")
		with domain_errors():
			self.people_affected = rules.validate_people_affected(self.people_affected)
		self.set_status_from_workflow()
		with domain_errors(_("Invalid urgency")):
			self.response_deadline = rules.response_deadline(
				get_datetime(self.reported_on), self.urgency, urgency_hours()
			)
		with domain_errors(_("Reason required")):
			self.status_reason = rules.validate_reason(self.status, self.status_reason)
		if self.status == rules.RESOLVED and not self.resolved_on:
			self.resolved_on = now_datetime()
		if self.photo and self.photo.startswith("/files/"):
			self.photo = privatise_url(self.photo)

	def keep_server_fields(self) -> None:
		if self.is_new() or self.flags.server_update:
			return
		previous = self.get_doc_before_save()
		if previous is None:
			return
		for fieldname in SERVER_FIELDS:
			self.set(fieldname, previous.get(fieldname))

	def set_status_from_workflow(self) -> None:
		status = need_workflow.status_of_state(self.workflow_state)
		if status:
			self.status = status
		elif not self.status:
			self.status = rules.OPEN

	@property
	def is_overdue(self) -> bool:
		return rules.is_overdue(self.status, get_datetime(self.response_deadline), now_datetime())


def on_doctype_update() -> None:
	frappe.db.add_index("Resident Need", ["community", "category", "status"])
	frappe.db.add_index("Resident Need", ["resident_user"])
	frappe.db.add_index("Resident Need", ["service_project"])
