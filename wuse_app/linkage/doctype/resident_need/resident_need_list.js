// Select open needs of one community and category → a Service Project draft that answers them.
frappe.listview_settings["Resident Need"] = {
	onload(listview) {
		if (!frappe.model.can_create("Service Project")) return;
		listview.page.add_actions_menu_item(__("Create Service Project"), () => {
			const needs = listview.get_checked_items(true);
			frappe.call("wuse_app.linkage.api.project_draft", { needs }).then((r) => {
				const draft = r.message;
				frappe.wuse_pending_needs = draft.needs;
				frappe.new_doc("Service Project", {
					community: draft.community,
					category: draft.category,
					beneficiary_count: draft.beneficiary_count,
					objectives: draft.objectives,
				});
			});
		});
	},
};
