# Copyright (c) 2026, Zhengyang Sub-district Office and contributors
# For license information, please see license.txt

from __future__ import annotations

import frappe
from frappe.model.document import Document


class ResourceOfferCommunity(Document):
	pass


def on_doctype_update() -> None:
	# Suggestions look resources up by community first (see wuse_app.linkage.api.candidate_resources).
	frappe.db.add_index("Resource Offer Community", ["community", "parent"])
