// Resident Need: urgency levels from Wuse Settings, ranked resource suggestions, accept a resource.
frappe.ui.form.on("Resident Need", {
	onload(frm) {
		frappe.call("wuse_app.linkage.api.urgency_levels").then((r) => {
			frm.set_df_property("urgency", "options", r.message || []);
		});
	},
	refresh(frm) {
		if (frm.is_new() || !["Open", "Assigned", "Matched"].includes(frm.doc.status)) return;
		if (!frappe.model.can_create("Need Match")) return;
		frm.add_custom_button(__("Suggest Resources"), () => show_suggestions(frm));
	},
});

function show_suggestions(frm) {
	frappe.call("wuse_app.linkage.api.suggest_resources", { need: frm.doc.name }).then((r) => {
		const rows = r.message || [];
		const dialog = new frappe.ui.Dialog({ title: __("Suggested Resources"), size: "large" });
		if (!rows.length) {
			dialog.$body.html(`<p class="text-muted">${__("No resource can serve this need now.")}</p>`);
		} else {
			const esc = frappe.utils.escape_html;
			dialog.$body.html(
				rows
					.map(
						(s, i) => `<div class="border rounded p-3 mb-2">
					<b>${esc(s.title)}</b> · ${esc(s.provider || "")} · ${esc(s.provider_type)}
					<div class="text-muted small">${s.reasons.map(esc).join(" · ")}</div>
					<button class="btn btn-xs btn-primary mt-2" data-index="${i}">${__("Accept")}</button>
				</div>`
					)
					.join("")
			);
			dialog.$body.find("button[data-index]").on("click", (e) => {
				const s = rows[cint($(e.currentTarget).attr("data-index"))];
				frappe.prompt(
					{ fieldname: "quantity", fieldtype: "Float", label: __("Quantity Committed"), reqd: 1, default: Math.min(frm.doc.people_affected || 1, s.remaining) },
					(values) =>
						frappe
							.call("wuse_app.linkage.api.accept_resource", { need: frm.doc.name, resource: s.resource, quantity: values.quantity })
							.then(() => {
								dialog.hide();
								frm.reload_doc();
							}),
					__("Accept {0}", [s.title])
				);
			});
		}
		dialog.show();
	});
}
