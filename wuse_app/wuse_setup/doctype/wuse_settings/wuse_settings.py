# Copyright (c) 2026, Zhengyang Sub-district Office and contributors
# For license information, please see license.txt

from __future__ import annotations

import frappe
from frappe import _
from frappe.model import no_value_fields
from frappe.model.document import Document

from wuse_app.domain import settings as rules
from wuse_app.utils.settings import STAR_FIELDS
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


class WuseSettings(Document):
	def validate(self) -> None:
		self.validate_percentages()
		self.validate_non_negative_values()
		self.validate_star_thresholds()
		self.validate_points_per_hour()
		self.validate_need_urgency_levels()
		self.validate_care_visit_intervals()
		self.validate_consultation_participant_types()
		from wuse_app.wuse_setup.extra_fields import validate_settings

		validate_settings(self)

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

	# No on_update here: the modules that depend on a setting react to its change through
	# hooks.py doc_events (Wuse Settings imports none of them).

	def validate_care_visit_intervals(self) -> None:
		from wuse_app.care.visits import INTERVAL_FIELDS
		from wuse_app.domain.care import validate_interval_settings

		with domain_errors():
			validate_interval_settings({level: self.get(field) for level, field in INTERVAL_FIELDS.items()})

	def validate_consultation_participant_types(self) -> None:
		from wuse_app.domain.consultation import parse_required_types

		with domain_errors():
			parse_required_types(self.consultation_required_participant_types)

	def validate_need_urgency_levels(self) -> None:
		from wuse_app.domain.linkage import validate_default_urgency, validate_urgency_levels

		with domain_errors():
			levels = validate_urgency_levels(
				(row.urgency, row.response_hours) for row in self.need_urgency_levels
			)
			validate_default_urgency(self.default_urgency, levels)

	def _label(self, fieldname: str) -> str:
		return _(self.meta.get_label(fieldname))


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
		if df.default is not None and df.fieldname not in stored and df.fieldtype not in no_value_fields:
			frappe.db.set_single_value("Wuse Settings", df.fieldname, df.default)
	frappe.clear_document_cache("Wuse Settings", "Wuse Settings")
