// Copyright (c) 2026, Zhengyang Sub-district Office and contributors
// For license information, please see license.txt

frappe.query_reports["Fund Ledger"] = {
	filters: [
		{ fieldname: "community", label: __("Community"), fieldtype: "Link", options: "Community" },
		{ fieldname: "fund", label: __("Fund"), fieldtype: "Link", options: "Community Fund" },
		{
			fieldname: "fund_type",
			label: __("Fund Type"),
			fieldtype: "Select",
			options: ["", "Community Fund", "Special Fund"].map((value) => ({ value, label: __(value) })),
		},
		{
			fieldname: "status",
			label: __("Status"),
			fieldtype: "Select",
			options: ["", "Active", "Closed"].map((value) => ({ value, label: __(value) })),
		},
		{ fieldname: "funds_only", label: __("Funds Only"), fieldtype: "Check" },
	],
	tree: true,
	initial_depth: 1,
	name_field: "ledger_item",
	parent_field: "",

	// Drill-down: amounts open the submitted donations or allocations they add up.
	formatter(value, row, column, data, default_formatter) {
		const formatted = default_formatter(value, row, column, data);
		const amounts = ["received", "allocated", "allocated_to_project"];
		if (!data || !amounts.includes(column.fieldname) || value === null || value === undefined) {
			return formatted;
		}
		const filters = { fund: data.fund, docstatus: 1 };
		let doctype = "Fund Allocation";
		if (column.fieldname === "received") {
			doctype = "Donation";
			filters.donation_type = "Money";
			if (data.row_type === "Project") filters.designated_project = data.service_project;
			if (data.row_type === "Undesignated") filters.designated_project = JSON.stringify(["is", "not set"]);
		} else if (data.row_type === "Project") {
			filters.service_project = data.service_project;
		} else if (data.row_type === "Undesignated") {
			return formatted; // undesignated money used is a share of allocations, not a list of its own
		}
		// encodeURIComponent, not URLSearchParams: the desk reads "+" literally, not as a space.
		const query = Object.entries(filters)
			.map(([key, val]) => `${encodeURIComponent(key)}=${encodeURIComponent(val)}`)
			.join("&");
		const href = `/app/${frappe.router.slug(doctype)}?${query}`;
		return `<a href="${href}" title="${__("Open the documents")}">${formatted}</a>`;
	},
};
