# Copyright (c) 2026, Zhengyang Sub-district Office and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class WuseFieldOption(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		document_type: DF.Literal["Service Project", "Volunteer", "Social Organization", "Donation"]
		field_name: DF.Data
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		personal_data: DF.Check
		show_in_print: DF.Check
		show_on_portal: DF.Check
	# end: auto-generated types
	pass
