"""公示 rules: read from Wuse Settings (child table Public Notice Rule), validated when saved.

Frappe has no notion of a public notice period; the administrator's rules say which doctype, which
workflow state starts the notice, for how many days, which fields are published (never personal data)
and whether the document moves on when the period ends. Nothing here is a state name typed in code:
the default rule is seeded once (install / migrate) and may be changed or deleted.
"""

from __future__ import annotations

import datetime

import frappe
from frappe import _
from frappe.utils import cint, getdate

from wuse_app.domain import publicity as rules
from wuse_app.utils.settings import get_settings
from wuse_app.utils.validation import domain_errors

# The default rule (seeded once): project approvals, 5 days.
DEFAULT_RULE = {
	"document_type": "Service Project",
	"start_state": "Approved",
	"days": 5,
	"published_fields": "project_title, applicant_organization, community, category, requested_amount",
	"move_on_close": 0,
}


def rules_for(doctype: str) -> list:
	"""The settings' rules for a doctype (none: the doctype is never published)."""
	return [row for row in get_settings().get("public_notice_rules") or [] if row.document_type == doctype]


def rule_doctypes() -> frozenset[str]:
	return frozenset(row.document_type for row in get_settings().get("public_notice_rules") or [])


def personal_fields(doctype: str) -> tuple[set[str], dict[str, str], dict[str, int]]:
	"""What the app marks personal for a doctype, and each field's type and permission level."""
	from wuse_app.registry.personal_data import SENSITIVE_FIELDS

	meta = frappe.get_meta(doctype)
	marked = set(SENSITIVE_FIELDS.get(doctype, ()))
	types = {df.fieldname: df.fieldtype for df in meta.fields}
	levels = {df.fieldname: cint(df.permlevel) for df in meta.fields}
	return marked, types, levels


def publishable(doctype: str, fields: list[str]) -> list[str]:
	"""The rule's fields minus anything personal (checked again at publishing, whatever was saved)."""
	marked, types, levels = personal_fields(doctype)
	refused = set(rules.refused_fields(fields, marked, types, levels))
	known = set(types)
	return [f for f in fields if f in known and f not in refused]


def validate_settings(settings, method: str | None = None) -> None:
	"""Wuse Settings validate (hooks): every rule names a real doctype, state and non-personal fields."""
	for row in settings.get("public_notice_rules") or []:
		label = _(row.document_type or "")
		if not row.document_type or not frappe.db.exists("DocType", row.document_type):
			frappe.throw(_("Public notice rule {0}: choose a document type.").format(row.idx))
		fields = rules.parse_fields(row.published_fields)
		marked, types, levels = personal_fields(row.document_type)
		with domain_errors(_("Invalid public notice rule")):
			rules.validate_days(label, cint(row.days))
			rules.validate_rule_fields(label, fields, types, marked, types, levels)
		row.published_fields = ", ".join(fields)
		if cint(row.move_on_close) and not row.next_state:
			frappe.throw(
				_(
					"Public notice rule for {0}: choose the state the document moves to when the period ends."
				).format(label)
			)
		if not cint(row.move_on_close):
			row.next_state = None


def ensure_default_rule() -> None:
	"""Once per site (install / migrate): the default rule; an administrator's later edits stay."""
	settings = frappe.get_single("Wuse Settings")
	if cint(settings.get("public_notice_rules_seeded")) or not settings.meta.has_field("public_notice_rules"):
		return
	if not settings.get("public_notice_rules") and frappe.db.exists(
		"Workflow State", DEFAULT_RULE["start_state"]
	):
		settings.append("public_notice_rules", DEFAULT_RULE)
	settings.public_notice_rules_seeded = 1
	settings.flags.ignore_permissions = True
	settings.save()


def period_end(start: datetime.date, days: int) -> datetime.date:
	"""Working days (Monday to Friday, minus the listed holidays) when the settings ask for it."""
	settings = get_settings()
	if not cint(settings.get("public_notice_working_days")):
		return rules.period_end(start, days)
	holidays = {getdate(row.holiday_date) for row in settings.get("public_notice_holidays") or []}
	return rules.period_end(start, days, lambda day: day.weekday() >= 5 or day in holidays)
