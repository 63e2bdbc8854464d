# Copyright (c) 2026, Zhengyang Sub-district Office and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class ApprovalDelegationDocumentType(Document):
	pass
