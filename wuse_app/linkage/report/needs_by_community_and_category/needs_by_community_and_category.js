frappe.query_reports["Needs by Community and Category"] = {
	filters: [{ fieldname: "community", label: __("Community"), fieldtype: "Link", options: "Community" }],
};
