# Copyright (c) 2026, Zhengyang Sub-district Office and contributors
# For license information, please see license.txt
"""/volunteer_hours: a volunteer's own hours, star level and time bank, and the self-report form."""

from __future__ import annotations

import frappe
from frappe import _

from wuse_app.volunteering import api

no_cache = 1


def get_context(context) -> None:
	if frappe.session.user == "Guest":
		frappe.throw(_("You need to be logged in to access this page"), frappe.PermissionError)
	context.title = _("My Volunteer Service")
	context.show_sidebar = True
	try:
		context.summary = api.my_volunteer_summary()
	except frappe.PermissionError:
		frappe.clear_last_message()
		context.summary = None
		return
	context.activities = api.my_open_activities()
