"""The one reader of Wuse Settings.

Every module reads the administrator's settings through `get_settings()` (Frappe's document cache,
cleared when the settings are saved). Wuse Settings itself imports none of the modules that use it:
those that must react to a change (volunteer targets, star levels) subscribe to its `on_update` in
hooks.py `doc_events` and compare with `doc.get_doc_before_save()`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import frappe

if TYPE_CHECKING:
	from frappe.model.document import Document

SETTINGS = "Wuse Settings"
STAR_FIELDS = ("star_1_hours", "star_2_hours", "star_3_hours", "star_4_hours", "star_5_hours")


def get_settings() -> Document:
	"""The site's Wuse Settings (cached; cleared on save)."""
	return frappe.get_cached_doc(SETTINGS)


def star_thresholds(settings: Document | None = None) -> tuple[float, ...]:
	"""Service hours needed for one to five stars."""
	settings = settings or get_settings()
	return tuple(float(settings.get(fieldname) or 0) for fieldname in STAR_FIELDS)


def changed(settings: Document, *fieldnames: str) -> bool:
	"""In a Wuse Settings `on_update` handler: did the save change any of `fieldnames`?"""
	previous = settings.get_doc_before_save()
	return bool(previous) and any(previous.get(f) != settings.get(f) for f in fieldnames)
