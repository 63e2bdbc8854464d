"""公示 of a venture call's confirmed results (hooks `venture_results_publicity`).

The call is published under the Wuse Settings rule for Venture Call when the administrator made one
(its days and fields), else for 5 days with its title and awarded amount; the awarded proposals follow
as rows (organisation · project: award). The notice's name goes into the call's `publicity_reference`.
"""

from __future__ import annotations

import frappe
from frappe import _

from wuse_app.publicity import rules as config
from wuse_app.publicity.notices import publicise

DEFAULT_VENTURE_RULE = {"days": 5, "published_fields": "call_title, awarded_amount", "move_on_close": 0}


def publicise_results(call_doc) -> str:
	rules = config.rules_for(call_doc.doctype)
	rule = (
		rules[0] if rules else frappe._dict(DEFAULT_VENTURE_RULE, start_state=call_doc.get("workflow_state"))
	)
	proposals = frappe.get_all(
		"Venture Proposal",
		filters={"venture_call": call_doc.name, "status": "Awarded"},
		fields=["applicant_organization", "project_title", "award_amount", "rank"],
		order_by="`rank` asc",
	)
	rows = []
	for p in proposals:
		organization = (
			frappe.db.get_value("Social Organization", p.applicant_organization, "organization_name")
			or p.applicant_organization
		)
		rows.append(
			[
				_("Award {0}").format(p.rank or ""),
				f"{organization} · {p.project_title}: {float(p.award_amount or 0):,.2f}",
			]
		)
	name = publicise(call_doc, rule, extra_rows=rows)
	frappe.db.set_value(call_doc.doctype, call_doc.name, "publicity_reference", name, update_modified=False)
	call_doc.publicity_reference = name
	return name
