# Copyright (c) 2026, Zhengyang Sub-district Office and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class OfficialDocumentSeries(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		document_kind: DF.Link | None
		is_default: DF.Check
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		series: DF.Data
	# end: auto-generated types
	pass
