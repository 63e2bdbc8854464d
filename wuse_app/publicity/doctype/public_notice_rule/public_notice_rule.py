# Copyright (c) 2026, Zhengyang Sub-district Office and contributors
# For license information, please see license.txt

from __future__ import annotations

from frappe.model.document import Document


class PublicNoticeRule(Document):
	"""One 公示 rule in Wuse Settings (validated there: wuse_app.publicity.rules.validate_settings)."""
