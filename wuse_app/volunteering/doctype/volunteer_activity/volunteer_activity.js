// Copyright (c) 2026, Zhengyang Sub-district Office and contributors
// For license information, please see license.txt

frappe.ui.form.on("Volunteer Activity", {
	refresh(frm) {
		if (frm.is_new() || frm.doc.status === "Cancelled" || !frm.doc.attendees?.length) {
			return;
		}
		if (!frappe.model.can_create("Volunteer Service Record")) {
			return;
		}
		frm.add_custom_button(__("Record Hours for Attendees"), () => record_hours(frm));
	},
});

function record_hours(frm) {
	const dialog = new frappe.ui.Dialog({
		title: __("Record Hours for Attendees"),
		fields: [
			{
				fieldname: "service_date",
				fieldtype: "Date",
				label: __("Service Date"),
				reqd: 1,
				default: frm.doc.start_datetime
					? frm.doc.start_datetime.slice(0, 10)
					: frappe.datetime.get_today(),
			},
			{
				fieldname: "verify",
				fieldtype: "Check",
				label: __("Verify Now"),
				default: 1,
				description: __(
					"Submit the records at once. Leave unticked to create drafts for checking first."
				),
			},
			{
				fieldname: "note",
				fieldtype: "HTML",
				options: `<p class="text-muted small">${__(
					"Rows without hours use the activity's hours per attendee. If any row is wrong, nothing is recorded."
				)}</p>`,
			},
		],
		primary_action_label: __("Record Hours"),
		primary_action(values) {
			frappe
				.call({
					method: "wuse_app.volunteering.api.record_activity_hours",
					args: {
						activity: frm.doc.name,
						service_date: values.service_date,
						verify: values.verify,
					},
					freeze: true,
				})
				.then((r) => {
					dialog.hide();
					const created = r.message.created.length;
					frappe.show_alert({
						message: __("Hours recorded for {0} attendees.", [created]),
						indicator: "green",
					});
					frm.reload_doc();
				});
		},
	});
	dialog.show();
}
