# Copyright (c) 2026, Zhengyang Sub-district Office and contributors
# For license information, please see license.txt

from __future__ import annotations

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate, today

from wuse_app.care.assessment import template_rules
from wuse_app.care.doctype.care_recipient.care_recipient import ensure_service_allowed
from wuse_app.domain import care as rules
from wuse_app.utils.validation import domain_errors, throw


class CareAssessment(Document):
	"""One assessment on a date, scored by its template; the care file shows the latest level and trend."""

	def validate(self) -> None:
		ensure_service_allowed(self.care_recipient, self.emergency, self.emergency_note)
		if getdate(self.assessment_date) > getdate(today()):
			throw(_("The assessment date cannot be in the future."))
		if self.is_new():
			self.assessor = frappe.session.user
		template = frappe.get_cached_doc("Assessment Template", self.template)
		if not template.enabled:
			throw(_("Assessment template {0} is disabled.").format(self.template))
		self.fill_answer_rows(template)
		codes, options, bands = template_rules(template)
		answers = {row.item_code: row.option_label for row in self.answers if row.option_label}
		with domain_errors(_("Assessment")):
			result = rules.score_assessment(codes, options, bands, answers)
		scores = {(o.item_code, o.label): o.score for o in options}
		for row in self.answers:
			row.score = scores.get((row.item_code, row.option_label))
		self.total_score = result.total_score
		self.level = result.level
		self.risk_level = result.risk_level
		self.trend = rules.assessment_trend(
			self.previous_score(), result.total_score, bool(template.higher_is_better)
		)

	def fill_answer_rows(self, template) -> None:
		"""One row per template item, in the template's order, labelled from the template."""
		given = {row.item_code: row.option_label for row in self.answers}
		unknown = sorted(set(given) - {item.item_code for item in template.items})
		if unknown:
			throw(_("Item {0} is not part of assessment template {1}.").format(unknown[0], self.template))
		self.set("answers", [])
		for item in template.items:
			self.append(
				"answers",
				{
					"item_code": item.item_code,
					"item_label": item.item_label,
					"option_label": given.get(item.item_code),
				},
			)

	def previous_score(self) -> float | None:
		rows = frappe.get_all(
			"Care Assessment",
			filters={
				"care_recipient": self.care_recipient,
				"template": self.template,
				"assessment_date": ["<", self.assessment_date],
				"name": ["!=", self.name or ""],
			},
			fields=["total_score"],
			order_by="assessment_date desc, creation desc",
			limit=1,
			ignore_permissions=True,  # the reader may read this care file (checked by the hooks)
		)
		return rows[0].total_score if rows else None

	def on_update(self) -> None:
		update_care_file_assessment(self.care_recipient)

	def after_delete(self) -> None:
		update_care_file_assessment(self.care_recipient)


def update_care_file_assessment(care_recipient: str) -> None:
	"""The care file shows its latest assessment's level, date and trend; a suggested risk level is taken."""
	latest = frappe.get_all(
		"Care Assessment",
		filters={"care_recipient": care_recipient},
		fields=["level", "assessment_date", "trend", "risk_level"],
		order_by="assessment_date desc, creation desc",
		limit=1,
		ignore_permissions=True,  # called after the assessment's own permission check
	)
	row = latest[0] if latest else frappe._dict()
	values = {
		"latest_assessment_level": row.get("level"),
		"latest_assessment_date": row.get("assessment_date"),
		"assessment_trend": row.get("trend"),
	}
	if row.get("risk_level"):
		values["risk_level"] = row.risk_level
	frappe.db.set_value("Care Recipient", care_recipient, values, update_modified=False)
	if row.get("risk_level"):
		from wuse_app.care.visits import refresh_visit_schedule

		refresh_visit_schedule(care_recipient)
