# Copyright (c) 2026, Zhengyang Sub-district Office and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class DonationItem(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		estimated_value: DF.Currency
		item_name: DF.Data
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		qty: DF.Float
		remarks: DF.Data | None
		unit: DF.Data | None
	# end: auto-generated types
	pass
