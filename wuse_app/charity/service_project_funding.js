// Copyright (c) 2026, Zhengyang Sub-district Office and contributors
// For license information, please see license.txt

// Added to the Service Project form by the Charity module (hooks.py doctype_js): the money donors
// designated to this project and the money allocated to it, in the form's dashboard.
frappe.ui.form.on("Service Project", {
	refresh(frm) {
		if (frm.is_new()) return;
		frappe.call({
			method: "wuse_app.charity.project_funding.get_project_funding",
			args: { project: frm.doc.name },
			callback(r) {
				if (r.message && frm.doc.name === r.message.project) {
					wuse_app.charity.render_project_funding(frm, r.message);
				}
			},
		});
	},
});

frappe.provide("wuse_app.charity");

wuse_app.charity.render_project_funding = function (frm, funding) {
	frm.dashboard.parent.find(".wuse-project-funding").remove();
	const money = (value) => format_currency(value, frappe.defaults.get_default("currency"));
	// encodeURIComponent, not URLSearchParams: the desk reads "+" literally, not as a space.
	const list_link = (doctype, filters, label) => {
		const query = Object.entries(filters)
			.map(([key, val]) => `${encodeURIComponent(key)}=${encodeURIComponent(val)}`)
			.join("&");
		return `<a href="/app/${frappe.router.slug(doctype)}?${query}">${label}</a>`;
	};
	const rows = funding.funds
		.map(
			(row) => `<tr>
				<td>${frappe.utils.get_form_link("Community Fund", row.fund, true)}</td>
				<td class="text-right">${money(row.designated)}</td>
				<td class="text-right">${money(row.allocated)}</td>
				<td class="text-right">${money(row.designated_available)}</td>
			</tr>`
		)
		.join("");
	const html = `<div class="wuse-project-funding">
		<div class="row">
			<div class="col-sm-4"><div class="text-muted small">${__("Designated by Donors")}</div>
				<div class="h5">${list_link("Donation", { designated_project: frm.doc.name, docstatus: 1 }, money(funding.designated))}</div></div>
			<div class="col-sm-4"><div class="text-muted small">${__("Allocated from Funds")}</div>
				<div class="h5">${list_link("Fund Allocation", { service_project: frm.doc.name, docstatus: 1 }, money(funding.allocated))}</div></div>
			<div class="col-sm-4"><div class="text-muted small">${__("Designated, Not Yet Allocated")}</div>
				<div class="h5">${money(funding.designated_available)}</div></div>
		</div>
		${
			funding.follow_up
				? `<div class="alert alert-warning small">${frappe.utils.escape_html(funding.follow_up)}</div>`
				: ""
		}
		${
			funding.designated_in_kind_value
				? `<div class="text-muted small">${__("Goods and services designated to this project, estimated value: {0}", [money(funding.designated_in_kind_value)])}</div>`
				: ""
		}
		${
			rows
				? `<table class="table table-condensed small" style="margin-top: var(--margin-sm)">
				<thead><tr><th>${__("Fund")}</th><th class="text-right">${__("Designated by Donors")}</th>
				<th class="text-right">${__("Allocated from Funds")}</th><th class="text-right">${__("Designated, Not Yet Allocated")}</th></tr></thead>
				<tbody>${rows}</tbody></table>`
				: `<div class="text-muted small">${__("No charity money for this project yet.")}</div>`
		}
	</div>`;
	frm.dashboard.add_section(html, __("Charity Funding"));
	frm.dashboard.show();
};
