// 待我审批: the documents waiting for the current user's decision (wuse_app.approvals.queue).
// Frappe's Workflow Action list shows only the record type and its ID; this shows what a reviewer
// needs to choose what to open first. The server decides what is listed; this only renders it.

frappe.pages["my-approvals"].on_page_load = function (wrapper) {
	const page = frappe.ui.make_app_page({
		parent: wrapper,
		title: __("Approval Queue"),
		single_column: true,
	});
	page.set_secondary_action(__("Refresh"), () => load(page), "refresh");
	page.body_area = $('<div class="wuse-approval-queue"></div>').appendTo(page.main);
	wrapper.queue_page = page;
};

frappe.pages["my-approvals"].on_page_show = function (wrapper) {
	load(wrapper.queue_page);
};

function waited_text(hours) {
	if (hours < 1) return __("Less than an hour");
	const days = Math.floor(hours / 24);
	const rest = Math.floor(hours % 24);
	if (!days) return __("{0} hours", [rest]);
	return rest ? __("{0} days {1} hours", [days, rest]) : __("{0} days", [days]);
}

function render(page, items) {
	const esc = frappe.utils.escape_html;
	const area = page.body_area.empty();
	if (!items.length) {
		area.append(
			`<div class="text-muted text-center wuse-queue-empty" style="padding: 48px 0">${esc(
				__("Nothing is waiting for your decision.")
			)}</div>`
		);
		return;
	}
	const rows = items
		.map((item) => {
			const amount =
				item.amount === null || item.amount === undefined
					? ""
					: format_currency(item.amount, "CNY");
			const overdue = item.overdue
				? ` <span class="indicator-pill red">${esc(__("Overdue"))}</span>`
				: "";
			return `<tr data-doctype="${esc(item.doctype)}" data-name="${esc(item.name)}">
				<td><a href="${esc(item.route)}" class="wuse-queue-title">${esc(item.title)}</a>
					<div class="text-muted small">${esc(__(item.doctype))} · ${esc(item.name)}</div></td>
				<td>${esc(item.community || "")}</td>
				<td class="text-right">${esc(amount)}</td>
				<td><span class="indicator-pill orange">${esc(__(item.state))}</span></td>
				<td title="${esc(frappe.datetime.str_to_user(item.since))}">${esc(
					waited_text(item.waited_hours)
				)}${overdue}</td>
				<td><a class="btn btn-xs btn-primary" href="${esc(item.route)}">${esc(__("Open", null, "approval queue"))}</a></td>
			</tr>`;
		})
		.join("");
	area.append(`<div class="table-responsive"><table class="table table-hover wuse-queue-table">
		<thead><tr>
			<th>${esc(__("Title"))}</th><th>${esc(__("Community"))}</th>
			<th class="text-right">${esc(__("Amount"))}</th><th>${esc(__("Current Step"))}</th>
			<th>${esc(__("Waiting For"))}</th><th></th>
		</tr></thead><tbody>${rows}</tbody></table></div>`);
	area.find("tbody tr").on("click", function (event) {
		if ($(event.target).closest("a").length) return;
		frappe.set_route("Form", $(this).attr("data-doctype"), $(this).attr("data-name"));
	});
}

function load(page) {
	if (!page) return;
	frappe
		.call({ method: "wuse_app.approvals.queue.pending_for_me", type: "GET" })
		.then((r) => render(page, r.message || []));
}
