// Copyright (c) 2026, Zhengyang Sub-district Office and contributors
// For license information, please see license.txt

frappe.ui.form.on("Donation", {
	setup(frm) {
		frm.set_query("fund", () => ({ filters: { status: "Active" } }));
		frm.set_query("donor", () => ({ filters: { disabled: 0 } }));
		// Projects not yet closed: the workflow's Closed stage, whatever its states are called.
		frappe
			.xcall("wuse_app.approvals.api.states_in_stage", { doctype: "Service Project", stages: "Closed" })
			.then((closed) =>
				frm.set_query("designated_project", () => ({
					filters: closed.length ? { workflow_state: ["not in", closed] } : {},
				}))
			);
	},
	donation_type(frm) {
		if (frm.doc.donation_type !== "Goods") frm.clear_table("items");
		frm.refresh_field("items");
	},
});

frappe.ui.form.on("Donation Item", {
	estimated_value(frm) {
		const total = (frm.doc.items || []).reduce((sum, row) => sum + flt(row.estimated_value), 0);
		frm.set_value("total_value", total);
	},
});
