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


def without_source_notes(data):
	"""The template data without the files' provenance notes (keys starting with "_": where each value
	comes from), which are documentation, not fields."""
	if isinstance(data, dict):
		return {k: without_source_notes(v) for k, v in data.items() if not k.startswith("_")}
	if isinstance(data, list):
		return [without_source_notes(v) for v in data]
	return data


def ensure_default_assessment_templates() -> None:
	for data in load_default_templates():
		if frappe.db.exists("Assessment Template", data["template_name"]):
			continue
		doc = frappe.get_doc({"doctype": "Assessment Template", **without_source_notes(data)})
		doc.insert(ignore_permissions=True)  # seeded by install/migrate


def refresh_unedited_default_template(template_name: str) -> bool:
	"""Replace a seeded default template that still has only placeholder values ("to be confirmed"
	everywhere) and no assessment yet with the current data file; an edited or used template is kept."""
	if not frappe.db.exists("Assessment Template", template_name):
		return False
	data = next((d for d in load_default_templates() if d["template_name"] == template_name), None)
	if data is None or frappe.db.exists("Care Assessment", {"template": template_name}):
		return False
	doc = frappe.get_doc("Assessment Template", template_name)
	if not doc.options or any(not row.to_be_confirmed for row in doc.options):
		return False
	values = without_source_notes(data)
	for key in ("notes", "higher_is_better", "standard_reference"):
		doc.set(key, values.get(key))
	for table in ("items", "options", "bands"):
		doc.set(table, values.get(table) or [])
	doc.save(ignore_permissions=True)  # a migration step, not a user's edit
	return True


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
