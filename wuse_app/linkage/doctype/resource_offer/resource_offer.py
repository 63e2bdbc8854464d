# Copyright (c) 2026, Zhengyang Sub-district Office and contributors
# For license information, please see license.txt

from __future__ import annotations

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import flt, getdate

from wuse_app.domain import linkage as rules
from wuse_app.utils.rows import remove_duplicate_rows
from wuse_app.utils.validation import domain_errors

# Kept by the server: what is committed to needs and the residents' ratings of the provider.
SERVER_FIELDS = ("committed", "average_rating", "rating_count")


class ResourceOffer(Document):
	def validate(self) -> None:
		self.keep_server_fields()
		self.fill_from_registry()
		remove_duplicate_rows(self, "categories", "category")
		remove_duplicate_rows(self, "communities", "community")
		if self.covers_whole_subdistrict:
			self.set("communities", [])
		with domain_errors():
			rules.validate_capacity(self.capacity)
			rules.validate_availability(
				getdate(self.available_from) if self.available_from else None,
				getdate(self.available_to) if self.available_to else None,
			)
			self.weekdays = rules.format_weekdays(rules.parse_weekdays(self.weekdays)) or None
		if not self.categories:
			frappe.throw(_("Choose at least one category the resource serves."), title=_("Missing category"))
		if not self.covers_whole_subdistrict and not self.communities:
			self.append("communities", {"community": self.community})
		self.set_remaining()

	def keep_server_fields(self) -> None:
		if self.is_new():
			for fieldname in SERVER_FIELDS:
				self.set(fieldname, 0)
			return
		# Read under the row lock a match takes, so an edit never loses a commitment made meanwhile.
		stored = frappe.db.sql(
			"select committed, average_rating, rating_count from `tabResource Offer` where name = %s for update",
			self.name,
			as_dict=True,
		)
		if stored:
			for fieldname in SERVER_FIELDS:
				self.set(fieldname, stored[0][fieldname])

	def set_remaining(self) -> None:
		with domain_errors(_("Capacity too small")):
			self.remaining_capacity = flt(rules.remaining_capacity(self.capacity, self.committed))

	def fill_from_registry(self) -> None:
		"""No retyping: the provider's name, community and categories come from the registry."""
		provider = None
		if self.provider_type == "Social Organization" and self.organization:
			provider = frappe.db.get_value(
				"Social Organization", self.organization, ["organization_name", "community"], as_dict=True
			)
			self.provider_name = provider.organization_name if provider else self.provider_name
			if not self.categories:
				areas = frappe.get_all(
					"Organization Service Area",
					filters={"parent": self.organization, "parenttype": "Social Organization"},
					pluck="service_area",
				)
				self.add_categories(categories_for("service_area", "Service Category Area", areas))
		elif self.provider_type == "Volunteer" and self.volunteer:
			provider = frappe.db.get_value(
				"Volunteer", self.volunteer, ["full_name", "community"], as_dict=True
			)
			self.provider_name = provider.full_name if provider else self.provider_name
			if not self.categories:
				skills = frappe.get_all(
					"Volunteer Skill Item",
					filters={"parent": self.volunteer, "parenttype": "Volunteer"},
					pluck="skill",
				)
				self.add_categories(categories_for("skill", "Service Category Skill", skills))
		elif self.provider_type == "Donor" and self.donor:
			self.provider_name = frappe.db.get_value("Donor", self.donor, "donor_name") or self.provider_name
		if provider and not self.community:
			self.community = provider.community
		if not self.provider_name:
			frappe.throw(_("Enter who offers the resource."), title=_("Missing provider"))

	def add_categories(self, categories: list[str]) -> None:
		for category in categories:
			self.append("categories", {"category": category})


def categories_for(fieldname: str, table: str, values: list[str]) -> list[str]:
	"""Enabled service categories mapped to any of the registry values (skills or service areas)."""
	if not values:
		return []
	rows = frappe.get_all(
		table, filters={fieldname: ["in", values], "parenttype": "Service Category"}, pluck="parent"
	)
	enabled = frappe.get_all(
		"Service Category",
		filters={"name": ["in", rows or [""]], "enabled": 1},
		pluck="name",
		order_by="name",
	)
	return list(dict.fromkeys(enabled))


def on_doctype_update() -> None:
	frappe.db.add_index("Resource Offer", ["status", "remaining_capacity"])
