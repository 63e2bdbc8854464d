"""Registry roles see only their own Data Imports (the import files hold full ID and mobile numbers).

Sites installed earlier granted Data Import to Wuse Administrator, Community Secretary and Community
Staff on every import; the rule becomes "Only If Creator" like on new sites.
"""

from __future__ import annotations

import frappe

from wuse_app.setup.install import DATA_IMPORT_ROLES


def execute() -> None:
	table = frappe.qb.DocType("Custom DocPerm")
	(
		frappe.qb.update(table)
		.set(table.if_owner, 1)
		.where(table.parent == "Data Import")
		.where(table.role.isin(DATA_IMPORT_ROLES))
		.where(table.permlevel == 0)
	).run()
	frappe.clear_cache(doctype="Data Import")
