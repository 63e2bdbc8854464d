// Copyright (c) 2026, Zhengyang Sub-district Office and contributors
// For license information, please see license.txt

frappe.ui.form.on("Official Document", {
	refresh(frm) {
		if (frm.doc.workflow_state === "Draft" && frm.doc.return_reason) {
			frm.dashboard.set_headline_alert(
				`${__("Returned for revision")}: ${frappe.utils.escape_html(frm.doc.return_reason)}`,
				"orange"
			);
		}
	},

	issuing_organ(frm) {
		if (frm.doc.issuing_organ && !frm.doc.signing_organ) {
			frm.set_value("signing_organ", frm.doc.issuing_organ);
		}
	},

	document_date(frm) {
		if (frm.doc.document_date && !frm.doc.year) {
			frm.set_value("year", Number(frm.doc.document_date.slice(0, 4)));
		}
	},

	// "Return for Revision" needs a reason: ask for it, save it, then let the workflow action run.
	before_workflow_action(frm) {
		if (frm.selected_workflow_action !== "Return for Revision") {
			return;
		}
		frappe.dom.unfreeze();
		return new Promise((resolve) => {
			frappe.prompt(
				{
					fieldname: "reason",
					fieldtype: "Small Text",
					label: __("Reason for Return"),
					reqd: 1,
				},
				async ({ reason }) => {
					await frm.set_value("return_reason", reason);
					await frm.save();
					frappe.dom.freeze();
					resolve();
				},
				__("Return to Draft"),
				__("Return for Revision")
			);
		});
	},
});
