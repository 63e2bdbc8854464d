# Copyright (c) 2026, Zhengyang Sub-district Office and contributors
# For license information, please see license.txt

from __future__ import annotations

import frappe
from frappe.model.document import Document

from wuse_app.registry.personal_data import PersonalDataMixin
from wuse_app.utils.rows import remove_duplicate_rows


class Volunteer(PersonalDataMixin, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from wuse_app.registry.doctype.volunteer_skill_item.volunteer_skill_item import VolunteerSkillItem

		community: DF.Link
		birth_year: DF.Int
		date_of_birth: DF.Date | None
		full_name: DF.Data
		gender: DF.Literal["", "Male", "Female"]
		id_number: DF.Data
		id_number_masked: DF.Data | None
		is_party_member: DF.Check
		mobile: DF.Data | None
		mobile_masked: DF.Data | None
		naming_series: DF.Literal["VOL-.#####"]
		real_name_verified: DF.Check
		registration_date: DF.Date | None
		skills: DF.TableMultiSelect[VolunteerSkillItem]
		star_level: DF.Int
		status: DF.Literal["Active", "Inactive"]
		time_bank_balance: DF.Float
		total_service_hours: DF.Float
		user: DF.Link | None

	# end: auto-generated types
	def validate(self) -> None:
		self.validate_id_number(required=True)
		self.validate_mobile()
		remove_duplicate_rows(self, "skills", "skill")


def on_doctype_update() -> None:
	# Work Targets counts real-name registered volunteers per community.
	frappe.db.add_index("Volunteer", ["community", "status", "real_name_verified"])
