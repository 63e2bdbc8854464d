# Copyright (c) 2026, Zhengyang Sub-district Office and contributors
# For license information, please see license.txt

from __future__ import annotations

import frappe
from frappe import _
from frappe.model.document import Document

from wuse_app.domain import charity as rules
from wuse_app.registry.personal_data import PersonalDataMixin
from wuse_app.utils.validation import domain_errors


class Donor(PersonalDataMixin, Document):
	"""A donor. ID number and mobile are personal data at permission level 1.

	Only Wuse Administrators and Sub-district Reviewers read them. Community staff register donors and
	may *write* both fields without reading them (blank on save = unchanged); everyone sees the masked
	copies. Unlike volunteers, the mobile of a donor is not a contact of community staff, so it sits at
	the same level as the ID number.
	"""

	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		community: DF.Link | None
		contact_person: DF.Data | None
		birth_year: DF.Int
		date_of_birth: DF.Date | None
		disabled: DF.Check
		donor_name: DF.Data
		donor_type: DF.Literal["Individual", "Enterprise", "Social Organization"]
		gender: DF.Literal["", "Male", "Female"]
		id_number: DF.Data | None
		id_number_masked: DF.Data | None
		is_anonymous: DF.Check
		mobile: DF.Data | None
		mobile_masked: DF.Data | None
		naming_series: DF.Literal["DNR-.#####"]
		notes: DF.SmallText | None
		uscc: DF.Data | None
	# end: auto-generated types

	def validate(self) -> None:
		self.validate_identity()
		self.validate_donor_mobile()

	def validate_identity(self) -> None:
		if self.donor_type == rules.INDIVIDUAL:
			self.uscc = None
			self.validate_id_number(required=False)
			return
		# Organisations have a credit code, not a resident ID (the fields are hidden for them).
		self.id_number = self.id_number_masked = self.gender = self.date_of_birth = self.birth_year = None
		with domain_errors(_("Invalid credit code")):
			self.uscc = rules.validate_donor_identity(self.donor_type, self.uscc)
		self.validate_credit_code_not_registered()

	def validate_credit_code_not_registered(self) -> None:
		existing = frappe.db.get_value("Donor", {"uscc": self.uscc, "name": ("!=", self.name or "")}, "name")
		if existing:
			frappe.throw(
				_("The credit code {0} is already registered for donor {1}.").format(self.uscc, existing),
				exc=frappe.DuplicateEntryError,
				title=_("Already registered"),
			)

	def validate_donor_mobile(self) -> None:
		self.keep_registered_value_when_blank("mobile")
		self.validate_mobile()

	def on_update(self) -> None:
		self.update_donations()

	def update_donations(self) -> None:
		"""A donor who changes the name or asks for anonymity later is shown so on every donation."""
		previous = self.get_doc_before_save()
		if not previous or (previous.donor_name, previous.is_anonymous) == (
			self.donor_name,
			self.is_anonymous,
		):
			return
		from wuse_app.charity import ledger
		from wuse_app.charity.doctype.donation.donation import display_name

		# Submitted donations change only under their fund's lock (see ledger.LocksFundFirst).
		for fund in sorted(set(frappe.get_all("Donation", filters={"donor": self.name}, pluck="fund"))):
			ledger.lock_fund(fund)
		donation = frappe.qb.DocType("Donation")
		(
			frappe.qb.update(donation)
			.set(donation.donor_name, self.donor_name)
			.set(donation.is_anonymous, self.is_anonymous)
			.set(donation.donor_display_name, display_name(self.donor_name, self.is_anonymous))
			.where(donation.donor == self.name)
		).run()
