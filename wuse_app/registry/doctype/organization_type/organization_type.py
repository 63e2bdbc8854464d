# Copyright (c) 2026, Zhengyang Sub-district Office and contributors
# For license information, please see license.txt

from __future__ import annotations

import frappe
from frappe import _
from frappe.model.document import Document

from wuse_app.domain import uscc as rules
from wuse_app.utils.validation import domain_errors


class OrganizationType(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		counts_as_community_organization: DF.Check
		credit_code_categories: DF.Data | None
		disabled: DF.Check
		organization_type_name: DF.Data
	# end: auto-generated types

	def validate(self) -> None:
		with domain_errors(_("Invalid Credit Code Categories")):
			categories = rules.parse_categories(self.credit_code_categories)
		self.credit_code_categories = ", ".join(sorted(categories)) or None


def credit_code_categories(organization_type: str) -> frozenset[str]:
	"""The categories the administrator set for the type (all civil-affairs ones when none are set)."""
	value = frappe.db.get_value("Organization Type", organization_type, "credit_code_categories")
	return rules.parse_categories(value) or frozenset(rules.CIVIL_AFFAIRS_CATEGORIES)


def community_organization_types() -> list[str]:
	return frappe.get_all("Organization Type", filters={"counts_as_community_organization": 1}, pluck="name")
