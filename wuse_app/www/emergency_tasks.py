# Copyright (c) 2026, Zhengyang Sub-district Office and contributors
# For license information, please see license.txt
"""/emergency_tasks: a volunteer's emergency dispatches (应急派遣), to accept or decline."""

from __future__ import annotations

import frappe
from frappe import _

from wuse_app.linkage import emergency

no_cache = 1


def get_context(context) -> None:
	if frappe.session.user == "Guest":
		frappe.throw(_("You need to be logged in to access this page"), frappe.PermissionError)
	context.title = _("My Emergency Tasks")
	context.show_sidebar = True
	context.dispatches = emergency.my_dispatches()  # the signed-in user's own dispatches only
