// Shared form behaviour for records with personal data (Volunteer, Social Worker, Donor).
// Users who may register an ID number but not read it see the masked copy and a hint.
frappe.provide("wuse_app.personal_data");

wuse_app.personal_data.setup = function (frm) {
	const can_read_id = frappe.perm.has_perm(frm.doctype, 1, "read", frm.doc);
	if (!frm.is_new() && !can_read_id && frm.doc.id_number_masked) {
		frm.set_df_property(
			"id_number",
			"description",
			__("Registered number: {0}. Leave blank to keep it; type a new number only to correct it.", [
				frm.doc.id_number_masked,
			])
		);
	}
};
