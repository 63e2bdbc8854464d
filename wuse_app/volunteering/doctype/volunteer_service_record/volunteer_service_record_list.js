// Copyright (c) 2026, Zhengyang Sub-district Office and contributors
// For license information, please see license.txt

frappe.listview_settings["Volunteer Service Record"] = {
	get_indicator(doc) {
		if (doc.docstatus === 1) {
			return [__("Verified", null, "Volunteer Service Record"), "green", "docstatus,=,1"];
		}
		if (doc.docstatus === 2) {
			return [__("Cancelled", null, "Volunteer Service Record"), "red", "docstatus,=,2"];
		}
		return [__("Unverified", null, "Volunteer Service Record"), "orange", "docstatus,=,0"];
	},
};
