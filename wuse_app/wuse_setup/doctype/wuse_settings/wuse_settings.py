# Copyright (c) 2026, Zhengyang Sub-district Office and contributors
# For license information, please see license.txt

from __future__ import annotations

import frappe
from frappe import _
from frappe.model.document import Document

from wuse_app.domain import settings as rules
from wuse_app.utils.validation import domain_errors

PERCENT_FIELDS = (
	"service_coverage_target",
	"volunteer_station_coverage_target",
	"certificate_holder_ratio_target",
	"volunteer_ratio",
)
NON_NEGATIVE_FIELDS = (
	"community_workers_per_10k_target",
	"social_orgs_per_urban_community_target",
	"social_orgs_per_rural_community_target",
	"charity_orgs_per_community_target",
	"demonstration_sites_target",
	"leadership_approval_threshold",
)
NO_VALUE_TYPES = ("Section Break", "Column Break", "Tab Break", "HTML", "Heading")
STAR_FIELDS = ("star_1_hours", "star_2_hours", "star_3_hours", "star_4_hours", "star_5_hours")


class WuseSettings(Document):
	def validate(self) -> None:
		self.validate_percentages()
		self.validate_non_negative_values()
		self.validate_star_thresholds()
		self.validate_points_per_hour()
		self.validate_care_visit_intervals()
		self.validate_consultation_participant_types()

	def validate_percentages(self) -> None:
		for fieldname in PERCENT_FIELDS:
			with domain_errors():
				rules.validate_percentage(self.get(fieldname), self._label(fieldname))

	def validate_non_negative_values(self) -> None:
		for fieldname in NON_NEGATIVE_FIELDS:
			with domain_errors():
				rules.validate_non_negative(self.get(fieldname), self._label(fieldname))

	def validate_star_thresholds(self) -> None:
		with domain_errors():
			rules.validate_star_thresholds([self.get(f) for f in STAR_FIELDS])

	def validate_points_per_hour(self) -> None:
		with domain_errors():
			rules.validate_non_negative(self.points_per_hour, self._label("points_per_hour"))

	def validate_care_visit_intervals(self) -> None:
		from wuse_app.care.visits import INTERVAL_FIELDS
		from wuse_app.domain.care import validate_interval_settings

		with domain_errors():
			validate_interval_settings({level: self.get(field) for level, field in INTERVAL_FIELDS.items()})

	def validate_consultation_participant_types(self) -> None:
		from wuse_app.domain.consultation import parse_required_types

		with domain_errors():
			parse_required_types(self.consultation_required_participant_types)

	def on_update(self) -> None:
		previous = self.get_doc_before_save()
		if previous and previous.volunteer_ratio != self.volunteer_ratio:
			from wuse_app.registry.doctype.community.community import update_derived_volunteer_targets

			update_derived_volunteer_targets()
		if previous and self.star_thresholds() != previous.star_thresholds():
			from wuse_app.volunteering.totals import update_star_levels

			update_star_levels(self.star_thresholds())

	def star_thresholds(self) -> tuple[float, ...]:
		return tuple(float(self.get(f)) for f in STAR_FIELDS)

	def _label(self, fieldname: str) -> str:
		return _(self.meta.get_label(fieldname))


def get_settings() -> WuseSettings:
	"""The site's Wuse Settings (cached; cleared on save)."""
	return frappe.get_cached_doc("Wuse Settings")


def ensure_settings_defaults() -> None:
	"""Store the default of every setting that has never been stored (install and migrate).

	Values already stored, including ones an administrator changed, are kept.
	"""
	singles = frappe.qb.DocType("Singles")
	stored = set(
		frappe.qb.from_(singles)
		.select(singles.field)
		.where(singles.doctype == "Wuse Settings")
		.run(pluck=True)
	)
	for df in frappe.get_meta("Wuse Settings").fields:
		if df.default is not None and df.fieldname not in stored and df.fieldtype not in NO_VALUE_TYPES:
			frappe.db.set_single_value("Wuse Settings", df.fieldname, df.default)
	frappe.clear_document_cache("Wuse Settings", "Wuse Settings")
