// My Needs: a resolved need of the resident can be rated once (the server checks who and when).
Object.assign(frappe._messages || (frappe._messages = {}), {{ wuse_messages }});
frappe.ready(() => {
	const web_form = frappe.web_form;
	const doc = web_form && web_form.doc;
	if (!doc || !doc.name || doc.satisfaction) return;
	if (!["Resolved", "Closed"].includes(doc.status)) return;
	const button = $(`<button class="btn btn-primary btn-sm mt-3">${__("Rate the Service")}</button>`);
	button.on("click", () => {
		const dialog = new frappe.ui.Dialog({
			title: __("Rate the Service"),
			fields: [
				{ fieldname: "rating", fieldtype: "Select", label: __("Satisfaction (1–5)"), options: "5\n4\n3\n2\n1", reqd: 1 },
				{ fieldname: "comment", fieldtype: "Small Text", label: __("Feedback Comment") },
			],
			primary_action_label: __("Submit"),
			primary_action(values) {
				frappe
					.call("wuse_app.linkage.api.give_feedback", { need: doc.name, rating: values.rating, comment: values.comment })
					.then(() => {
						dialog.hide();
						frappe.msgprint(__("Thank you for your feedback."));
						setTimeout(() => window.location.reload(), 1000);
					});
			},
		});
		dialog.show();
	});
	$(".web-form-container, .web-form").first().append(button);
});
