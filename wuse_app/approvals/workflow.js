// The Workflow form in the user's language. Frappe names the document type raw in its
// "Go to {0} List" button ("转到Service Project列表"); show the translated name instead.
//
// A state renamed in the States table keeps its documents: the server moves them, and the transitions,
// with the state (wuse_app/approvals/renames.py). Frappe's save-time warning about documents in states the
// workflow no longer has would name the old name as orphaned, so renamed states are left out of it.
frappe.ui.form.on("Workflow", {
	refresh(frm) {
		const doctype = frm.doc.document_type;
		if (!doctype || __(doctype) === doctype) return;
		frm.remove_custom_button(__("Go to {0} List", [doctype]));
		frm.add_custom_button(__("Go to {0} List", [__(doctype)]), () => frappe.set_route("List", doctype));
	},
	// Runs after Frappe's handler of the same event, which sets frm.states to the orphaned states.
	// The saved rows are read from the server, so an edit made while the form was still loading counts.
	async get_orphaned_states_and_count(frm) {
		if (frm.is_new() || !frm.states || !frm.states.length) return;
		const saved = await frappe.db.get_doc("Workflow", frm.doc.name);
		const renamed = wuse_renamed_states(saved.states || [], frm.doc.states || []);
		frm.states = frm.states.filter((row) => !renamed.has(row[frm.doc.workflow_state_field]));
	},
});

// The old names of renamed states, by the rule of wuse_app.domain.approvals.renamed_states:
// the same row with a new name, the old name gone, the new name new.
function wuse_renamed_states(saved_rows, rows) {
	const saved = Object.fromEntries(saved_rows.map((row) => [row.name, row.state]));
	const now = new Set(rows.map((row) => row.state));
	const before = new Set(Object.values(saved));
	const renamed = new Set();
	rows.forEach((row) => {
		const old = saved[row.name];
		if (old && row.state && old !== row.state && !now.has(old) && !before.has(row.state)) {
			renamed.add(old);
		}
	});
	return renamed;
}
