frappe.query_reports["Unmatched Resources"] = {
	filters: [
		{ fieldname: "community", label: __("Community"), fieldtype: "Link", options: "Community" },
		{ fieldname: "category", label: __("Category"), fieldtype: "Link", options: "Service Category" },
	],
};
