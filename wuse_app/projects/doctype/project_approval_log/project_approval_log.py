# Copyright (c) 2026, Zhengyang Sub-district Office and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class ProjectApprovalLog(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		acted_on: DF.Datetime | None
		action: DF.Data | None
		from_state: DF.Link | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		reason: DF.SmallText | None
		role: DF.Link | None
		to_state: DF.Link | None
		user: DF.Link | None
		user_full_name: DF.Data | None
	# end: auto-generated types
	pass
