// Copyright (c) 2026, Zhengyang Sub-district Office and contributors
// For license information, please see license.txt

frappe.ui.form.on("Community Assignment", {
	setup(frm) {
		frm.set_query("user", () => ({ filters: { enabled: 1, user_type: "System User" } }));
	},
});
