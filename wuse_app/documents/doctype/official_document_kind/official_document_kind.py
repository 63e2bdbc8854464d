# Copyright (c) 2026, Zhengyang Sub-district Office and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class OfficialDocumentKind(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		disabled: DF.Check
		header_suffix: DF.Data | None
		kind_name: DF.Data
		layout: DF.Literal["Standard", "Letter", "Minutes"]
		sent_upward: DF.Check
	# end: auto-generated types
	pass
