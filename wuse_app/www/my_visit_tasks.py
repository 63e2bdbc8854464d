# Copyright (c) 2026, Zhengyang Sub-district Office and contributors
# For license information, please see license.txt
"""/my_visit_tasks: the care visit tasks assigned to the logged-in volunteer (volunteers have no desk).

Only the minimum a volunteer needs — the person's name, the address, what to do, when — read through
`frappe.get_list`, so the care files' permission hooks decide which tasks (the volunteer's own) and the
read is written to the Care File Access Log. Nothing of the care file itself (ID number, contacts,
assessments, consent, risk level, findings) is read or shown.
"""

from __future__ import annotations

import frappe
from frappe import _

no_cache = 1

# The level-0 fields of Care Visit a volunteer may read.
TASK_FIELDS = ("name", "recipient_name", "visit_address", "task", "planned_date", "status")


def get_context(context) -> None:
	if frappe.session.user == "Guest":
		frappe.throw(_("You need to be logged in to access this page"), frappe.PermissionError)
	context.title = _("My Visit Tasks")
	context.show_sidebar = True
	from wuse_app.care.access import volunteer_records

	volunteers = volunteer_records(frappe.session.user)  # the reader's own volunteer record(s)
	context.tasks = (
		frappe.get_list(
			"Care Visit",
			filters={"volunteer": ["in", volunteers], "status": "Planned"},
			fields=list(TASK_FIELDS),
			order_by="planned_date asc",
			limit_page_length=100,
		)
		if volunteers
		else []
	)
