"""Assessment templates: the default templates (data files) and the bridge to the scoring rule.

The default templates are JSON files in the repository's top-level `fixtures/assessment_templates/`
folder. They are inserted by code when missing (install and migrate), never overwritten: an
administrator edits templates in the desk. (Frappe's own fixtures would be re-imported on every
migrate and overwrite those edits, so the folder is outside `wuse_app/fixtures/`.)
"""

from __future__ import annotations

import json
import os

import frappe

from wuse_app.domain import care as rules


def default_templates_folder() -> str:
	return os.path.realpath(
		os.path.join(frappe.get_app_path("wuse_app"), "..", "fixtures", "assessment_templates")
	)


def load_default_templates() -> list[dict]:
	folder = default_templates_folder()
	if not os.path.isdir(folder):
		return []
	templates = []
	for filename in sorted(os.listdir(folder)):
		if filename.endswith(".json"):
			with open(os.path.join(folder, filename), encoding="utf-8") as f:
				templates.append(json.load(f))
	return templates


def ensure_default_assessment_templates() -> None:
	for data in load_default_templates():
		if frappe.db.exists("Assessment Template", data["template_name"]):
			continue
		doc = frappe.get_doc({"doctype": "Assessment Template", **data})
		doc.insert(ignore_permissions=True)  # seeded by install/migrate


def template_rules(template) -> tuple[list[str], list[rules.Option], list[rules.Band]]:
	"""The template document as the domain's plain values."""
	codes = [row.item_code for row in template.items]
	options = [
		rules.Option(row.item_code, row.option_label, None if row.to_be_confirmed else float(row.score or 0))
		for row in template.options
	]
	bands = [
		rules.Band(
			row.level,
			None if row.to_be_confirmed else float(row.min_score or 0),
			None if row.to_be_confirmed else float(row.max_score or 0),
			row.risk_level or None,
		)
		for row in template.bands
	]
	return codes, options, bands
