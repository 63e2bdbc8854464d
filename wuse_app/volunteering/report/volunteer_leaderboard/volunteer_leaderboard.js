// Copyright (c) 2026, Zhengyang Sub-district Office and contributors
// For license information, please see license.txt

frappe.query_reports["Volunteer Leaderboard"] = {
	filters: [
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
			fieldname: "limit",
			label: __("Show Top"),
			fieldtype: "Int",
			default: 20,
		},
	],
};
