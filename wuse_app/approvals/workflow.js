// The Workflow form in the user's language. Frappe names the document type raw in its
// "Go to {0} List" button ("转到Service Project列表"); show the translated name instead.
frappe.ui.form.on("Workflow", {
	refresh(frm) {
		const doctype = frm.doc.document_type;
		if (!doctype || __(doctype) === doctype) return;
		frm.remove_custom_button(__("Go to {0} List", [doctype]));
		frm.add_custom_button(__("Go to {0} List", [__(doctype)]), () => frappe.set_route("List", doctype));
	},
});
