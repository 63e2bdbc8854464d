frappe.provide("frappe.dashboards.chart_sources");

frappe.dashboards.chart_sources["Needs by Category"] = {
	method: "wuse_app.linkage.dashboard_chart_source.needs_by_category.needs_by_category.get",
	filters: [
		{
			fieldname: "community",
			label: __("Community"),
			fieldtype: "Link",
			options: "Community",
		},
	],
};
