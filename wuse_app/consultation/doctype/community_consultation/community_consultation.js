// Community Consultation: which required participant types are missing, and an agenda item's
// decision as a Service Project draft in one click (the new project is checked on save like any other).
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
	},
});
