"""The time-bank ledger (时间银行): entries are written here only, never edited.

A volunteer's balance is the sum of their entries. Verified hours earn points, a redemption spends
them; cancelling either writes an opposite entry (a reversal), so the ledger keeps its history and
the balance stays equal to the sum of the entries.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import getdate, today

EARNED = "Earned"
REDEEMED = "Redeemed"
REVERSAL = "Reversal"


def post_entry(
	volunteer: str,
	points: float,
	entry_type: str,
	reference_doctype: str,
	reference_name: str,
	posting_date=None,
	remarks: str | None = None,
	reverses_entry: str | None = None,
) -> str:
	"""Write one ledger entry (the caller has checked permissions and locked the volunteer)."""
	entry = frappe.get_doc(
		{
			"doctype": "Time Bank Entry",
			"volunteer": volunteer,
			"community": frappe.db.get_value("Volunteer", volunteer, "community"),
			"posting_date": getdate(posting_date or today()),
			"entry_type": entry_type,
			"points": points,
			"reference_doctype": reference_doctype,
			"reference_name": reference_name,
			"reverses_entry": reverses_entry,
			"remarks": remarks,
		}
	)
	entry.flags.posted_by_system = True
	entry.insert(ignore_permissions=True)
	return entry.name


def reverse_entries(reference_doctype: str, reference_name: str) -> list[str]:
	"""Write the opposite of every entry of a document that has not been reversed yet."""
	entry = frappe.qb.DocType("Time Bank Entry")
	originals = (
		frappe.qb.from_(entry)
		.select(entry.name, entry.volunteer, entry.points)
		.where(entry.reference_doctype == reference_doctype)
		.where(entry.reference_name == reference_name)
		.where(entry.entry_type != REVERSAL)
		.orderby(entry.creation)
		.for_update()
		.run(as_dict=True)
	)
	reversed_already = set(
		frappe.qb.from_(entry)
		.select(entry.reverses_entry)
		.where(entry.reference_doctype == reference_doctype)
		.where(entry.reference_name == reference_name)
		.where(entry.entry_type == REVERSAL)
		.for_update()
		.run(pluck=True)
	)
	written = []
	for original in originals:
		if original.name in reversed_already:
			continue
		written.append(
			post_entry(
				original.volunteer,
				-original.points,
				REVERSAL,
				reference_doctype,
				reference_name,
				remarks=_("Reverses {0}: {1} {2} was cancelled.").format(
					original.name, _(reference_doctype), reference_name
				),
				reverses_entry=original.name,
			)
		)
	return written
