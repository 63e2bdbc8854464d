"""Jinja filters that replace Frappe's own (registered through the `jinja` hook's "filters").

Frappe's Jinja does not autoescape, and its `json` filter (`frappe.as_json`) leaves `<`, `>` and `&`
as they are. Pages put `{{ value | json }}` inside `<script>` blocks — the web form page does it with
`frappe.reference_doc`, so a budget line or a review reason containing `</script><img onerror=…>`
closed the script and ran as HTML on /service-project-application/<name>. This `json` writes the
same JSON with those three characters as `\\u003c`, `\\u003e`, `\\u0026` (what Jinja's own
`tojson` does): identical data for any JSON or JavaScript reader, inert inside HTML. The function is
named `json` so that it takes the place of Frappe's filter of that name everywhere.
"""

from __future__ import annotations

import frappe

_HTML_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "'": "\\u0027"})


def json(value, indent=1, separators=None, ensure_ascii=True) -> str:
	"""`frappe.as_json`, safe inside `<script>` and HTML attributes."""
	return frappe.as_json(value, indent=indent, separators=separators, ensure_ascii=ensure_ascii).translate(
		_HTML_SAFE
	)
