"""Fill `birth_year` (the age staff may see) on people registered before the field existed.

The birth date moved to the ID number's permission level; the year is what other staff see instead.
"""

from __future__ import annotations

import frappe
from pypika.enums import DatePart
from pypika.functions import Extract


def execute() -> None:
	for doctype in ("Volunteer", "Social Worker", "Donor"):
		table = frappe.qb.DocType(doctype)
		(
			frappe.qb.update(table)
			.set(table.birth_year, Extract(DatePart.year, table.date_of_birth))
			.where(table.date_of_birth.isnotnull())
			.where((table.birth_year.isnull()) | (table.birth_year == 0))
		).run()
