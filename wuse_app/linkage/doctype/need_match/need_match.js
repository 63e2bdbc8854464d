// Need Match: an emergency assignment is reviewed afterwards by the sub-district (never by who made it).
frappe.ui.form.on("Need Match", {
	refresh(frm) {
		if (frm.doc.review_status !== "Pending Review" || frm.doc.matched_by === frappe.session.user || !frm.perm[0].write) return;
		frm.add_custom_button(__("Review Emergency Assignment"), () =>
			frappe.prompt(
				{ fieldname: "note", fieldtype: "Small Text", label: __("Review Note") },
				(values) =>
					frappe
						.call({ method: "wuse_app.linkage.emergency.review_assignment", args: { match: frm.doc.name, note: values.note } })
						.then(() => frm.reload_doc()),
				__("Review Emergency Assignment")
			)
		);
	},
});
