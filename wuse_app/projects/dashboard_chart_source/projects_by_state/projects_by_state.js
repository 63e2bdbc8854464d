frappe.provide("frappe.dashboards.chart_sources");

frappe.dashboards.chart_sources["Projects by State"] = {
	method: "wuse_app.projects.dashboard_chart_source.projects_by_state.projects_by_state.get",
	filters: [
		{
			fieldname: "community",
			label: __("Community"),
			fieldtype: "Link",
			options: "Community",
		},
	],
};
