"""The portal role Resident (联动) has no desk access.

DocType sync creates every role named in a permission row as a desk role before the app's hooks run;
new sites fix that in after_install, existing sites here, once (an administrator may change it later).
"""

import frappe


def execute() -> None:
	if frappe.db.exists("Role", "Resident"):
		frappe.db.set_value("Role", "Resident", "desk_access", 0)
