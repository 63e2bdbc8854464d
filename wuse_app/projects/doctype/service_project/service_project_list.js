// Copyright (c) 2026, Zhengyang Sub-district Office and contributors
// For license information, please see license.txt

// Workflow state names are stored in English; show them in the user's language.
frappe.form.link_formatters["Workflow State"] ??= (value) => __(value);

frappe.listview_settings["Service Project"] = {
	add_fields: ["workflow_state", "requested_amount", "approved_amount"],
	onload() {
		const fields = frappe.meta.docfield_map["Service Project"] || {};
		["category", "funding_source"].forEach((fieldname) => {
			if (fields[fieldname]) fields[fieldname].formatter = (value) => __(value, null, "Service Project");
		});
	},
};
