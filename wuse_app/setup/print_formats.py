"""The app's standard print formats keep their template in ONE place: the `.html` beside the JSON.

Frappe renders a standard format from the `.html` in its folder when that file exists
(frappe.www.printview.get_print_format), so the JSON's `html` field is not the template. It is still
stored on the Print Format record, though, and it is what an administrator gets when they duplicate the
format to edit it in the browser (the copy is not standard and has no folder). So at install and at
every migrate `sync_print_format_html()` copies each `.html` into its record's `html` field.

The JSON carries only a one-line pointer to the file: Frappe refuses a custom format whose `html` is
empty when it imports the JSON, and a pointer cannot drift from the template the way a copy can.
"""

from __future__ import annotations

import json
from pathlib import Path

import frappe

POINTER = "{#- The template is the .html file beside this JSON; migrate loads it into this field. -#}"


def standard_print_formats() -> list[tuple[str, Path]]:
	"""(Print Format name, its .html file) for every print format folder of the app."""
	app = Path(frappe.get_app_path("wuse_app"))
	found = []
	for definition in sorted(app.glob("*/print_format/*/*.json")):
		template = definition.with_suffix(".html")
		if template.exists():
			found.append((json.loads(definition.read_text(encoding="utf-8"))["name"], template))
	return found


def sync_print_format_html() -> None:
	"""Load each standard format's `.html` into its record (skipped when it is up to date)."""
	for name, template in standard_print_formats():
		html = template.read_text(encoding="utf-8")
		if (
			frappe.db.exists("Print Format", name)
			and frappe.db.get_value("Print Format", name, "html") != html
		):
			frappe.db.set_value("Print Format", name, "html", html, update_modified=False)
