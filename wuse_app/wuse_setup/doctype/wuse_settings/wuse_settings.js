// Copyright (c) 2026, Zhengyang Sub-district Office and contributors
// For license information, please see license.txt

frappe.ui.form.on("Wuse Settings", {
	refresh(frm) {
		frm.set_intro(
			__("These targets and thresholds drive the Work Targets report, project approval routing and volunteer star levels."),
			"blue"
		);
	},
});
