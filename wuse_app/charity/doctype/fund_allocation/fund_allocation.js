// Copyright (c) 2026, Zhengyang Sub-district Office and contributors
// For license information, please see license.txt

frappe.ui.form.on("Fund Allocation", {
	setup(frm) {
		// Only projects that can receive money: the workflow's Active stage (approved, under way).
		frappe
			.xcall("wuse_app.approvals.api.states_in_stage", { doctype: "Service Project", stages: "Active" })
			.then((active) =>
				frm.set_query("service_project", () => ({
					filters: { workflow_state: ["in", active.length ? active : [""]] },
				}))
			);
		frm.set_query("fund", () => ({ filters: { status: "Active" } }));
	},
});
