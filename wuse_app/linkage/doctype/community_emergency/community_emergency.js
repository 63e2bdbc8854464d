// Community Emergency (应急): the live board, dispatching volunteers, assigning resources, ending it.
const EMERGENCY = "wuse_app.linkage.emergency";

frappe.ui.form.on("Community Emergency", {
	setup(frm) {
		frm.set_query("lead", () => ({ filters: { user_type: "System User", enabled: 1 } }));
	},
	onload(frm) {
		frappe.realtime.on("wuse_emergency_board", (data) => {
			if (data && data.emergency === frm.doc.name) draw_board(frm);
		});
	},
	refresh(frm) {
		if (frm.is_new()) return;
		draw_board(frm);
		if (frm.doc.status !== "Active" || !frm.perm[0].write) return;
		frm.add_custom_button(__("Dispatch Volunteers"), () => dispatch_volunteers(frm), __("Emergency"));
		frm.add_custom_button(__("Assign Resource"), () => assign_resource(frm), __("Emergency"));
		frm.add_custom_button(__("End Emergency"), () => end_emergency(frm), __("Emergency"));
	},
});

function dispatch_volunteers(frm) {
	frappe.prompt(
		[
			{ fieldname: "skills", fieldtype: "MultiSelectList", label: __("Skills"), options: "Volunteer Skill",
			  get_data: (txt) => frappe.db.get_link_options("Volunteer Skill", txt) },
			{ fieldname: "category", fieldtype: "Link", label: __("Service Category"), options: "Service Category" },
			{ fieldname: "need", fieldtype: "Link", label: __("Resident Need"), options: "Resident Need" },
			{ fieldname: "task", fieldtype: "Small Text", label: __("Task"), reqd: 1 },
		],
		(values) =>
			frappe.call({ method: `${EMERGENCY}.dispatch_volunteers`, args: { emergency: frm.doc.name, ...values } }).then((r) => {
				const m = r.message || {};
				frappe.show_alert({ message: __("{0} volunteers called out, {1} notified", [m.dispatched || 0, m.notified || 0]), indicator: "green" });
				draw_board(frm);
			}),
		__("Dispatch Volunteers")
	);
}

function assign_resource(frm) {
	frappe.prompt(
		[
			{ fieldname: "resource", fieldtype: "Link", label: __("Resource Offer"), options: "Resource Offer", reqd: 1,
			  get_query: () => ({ filters: { status: "Active", remaining_capacity: [">", 0] } }) },
			{ fieldname: "quantity", fieldtype: "Float", label: __("Quantity Committed"), reqd: 1 },
			{ fieldname: "need", fieldtype: "Link", label: __("Resident Need"), options: "Resident Need" },
			{ fieldname: "note", fieldtype: "Small Text", label: __("Assignment Note") },
		],
		(values) =>
			frappe.call({ method: `${EMERGENCY}.assign_resource`, args: { emergency: frm.doc.name, ...values } }).then(() => draw_board(frm)),
		__("Assign Resource")
	);
}

function end_emergency(frm) {
	frappe.prompt(
		{ fieldname: "reason", fieldtype: "Small Text", label: __("Reason for Ending"), reqd: 1 },
		(values) => frappe.call({ method: `${EMERGENCY}.end_emergency`, args: { emergency: frm.doc.name, reason: values.reason } }).then(() => frm.reload_doc()),
		__("End Emergency")
	);
}

function draw_board(frm) {
	const wrapper = frm.get_field("board").$wrapper;
	frappe.call({ method: `${EMERGENCY}.emergency_board`, args: { emergency: frm.doc.name } }).then((r) => {
		const b = r.message || {};
		const esc = (v) => frappe.utils.escape_html(v == null ? "" : String(v));
		const link = (doctype, name) => `<a href="/app/${frappe.router.slug(doctype)}/${encodeURIComponent(name)}">${esc(name)}</a>`;
		const table = (heads, rows) =>
			`<table class="table table-sm table-bordered"><thead><tr>${heads.map((h) => `<th>${esc(h)}</th>`).join("")}</tr></thead>
			<tbody>${rows.length ? rows.join("") : `<tr><td colspan="${heads.length}" class="text-muted">${esc(__("None"))}</td></tr>`}</tbody></table>`;
		wrapper.html(`
			<h5>${esc(__("Needs"))} (${(b.needs || []).length})</h5>
			${table([__("Resident Need"), __("Community"), __("Category"), __("Urgency"), __("Status"), __("Response Deadline")],
				(b.needs || []).map((n) => `<tr class="${n.is_emergency ? "font-weight-bold" : ""}">
					<td>${link("Resident Need", n.name)}${n.is_emergency ? ` <span class="indicator-pill red">${esc(__("Emergency"))}</span>` : ""}</td>
					<td>${esc(n.community)}</td><td>${esc(n.category_label)}</td><td>${esc(n.urgency_label)}</td><td>${esc(n.status_label)}</td>
					<td class="${n.overdue ? "text-danger" : ""}">${esc(frappe.datetime.str_to_user(n.response_deadline))}</td></tr>`))}
			<h5>${esc(__("Dispatched Volunteers"))} (${esc(b.accepted || 0)} / ${(b.dispatches || []).length})</h5>
			${table([__("Volunteer"), __("Community"), __("Matching Skills"), __("Task"), __("Status")],
				(b.dispatches || []).map((d) => `<tr><td>${esc(d.volunteer_name)}</td><td>${esc(d.community)}</td><td>${esc(d.skills)}</td><td>${esc(d.task)}</td><td>${esc(d.status_label)}</td></tr>`))}
			<h5>${esc(__("Resources Assigned"))} (${(b.assignments || []).length})</h5>
			${table([__("Need Match"), __("Resource Offer"), __("Resident Need"), __("Quantity Committed"), __("Review Status")],
				(b.assignments || []).map((a) => `<tr><td>${link("Need Match", a.name)}</td><td>${esc(a.title || a.resource)}</td><td>${a.need ? link("Resident Need", a.need) : ""}</td>
					<td>${esc(a.quantity)} ${esc(a.unit)}</td><td>${esc(a.review_label)}</td></tr>`))}
		`);
	});
}
