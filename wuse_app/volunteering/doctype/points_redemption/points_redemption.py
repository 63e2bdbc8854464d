# Copyright (c) 2026, Zhengyang Sub-district Office and contributors
# For license information, please see license.txt

from __future__ import annotations

import frappe
from frappe import _
from frappe.model.document import Document

from wuse_app.domain import volunteering as rules
from wuse_app.utils.validation import domain_errors
from wuse_app.volunteering import time_bank
from wuse_app.volunteering.totals import LocksVolunteer, ledger_balance, refresh_volunteer_totals


class PointsRedemption(LocksVolunteer, Document):
	"""积分兑换: submitting takes the points from the volunteer's time bank and the items from stock.

	Both are checked under row locks (the volunteer first, then the reward item), so two redemptions
	at the same moment can never take more points or items than there are.
	"""

	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		amended_from: DF.Link | None
		community: DF.Link | None
		item_name: DF.Data | None
		naming_series: DF.Literal["PR-.YYYY.-.#####"]
		points_per_item: DF.Float
		posting_date: DF.Date
		qty: DF.Int
		remarks: DF.SmallText | None
		reward_item: DF.Link
		total_points: DF.Float
		volunteer: DF.Link
		volunteer_name: DF.Data | None
	# end: auto-generated types

	def validate(self) -> None:
		self.set_item_values()
		self.set_total_points()

	def before_submit(self) -> None:
		item = self.lock_reward_item()
		self.validate_item_available(item)
		with domain_errors(_("Not enough stock")):
			rules.validate_stock(item.stock, int(self.qty), item.item_name)
		with domain_errors(_("Not enough points")):
			rules.validate_balance_after(ledger_balance(self.volunteer), -self.total_points)

	def on_submit(self) -> None:
		self.change_stock(-int(self.qty))
		time_bank.post_entry(
			self.volunteer,
			-self.total_points,
			time_bank.REDEEMED,
			self.doctype,
			self.name,
			posting_date=self.posting_date,
			remarks=_("{0} × {1}").format(self.qty, self.item_name),
		)
		refresh_volunteer_totals(self.volunteer)

	def before_cancel(self) -> None:
		self.lock_reward_item()

	def on_cancel(self) -> None:
		self.change_stock(int(self.qty))
		time_bank.reverse_entries(self.doctype, self.name)
		refresh_volunteer_totals(self.volunteer)

	# --- steps --------------------------------------------------------------------------------

	def set_item_values(self) -> None:
		item = frappe.db.get_value(
			"Reward Item", self.reward_item, ["item_name", "community", "points_cost"], as_dict=True
		)
		if not item:
			return
		self.item_name = item.item_name
		self.community = item.community
		self.points_per_item = item.points_cost

	def set_total_points(self) -> None:
		with domain_errors(_("Invalid quantity")):
			self.total_points = rules.redemption_points(self.qty, self.points_per_item)

	def lock_reward_item(self) -> frappe._dict:
		rows = frappe.db.sql(
			"""select name, item_name, stock, disabled from `tabReward Item` where name = %s for update""",
			(self.reward_item,),
			as_dict=True,
		)
		return rows[0]

	def validate_item_available(self, item: frappe._dict) -> None:
		if item.disabled:
			frappe.throw(
				_("“{0}” is no longer offered.").format(item.item_name), title=_("Item not available")
			)

	def change_stock(self, change: int) -> None:
		"""Move the stock (the item row is locked). Touches `modified`, so a Reward Item form opened
		before cannot save an old stock figure over this one."""
		stock = frappe.db.get_value("Reward Item", self.reward_item, "stock", for_update=True)
		frappe.db.set_value("Reward Item", self.reward_item, "stock", int(stock or 0) + change)
