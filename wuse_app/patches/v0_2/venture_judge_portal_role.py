"""The portal role Venture Judge (创投评审) has no desk access.

As for Resident (v0_1.resident_portal_role): DocType sync creates every role named in a permission row as a
desk role before the app's hooks run; new sites fix that in after_install, existing sites here, once (an
administrator may change it later). Found on a site upgraded from the first wave, where external judges
would have reached the desk.
"""

import frappe


def execute() -> None:
	if frappe.db.exists("Role", "Venture Judge"):
		frappe.db.set_value("Role", "Venture Judge", "desk_access", 0)
