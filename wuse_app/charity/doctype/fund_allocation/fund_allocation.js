// Copyright (c) 2026, Zhengyang Sub-district Office and contributors
// For license information, please see license.txt

frappe.ui.form.on("Fund Allocation", {
	setup(frm) {
		// Only projects that can receive money: approved or in progress.
		frm.set_query("service_project", () => ({
			filters: { workflow_state: ["in", ["Approved", "In Progress"]] },
		}));
		frm.set_query("fund", () => ({ filters: { status: "Active" } }));
	},
});
