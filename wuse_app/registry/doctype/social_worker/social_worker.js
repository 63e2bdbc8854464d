// Copyright (c) 2026, Zhengyang Sub-district Office and contributors
// For license information, please see license.txt

frappe.ui.form.on("Social Worker", {
	refresh(frm) {
		wuse_app.personal_data.setup(frm);
	},
});
