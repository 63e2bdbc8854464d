# Copyright (c) 2026, Zhengyang Sub-district Office and contributors
# For license information, please see license.txt
"""/me: Frappe's "My Account" page, with the user's own portal pages first (我的申报, 我的志愿服务, 我的需求).

Frappe's page lists only profile and password links; the portal pages are in the sidebar, which a phone
hides. The links come from the portal menu (Portal Settings: the hooks' standard items plus whatever an
administrator adds there), filtered by the user's roles as Frappe's sidebar filters them.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.website.utils import get_portal_sidebar_items

no_cache = 1


def get_context(context) -> None:
	if frappe.session.user == "Guest":
		frappe.throw(_("You need to be logged in to access this page"), frappe.PermissionError)
	context.current_user = frappe.get_doc("User", frappe.session.user)
	context.show_sidebar = True
	context.my_pages = [
		frappe._dict(title=_(item.get("title")), route=item.get("route"))
		for item in get_portal_sidebar_items()
		if item.get("route") and item.get("route") != "/me"
	]
