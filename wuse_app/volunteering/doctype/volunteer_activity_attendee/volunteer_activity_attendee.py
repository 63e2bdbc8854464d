# Copyright (c) 2026, Zhengyang Sub-district Office and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class VolunteerActivityAttendee(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		hours: DF.Float
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		service_record: DF.Link | None
		volunteer: DF.Link
		volunteer_name: DF.Data | None
	# end: auto-generated types

	pass
