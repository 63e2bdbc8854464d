// Care Recipient: close the file, and (administrators, closed files) erase its personal data.
frappe.ui.form.on("Care Recipient", {
	refresh(frm) {
		if (frm.is_new()) return;
		if (frm.doc.status === "Active" && frm.perm[0] && frm.perm[0].write) {
			frm.add_custom_button(__("Close File"), () =>
				frappe.prompt(
					{ fieldname: "reason", fieldtype: "Small Text", label: __("Closure Reason"), reqd: 1 },
					({ reason }) => frm.call("close_file", { reason }).then(() => frm.reload_doc()),
					__("Close File")
				)
			);
		}
		if (
			frm.doc.status === "Closed" &&
			!frm.doc.personal_data_erased &&
			frappe.user.has_role("Wuse Administrator")
		) {
			frm.add_custom_button(__("Erase Personal Data"), () =>
				frappe.prompt(
					{ fieldname: "legal_basis", fieldtype: "Small Text", label: __("Legal Basis for Erasure"), reqd: 1 },
					({ legal_basis }) =>
						frm.call("erase_personal_data", { legal_basis }).then(() => frm.reload_doc()),
					__("Erase Personal Data")
				)
			);
		}
	},
});
