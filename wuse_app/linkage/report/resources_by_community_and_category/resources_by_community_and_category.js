frappe.query_reports["Resources by Community and Category"] = {
	filters: [
		{ fieldname: "community", label: __("Community"), fieldtype: "Link", options: "Community" },
		{ fieldname: "category", label: __("Category"), fieldtype: "Link", options: "Service Category" },
		{ fieldname: "gaps_only", label: __("Gaps Only"), fieldtype: "Check" },
	],
};
