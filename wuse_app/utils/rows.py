"""Small helpers for child-table rows."""

from __future__ import annotations

from frappe.model.document import Document


def remove_duplicate_rows(doc: Document, table_field: str, value_field: str) -> None:
	"""Keep the first row for each value of `value_field` in `doc.<table_field>` (multi-select tables)."""
	seen: set[str] = set()
	for row in list(doc.get(table_field)):
		value = row.get(value_field)
		if value in seen:
			doc.remove(row)
		seen.add(value)
