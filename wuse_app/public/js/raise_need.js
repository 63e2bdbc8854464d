// One click from a consultation item, care visit or care assessment to a Resident Need
// (server: wuse_app.linkage.sources.raise_need, which checks the caller's permission itself).
frappe.provide("wuse_app.raise_need");

wuse_app.raise_need.can_raise = function () {
	return frappe.model.can_create("Resident Need");
};

wuse_app.raise_need.show = function (frm, opts) {
	frappe.call("wuse_app.linkage.api.urgency_levels").then((r) => {
		const levels = r.message || [];
		const dialog = new frappe.ui.Dialog({
			title: __("Raise Resident Need"),
			fields: [
				{
					fieldtype: "HTML",
					fieldname: "privacy_hint",
					options: opts.hint ? `<p class="text-muted small">${frappe.utils.escape_html(opts.hint)}</p>` : "",
				},
				{ fieldname: "category", fieldtype: "Link", options: "Service Category", label: __("Category"), reqd: 1 },
				{ fieldname: "description", fieldtype: "Small Text", label: __("Description"), reqd: 1, default: opts.description || "" },
				{ fieldname: "need_source", fieldtype: "Link", options: "Need Source", label: __("Source"), reqd: 1, default: opts.need_source || "" },
				{ fieldname: "urgency", fieldtype: "Select", options: [""].concat(levels), label: __("Urgency") },
				{ fieldname: "people_affected", fieldtype: "Int", label: __("People Affected"), default: 1 },
			],
			primary_action_label: __("Raise Resident Need"),
			primary_action(values) {
				frappe
					.call({
						method: "wuse_app.linkage.sources.raise_need",
						args: { source_doctype: frm.doctype, source_name: frm.doc.name, row: opts.row || null, ...values },
						freeze: true,
					})
					.then((res) => {
						dialog.hide();
						frappe.show_alert({ message: __("Resident Need {0} raised.", [res.message]), indicator: "green" });
						if (opts.reload) frm.reload_doc();
						else frm.refresh();
					});
			},
		});
		dialog.show();
	});
};

// Loads this helper once and adds the button (a form script calls it in `refresh`).
wuse_app.raise_need.add_button = function (frm, opts, group) {
	if (frm.is_new() || !wuse_app.raise_need.can_raise()) return;
	frm.add_custom_button(opts.label || __("Raise Resident Need"), () => wuse_app.raise_need.show(frm, opts), group);
};
