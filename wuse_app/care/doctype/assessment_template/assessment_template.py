# Copyright (c) 2026, Zhengyang Sub-district Office and contributors
# For license information, please see license.txt

from __future__ import annotations

from frappe import _
from frappe.model.document import Document

from wuse_app.care.assessment import template_rules
from wuse_app.domain import care as rules
from wuse_app.utils.validation import domain_errors, throw


class AssessmentTemplate(Document):
	def validate(self) -> None:
		codes = [row.item_code.strip() for row in self.items]
		duplicates = sorted({code for code in codes if codes.count(code) > 1})
		if duplicates:
			throw(_("Item code {0} is used twice.").format(duplicates[0]))
		known = set(codes)
		for row in self.options:
			if row.item_code not in known:
				throw(
					_("Option {0} belongs to item {1}, which is not in the items table.").format(
						row.option_label, row.item_code
					)
				)
			if row.to_be_confirmed:
				row.score = None
		for code in codes:
			if not any(row.item_code == code for row in self.options):
				throw(_("Item {0} has no options.").format(code))
		for row in self.bands:
			if row.to_be_confirmed:
				row.min_score = row.max_score = None
		_codes, _options, bands = template_rules(self)
		with domain_errors():
			rules.validate_bands(bands)
		self.has_unconfirmed_values = int(
			any(row.to_be_confirmed for row in self.options) or any(row.to_be_confirmed for row in self.bands)
		)
