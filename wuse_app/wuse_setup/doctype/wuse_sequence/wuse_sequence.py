# Copyright (c) 2026, Zhengyang Sub-district Office and contributors
# For license information, please see license.txt

from __future__ import annotations

import frappe
from frappe.model.document import Document


class WuseSequence(Document):
	"""A gap-free counter: one row per key, e.g. "正阳办事处发|2022" (发文字号), "JZ|2026" (捐赠证明).

	Why not Frappe's naming series (tabSeries, frappe.model.naming.getseries)?

	- These numbers are not document names. 发文字号 (GB/T 9704: 机关代字〔年份〕序号), donation
	  acknowledgement and volunteer service certificate numbers are taken when the document is
	  *issued* (submitted), in the issuing transaction, per series and per year. A naming series is
	  consumed when a draft is inserted, so every abandoned or deleted draft would leave a hole in a
	  register that must be continuous (a missing 发文字号 is an audit question).
	- A number printed on an issued 公文 must never be issued twice. Frappe's series counter can be set
	  back by any System Manager (Document Naming Settings → Update Series Counter). A Wuse Sequence
	  row is read-only for every role (System Manager and Wuse Administrator may read it); a number
	  given outside the app is entered on the document instead and skipped by the counter.
	- The first number of a new key (a new year, a new 机关代字) is taken safely when two users issue
	  at once: INSERT IGNORE creates the row, then the row is locked. getseries inserts without that
	  guard (SELECT … FOR UPDATE on a missing row, then INSERT), so one of two simultaneous first
	  issues can fail with a deadlock or a duplicate key.

	Proven by tests/integration/test_wuse_sequence.py (rollback, per-key counting, read-only counter)
	and test_official_document.py (gap-free when interleaved, a failed issue leaves no gap, numbers
	given outside the app), test_charity_concurrency.py (two processes issuing at once).
	"""


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
