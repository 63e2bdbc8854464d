// Care Assessment: raise a Resident Need from the assessment's result (only those who may read the care file).
frappe.ui.form.on("Care Assessment", {
	refresh(frm) {
		if (frm.is_new()) return;
		frappe.require("/assets/wuse_app/js/raise_need.js", () =>
			wuse_app.raise_need.add_button(frm, {
				description: frm.doc.notes || "",
				need_source: "Visit",
				hint: __("The need is read more widely than the care file: do not write a child's name, ID number or contacts in it."),
			})
		);
	},
});
