// Copyright (c) 2026, Zhengyang Sub-district Office and contributors
// For license information, please see license.txt

// The approval queue (Workflow Action list) in Chinese. Frappe shows the status "Open" through
// __("Open"), which zh translates as 开 (to open something); in the queue it means 待处理.
// Added to Frappe's own list settings through hooks.py doctype_list_js.
frappe.listview_settings["Workflow Action"] = frappe.listview_settings["Workflow Action"] || {};
frappe.listview_settings["Workflow Action"].get_indicator = function (doc) {
	if (doc.status === "Open") {
		return [__("Open", null, "Workflow Action status"), "orange", "status,=,Open"];
	}
	return [__(doc.status), "green", `status,=,${doc.status}`];
};
