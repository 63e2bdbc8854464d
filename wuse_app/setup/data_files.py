"""The data that ships with the app, as CSV files in the repository's top-level `fixtures/` folder.

`fixtures/` sits beside the `wuse_app` package (the app's root, which bench clones and installs in
place), not inside it: Frappe force-imports every JSON file in `wuse_app/fixtures/` on each migrate,
and these files are data an administrator may load or change, never something migrate overwrites.
The CSV headers are the doctypes' field names, so a file loads with Data Import as it is.
"""

from __future__ import annotations

import csv
from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def fixture_path(*parts: str) -> Path:
	return FIXTURES.joinpath(*parts)


def read_csv(*parts: str) -> list[dict[str, str | None]]:
	"""The rows of fixtures/<parts…>.csv as dicts; empty cells are None."""
	with fixture_path(*parts).open(encoding="utf-8", newline="") as file:
		return [
			{key: (value if value != "" else None) for key, value in row.items()}
			for row in csv.DictReader(file)
		]


def typed(doctype: str, row: dict[str, str | None]) -> dict:
	"""A CSV row with numbers and checks as numbers (CSV cells are text), as Data Import does."""
	import frappe
	from frappe.utils import cint, flt

	meta = frappe.get_meta(doctype)
	values = {}
	for fieldname, value in row.items():
		df = meta.get_field(fieldname)
		if value is not None and df and df.fieldtype in ("Int", "Check"):
			value = cint(value)
		elif value is not None and df and df.fieldtype in ("Float", "Currency", "Percent"):
			value = flt(value)
		values[fieldname] = value
	return values
