// Copyright (c) 2026, Zhengyang Sub-district Office and contributors
// For license information, please see license.txt

frappe.ui.form.on("Donor", {
	refresh(frm) {
		wuse_app.personal_data.setup(frm);
		// A donor's mobile is personal data too: staff who register it cannot read it back.
		const can_read = frappe.perm.has_perm(frm.doctype, 1, "read", frm.doc);
		if (!frm.is_new() && !can_read && frm.doc.mobile_masked) {
			frm.set_df_property(
				"mobile",
				"description",
				__("Registered number: {0}. Leave blank to keep it; type a new number only to correct it.", [
					frm.doc.mobile_masked,
				])
			);
		}
	},
});
