# Copyright (c) 2026, Zhengyang Sub-district Office and contributors
# For license information, please see license.txt

from __future__ import annotations

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate, today

from wuse_app.domain import care as rules
from wuse_app.registry.personal_data import PersonalDataMixin
from wuse_app.utils.validation import domain_errors, throw

# Fields that identify the person or their family: erased on a legal request. Type, community, risk
# level, dates, assessment scores and visit dates stay, so the statistics remain.
PERSONAL_FIELDS = (
	"full_name",
	"id_number",
	"id_number_masked",
	"gender",
	"date_of_birth",
	"address",
	"guardian_name",
	"guardian_relationship",
	"guardian_mobile",
	"emergency_contact_name",
	"emergency_contact_mobile",
	"living_notes",
	"consenter_name",
	"consent_form",
)


class CareRecipient(PersonalDataMixin, Document):
	def validate(self) -> None:
		if self.personal_data_erased:
			throw(_("The personal data of this care file was erased; it can no longer be edited."))
		with domain_errors():
			rules.validate_recipient_type(self.recipient_type)
		self.validate_id_number(required=True)
		self.is_child = int(
			rules.is_child_file(
				self.recipient_type,
				getdate(self.date_of_birth) if self.date_of_birth else None,
				getdate(today()),
			)
		)
		self.validate_mobile("guardian_mobile", None)
		self.validate_mobile("emergency_contact_mobile", None)
		with domain_errors(_("Guardian and emergency contact required")):
			rules.validate_child_contacts(
				bool(self.is_child),
				self.guardian_name,
				self.guardian_mobile,
				self.emergency_contact_name,
				self.emergency_contact_mobile,
			)
		self.validate_consent()
		self.validate_social_worker()
		self.update_visit_schedule()

	def validate_consent(self) -> None:
		with domain_errors(_("Consent")):
			rules.validate_consent(
				is_child=bool(self.is_child),
				consent_given=bool(self.consent_given),
				consent_by=self.consent_by,
				consenter_name=self.consenter_name,
				consent_date=getdate(self.consent_date) if self.consent_date else None,
				consent_use=self.consent_use,
				today=getdate(today()),
			)
		if self.consent_form and self.consent_form.startswith("/files/"):
			from wuse_app.utils.private_files import privatise_url

			self.consent_form = privatise_url(self.consent_form)

	def validate_social_worker(self) -> None:
		if not self.assigned_social_worker:
			return
		status = frappe.db.get_value("Social Worker", self.assigned_social_worker, "status")
		if status and status != "Active":
			throw(
				_("Social worker {0} has departed; assign an active social worker.").format(
					self.assigned_social_worker
				)
			)

	def update_visit_schedule(self) -> None:
		from wuse_app.care.visits import visit_intervals

		with domain_errors():
			self.visit_interval_days = rules.visit_interval_days(self.risk_level, visit_intervals())
		due = rules.next_visit_due(
			getdate(self.last_visit_date) if self.last_visit_date else None,
			getdate(self.opened_on or today()),
			self.visit_interval_days,
		)
		self.next_visit_due = None if self.status == "Closed" else due

	@frappe.whitelist()
	def close_file(self, reason: str) -> None:
		"""Close the care file: no further visits or assessments; planned visits are cancelled."""
		self.check_permission("write")
		if self.status == "Closed":
			throw(_("This care file is already closed."))
		if not (reason or "").strip():
			throw(_("Enter why the care file is closed."))
		self.status = "Closed"
		self.closed_on = today()
		self.closure_reason = reason.strip()
		self.save()
		for visit in frappe.get_all(
			"Care Visit", {"care_recipient": self.name, "status": "Planned"}, pluck="name"
		):
			frappe.db.set_value("Care Visit", visit, "status", "Missed")

	@frappe.whitelist()
	def erase_personal_data(self, legal_basis: str) -> None:
		"""On a legal request: erase who the person is, keep what the statistics need.

		Only a Wuse Administrator may erase, and only a closed file. Names and free text on the
		file's visits and assessments are erased too; the signed consent form is deleted.
		"""
		from wuse_app.setup.roles import WUSE_ADMINISTRATOR

		if frappe.session.user != "Administrator" and WUSE_ADMINISTRATOR not in frappe.get_roles():
			throw(
				_("Only a Wuse Administrator may erase a care file's personal data."),
				exc=frappe.PermissionError,
			)
		self.check_permission("write")
		if self.status != "Closed":
			throw(_("Close the care file before erasing its personal data."))
		if self.personal_data_erased:
			throw(_("The personal data of this care file was already erased."))
		if not (legal_basis or "").strip():
			throw(_("Enter the legal request that requires the erasure."))
		for file in frappe.get_all(
			"File",
			{
				"attached_to_doctype": ["in", ["Care Recipient", "Care Visit", "Care Assessment"]],
				"attached_to_name": ["in", [self.name, *self._child_records()]],
			},
			pluck="name",
		):
			frappe.delete_doc("File", file, ignore_permissions=True)  # erasure is checked above
		values = {field: None for field in PERSONAL_FIELDS}
		values["full_name"] = _("Erased ({0})").format(self.name)
		values.update(personal_data_erased=1, erased_on=today(), erasure_basis=legal_basis.strip())
		frappe.db.set_value("Care Recipient", self.name, values)
		for visit in frappe.get_all("Care Visit", {"care_recipient": self.name}, pluck="name"):
			frappe.db.set_value(
				"Care Visit",
				visit,
				{
					"recipient_name": values["full_name"],
					"visit_address": None,
					"findings": None,
					"needs_raised": None,
					"emergency_note": None,
					"task": _("Erased"),
				},
			)
		for assessment in frappe.get_all("Care Assessment", {"care_recipient": self.name}, pluck="name"):
			frappe.db.set_value("Care Assessment", assessment, {"notes": None, "emergency_note": None})
		for doctype in ("Comment", "Communication"):
			frappe.db.delete(doctype, {"reference_doctype": "Care Recipient", "reference_name": self.name})
		frappe.db.delete("Version", {"ref_doctype": "Care Recipient", "docname": self.name})
		self.reload()

	def _child_records(self) -> list[str]:
		return [
			*frappe.get_all("Care Visit", {"care_recipient": self.name}, pluck="name"),
			*frappe.get_all("Care Assessment", {"care_recipient": self.name}, pluck="name"),
		]


def ensure_service_allowed(care_recipient: str, emergency: bool, emergency_note: str | None) -> None:
	"""Visits and assessments need an open file with consent, or a recorded emergency."""
	status, consent = frappe.db.get_value("Care Recipient", care_recipient, ["status", "consent_given"]) or (
		None,
		0,
	)
	if status == "Closed":
		throw(_("Care file {0} is closed.").format(care_recipient))
	with domain_errors(_("Consent required")):
		rules.validate_service_allowed(bool(consent), bool(emergency), emergency_note)
