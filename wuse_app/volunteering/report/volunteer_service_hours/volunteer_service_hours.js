// Copyright (c) 2026, Zhengyang Sub-district Office and contributors
// For license information, please see license.txt

frappe.query_reports["Volunteer Service Hours"] = {
	filters: [
		{
			fieldname: "group_by",
			label: __("Group Hours By"),
			fieldtype: "Select",
			options: [
				{ value: "Community", label: __("Community") },
				{ value: "Service Category", label: __("Service Category") },
				{ value: "Month", label: __("Month") },
			],
			default: "Community",
			reqd: 1,
		},
		{
			fieldname: "from_date",
			label: __("From Date"),
			fieldtype: "Date",
			default: frappe.datetime.year_start(),
		},
		{
			fieldname: "to_date",
			label: __("To Date"),
			fieldtype: "Date",
			default: frappe.datetime.get_today(),
		},
		{
			fieldname: "community",
			label: __("Community"),
			fieldtype: "Link",
			options: "Community",
		},
		{
			fieldname: "service_category",
			label: __("Service Category"),
			// A master: the categories an administrator adds are offered too.
			fieldtype: "Link",
			options: "Service Category",
		},
	],
};
