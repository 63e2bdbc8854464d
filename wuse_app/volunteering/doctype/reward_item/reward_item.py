# Copyright (c) 2026, Zhengyang Sub-district Office and contributors
# For license information, please see license.txt

from __future__ import annotations

from frappe import _
from frappe.model.document import Document

from wuse_app.domain import settings as settings_rules
from wuse_app.domain import volunteering as rules
from wuse_app.utils.validation import domain_errors


class RewardItem(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		community: DF.Link
		description: DF.SmallText | None
		disabled: DF.Check
		item_name: DF.Data
		naming_series: DF.Literal["RWD-.#####"]
		points_cost: DF.Float
		stock: DF.Int
	# end: auto-generated types

	def validate(self) -> None:
		self.validate_points_cost()
		self.validate_stock()

	def validate_points_cost(self) -> None:
		with domain_errors(_("Invalid points cost")):
			settings_rules.validate_positive(self.points_cost, _(self.meta.get_label("points_cost")))

	def validate_stock(self) -> None:
		with domain_errors(_("Invalid stock")):
			rules.validate_non_negative_stock(self.stock)
