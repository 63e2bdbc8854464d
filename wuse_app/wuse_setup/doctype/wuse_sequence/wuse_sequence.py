# Copyright (c) 2026, Zhengyang Sub-district Office and contributors
# For license information, please see license.txt

from __future__ import annotations

import frappe
from frappe.model.document import Document


class WuseSequence(Document):
	pass


def next_value(key: str) -> int:
	"""Take the next number of the gap-free counter `key` (1, 2, 3, …).

	The counter row is locked (SELECT … FOR UPDATE) until the calling transaction ends, so two users
	issuing at the same moment get different numbers, and a transaction that fails after taking a
	number rolls the counter back with it: numbers are unique and leave no gaps.
	"""
	now = frappe.utils.now()
	frappe.db.sql(
		"""insert ignore into `tabWuse Sequence`
			(name, sequence_key, current_value, creation, modified, owner, modified_by)
		values (%(key)s, %(key)s, 0, %(now)s, %(now)s, 'Administrator', 'Administrator')""",
		{"key": key, "now": now},
	)
	current = frappe.db.sql(
		"select current_value from `tabWuse Sequence` where name = %s for update", (key,)
	)[0][0]
	value = int(current or 0) + 1
	frappe.db.sql(
		"update `tabWuse Sequence` set current_value = %s, modified = %s where name = %s", (value, now, key)
	)
	return value


def peek_value(key: str) -> int:
	"""The last number issued for `key` (0 when none)."""
	return int(frappe.db.get_value("Wuse Sequence", key, "current_value") or 0)
