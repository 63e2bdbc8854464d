// Copyright (c) 2026, Zhengyang Sub-district Office and contributors
// For license information, please see license.txt

// A new document takes the issuing organ, 发文字号 series, 印发机关 and 抄送 set in Wuse Settings
// (the server fills the same values on save if they are still empty).
function apply_document_defaults(frm, overwrite_series) {
	return frappe
		.call("wuse_app.documents.print_settings.get_document_defaults", {
			document_kind: frm.doc.document_kind || null,
		})
		.then(({ message }) => {
			for (const [fieldname, value] of Object.entries(message || {})) {
				const replace = overwrite_series && fieldname === "document_series";
				if (value && (replace || !frm.doc[fieldname])) {
					frm.set_value(fieldname, value);
				}
			}
		});
}

frappe.ui.form.on("Official Document", {
	onload(frm) {
		if (frm.is_new()) {
			apply_document_defaults(frm, false);
		}
	},

	document_kind(frm) {
		if (frm.is_new()) {
			apply_document_defaults(frm, true);
		}
	},

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
