// Copyright (c) 2026, Zhengyang Sub-district Office and contributors
// For license information, please see license.txt

frappe.query_reports["Work Targets"] = {
	filters: [
		{
			fieldname: "sub_district",
			label: __("Sub-district"),
			fieldtype: "Link",
			options: "Sub District",
		},
		{
			fieldname: "community",
			label: __("Community"),
			fieldtype: "Link",
			options: "Community",
			get_query() {
				const sub_district = frappe.query_report.get_filter_value("sub_district");
				return sub_district ? { filters: { sub_district } } : {};
			},
		},
	],
	tree: true,
	name_field: "row_id",
	parent_field: "parent_row",
	initial_depth: 1,
	formatter(value, row, column, data, default_formatter) {
		// Counts (people, organisations) read 4,720, not 4,720.00; ratios keep their two decimals.
		if (["actual", "target", "gap"].includes(column.fieldname) && Number.isInteger(value)) {
			column = Object.assign({}, column, { precision: 0 });
		}
		value = default_formatter(value, row, column, data);
		if (column.fieldname === "result" && data && data.indicator_key) {
			const colour = data.met ? "green" : data.actual == null ? "gray" : "red";
			value = `<span class="indicator-pill ${colour}">${value}</span>`;
		}
		if (data && data.indent === 0 && column.fieldname === "scope") {
			value = `<b>${value}</b>`;
		}
		return value;
	},
};
