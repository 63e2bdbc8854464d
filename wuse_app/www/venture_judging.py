# Copyright (c) 2026, Zhengyang Sub-district Office and contributors
# For license information, please see license.txt
"""/venture_judging: a judge's own score sheets (评审打分), with the proposals assigned to them.

Never another judge's scores, never a conflicted proposal (see wuse_app.venture.portal.my_score_sheets).
"""

from __future__ import annotations

import frappe
from frappe import _

from wuse_app.setup.roles import VENTURE_JUDGE
from wuse_app.venture.portal import my_score_sheets

no_cache = 1

# Strings of the page's script (web pages receive only the translations they are given).
MESSAGES = (
	"Save",
	"Submit Scores",
	"Scores saved.",
	"Submit these scores? Submitted scores are final.",
	"Your scores have been submitted.",
	"The proposal is no longer shown to you.",
)


def get_context(context) -> None:
	if frappe.session.user == "Guest":
		frappe.throw(_("You need to be logged in to access this page"), frappe.PermissionError)
	if VENTURE_JUDGE not in frappe.get_roles():
		frappe.throw(_("This page is for the judges of venture calls."), frappe.PermissionError)
	context.title = _("My Score Sheets")
	context.show_sidebar = True
	context.sheets = my_score_sheets()
	context.wuse_messages = frappe.as_json({m: _(m) for m in MESSAGES})
