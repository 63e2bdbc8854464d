# Copyright (c) 2026, Zhengyang Sub-district Office and contributors
# For license information, please see license.txt
"""/venture_calls: the published venture calls (公益创投大赛公告), readable by everyone including guests."""

from __future__ import annotations

from frappe import _

from wuse_app.venture.portal import published_calls

no_cache = 1


def get_context(context) -> None:
	context.title = _("Venture Calls")
	context.calls = published_calls()
