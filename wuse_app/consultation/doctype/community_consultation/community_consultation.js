// Community Consultation: which required participant types are missing, and an agenda item's
// decision as a Service Project draft or a Resident Need in one click (each checked server-side).
frappe.ui.form.on("Community Consultation", {
	refresh(frm) {
		if (frm.doc.missing_participant_types) {
			frm.dashboard.set_headline_alert(
				__("Participants of these types must be present to complete: {0}.", [
					frm.doc.missing_participant_types
						.split("\n")
						.map((type) => __(type))
						.join("、"),
				]),
				"orange"
			);
		}
		if (!frm.is_new() && frappe.model.can_create("Service Project")) {
			(frm.doc.agenda_items || [])
				.filter((item) => item.decision)
				.forEach((item) => {
					frm.add_custom_button(
						__("Item {0}", [item.idx]),
						() =>
							frappe.new_doc("Service Project", {
								project_title: item.issue,
								community: frm.doc.community,
								objectives: item.decision,
							}),
						__("Service Project Draft")
					);
				});
		}
		if (!frm.is_new() && frappe.model.can_write(frm.doctype) && frappe.model.can_create("Resident Need")) {
			frappe.require("/assets/wuse_app/js/raise_need.js", () =>
				(frm.doc.agenda_items || [])
					.filter((item) => !item.resident_need && item.issue)
					.forEach((item) =>
						wuse_app.raise_need.add_button(
							frm,
							{
								label: __("Item {0}", [item.idx]),
								row: item.name,
								description: [item.issue, item.decision].filter(Boolean).join("\n"),
								need_source: "Community Consultation",
								reload: true,
							},
							__("Raise Resident Need")
						)
					)
			);
		}
	},
});
