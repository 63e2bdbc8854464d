# Copyright (c) 2026, Zhengyang Sub-district Office and contributors
# For license information, please see license.txt
"""/gongshi: the current public notices (公示), readable by anyone; logged-in people may object."""

from __future__ import annotations

import frappe
from frappe import _

from wuse_app.publicity.notices import public_notices

no_cache = 1


def get_context(context) -> None:
	context.title = _("Public Notices")
	context.notices = public_notices()
	context.logged_in = frappe.session.user != "Guest"
