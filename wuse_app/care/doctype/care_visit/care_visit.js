// Care Visit: raise a Resident Need from what the visit found (only those who may read the care file).
frappe.ui.form.on("Care Visit", {
	refresh(frm) {
		if (frm.is_new() || !frappe.perm.has_perm(frm.doctype, 1, "read", frm.doc)) return;
		frappe.require("/assets/wuse_app/js/raise_need.js", () =>
			wuse_app.raise_need.add_button(frm, {
				description: frm.doc.needs_raised || frm.doc.findings || "",
				need_source: "Visit",
				hint: __("The need is read more widely than the care file: do not write a child's name, ID number or contacts in it."),
			})
		);
	},
});
