# Copyright (c) 2026, Zhengyang Sub-district Office and contributors
# For license information, please see license.txt

from __future__ import annotations

import frappe
from frappe.model.document import Document

from wuse_app.domain import registry as rules
from wuse_app.registry.personal_data import PersonalDataMixin
from wuse_app.utils.validation import domain_errors


class SocialWorker(PersonalDataMixin, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		allowance_paid: DF.Check
		allowance_paid_on: DF.Date | None
		certificate_date: DF.Date | None
		certificate_number: DF.Data | None
		community: DF.Link | None
		birth_year: DF.Int
		date_of_birth: DF.Date | None
		employer_organization: DF.Link | None
		full_name: DF.Data
		gender: DF.Literal["", "Male", "Female"]
		id_number: DF.Data
		id_number_masked: DF.Data | None
		is_community_worker: DF.Check
		mobile: DF.Data | None
		mobile_masked: DF.Data | None
		naming_series: DF.Literal["SW-.#####"]
		national_qualification: DF.Check
		qualification_level: DF.Link
		status: DF.Literal["Active", "Left"]
		user: DF.Link | None

	# end: auto-generated types
	def validate(self) -> None:
		self.validate_id_number(required=True)
		self.validate_mobile()
		self.validate_qualification()

	def validate_qualification(self) -> None:
		national = national_qualifications()
		with domain_errors():
			rules.validate_qualification(self.qualification_level, self.certificate_number, national)
		if not rules.is_qualified(self.qualification_level, national):
			self.certificate_number = self.certificate_date = None
			self.allowance_paid = 0
		if not self.allowance_paid:
			self.allowance_paid_on = None
		if self.is_community_worker:
			self.employer_organization = None


def on_doctype_update() -> None:
	frappe.db.add_index("Social Worker", ["community", "status", "is_community_worker"])


def national_qualifications() -> frozenset[str]:
	"""The levels of the Social Work Qualification list marked as a national qualification."""
	return frozenset(
		frappe.get_all("Social Work Qualification", filters={"is_national_qualification": 1}, pluck="name")
	)
