// Copyright (c) 2026, Zhengyang Sub-district Office and contributors
// For license information, please see license.txt

frappe.ui.form.on("Community Fund", {
	setup(frm) {
		// The server also checks that the custodian is a recognised charity or has public-fundraising status.
		frm.set_query("custodian_organization", () => ({ filters: { status: "Active" } }));
	},
	refresh(frm) {
		if (frm.is_new()) return;
		frm.add_custom_button(__("Fund Ledger"), () =>
			frappe.set_route("query-report", "Fund Ledger", { fund: frm.doc.name })
		);
	},
});
