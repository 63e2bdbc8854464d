frappe.query_reports["Overdue Approvals"] = {
	filters: [],
};
