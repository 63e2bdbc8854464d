# Copyright (c) 2026, Zhengyang Sub-district Office and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class SubDistrict(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		address: DF.SmallText | None
		contact_phone: DF.Data | None
		district: DF.Data | None
		office_name: DF.Data | None
		region_code: DF.Data | None
		sub_district_name: DF.Data
	# end: auto-generated types
	pass
