// Service Project made from residents' needs (Resident Need list → Create Service Project):
// once the draft is saved, the needs are linked to it on the server.
frappe.ui.form.on("Service Project", {
	after_save(frm) {
		const needs = frappe.wuse_pending_needs;
		if (!needs || !needs.length) return;
		frappe.wuse_pending_needs = null;
		frappe
			.call("wuse_app.linkage.api.link_needs_to_project", { project: frm.doc.name, needs })
			.then(() => frappe.show_alert({ message: __("{0} needs are answered by this project.", [needs.length]), indicator: "green" }));
	},
});
