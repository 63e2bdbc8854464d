# Copyright (c) 2026, Zhengyang Sub-district Office and contributors
# For license information, please see license.txt

from __future__ import annotations

from frappe.model.document import Document


class PublicNoticeHoliday(Document):
	pass
