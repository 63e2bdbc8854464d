# Copyright (c) 2026, Zhengyang Sub-district Office and contributors
# For license information, please see license.txt

from __future__ import annotations

import frappe
from frappe.model.document import Document

from wuse_app.domain import registry as rules
from wuse_app.utils.settings import changed, get_settings
from wuse_app.utils.validation import domain_errors


class Community(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		address: DF.SmallText | None
		community_name: DF.Data
		community_type: DF.Literal["Urban", "Rural"]
		contact_phone: DF.Data | None
		demonstration_since: DF.Date | None
		has_social_work_office: DF.Check
		has_volunteer_station: DF.Check
		is_demonstration_site: DF.Check
		party_secretary: DF.Data | None
		resident_population: DF.Int
		sub_district: DF.Link
		volunteer_target: DF.Int
		volunteer_target_manual: DF.Check

	# end: auto-generated types
	def validate(self) -> None:
		self.validate_population()
		self.set_volunteer_target()

	def validate_population(self) -> None:
		with domain_errors():
			rules.validate_resident_population(self.resident_population)

	def set_volunteer_target(self) -> None:
		"""A blank target is derived from the population; a target typed in by hand is kept as is."""
		previous = self.get_doc_before_save()
		typed_in = bool(self.volunteer_target) and (
			previous is None or self.volunteer_target != previous.volunteer_target
		)
		if typed_in:
			self.volunteer_target_manual = 1
		elif not self.volunteer_target or not self.volunteer_target_manual:
			self.volunteer_target = rules.volunteer_target(self.resident_population, volunteer_ratio())
			self.volunteer_target_manual = 0


def volunteer_ratio() -> float:
	return get_settings().volunteer_ratio or 0


def on_settings_update(settings: Document, method: str | None = None) -> None:
	"""Wuse Settings `on_update` (doc_events): a new volunteer ratio re-derives the targets."""
	if changed(settings, "volunteer_ratio"):
		update_derived_volunteer_targets()


def update_derived_volunteer_targets() -> None:
	"""Re-derive the targets not set by hand (after the volunteer ratio changed in Wuse Settings)."""
	ratio = volunteer_ratio()
	for name, population in frappe.get_all(
		"Community",
		filters={"volunteer_target_manual": 0},
		fields=["name", "resident_population"],
		as_list=True,
	):
		target = rules.volunteer_target(population, ratio)
		frappe.db.set_value("Community", name, "volunteer_target", target, update_modified=False)
