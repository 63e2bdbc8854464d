// Venture Proposal (portal web form), built like the Service Project application form. Rendered through
// Jinja: no double braces below except the values the server fills in (all JSON).
Object.assign(frappe._messages || (frappe._messages = {}), {{ wuse_messages }});
const WUSE_OPEN_CALLS = {{ wuse_open_calls }};
const WUSE_PROPOSAL = {{ wuse_proposal }};

frappe.ready(() => wait_for_proposal_form(0));

// The web form bundle builds the form in its own ready handler; wait for it (the list page has none).
function wait_for_proposal_form(tries) {
	const form = frappe.web_form;
	if (form && form.fields_dict && form.fields) {
		setup_proposal_form(form);
	} else if (tries < 50) {
		setTimeout(() => wait_for_proposal_form(tries + 1), 100);
	}
}

function setup_proposal_form(form) {
	if (form.is_new) {
		prefill();
		return;
	}
	show_state();
	if (WUSE_PROPOSAL.editable) {
		if (WUSE_PROPOSAL.withdrawable) add_withdraw_button();
	} else {
		lock_form();
	}

	function prefill() {
		if (!WUSE_OPEN_CALLS.length) {
			frappe.msgprint(__("No venture call is open for proposals at the moment."));
		}
		const wanted = new URLSearchParams(window.location.search).get("venture_call");
		const call = WUSE_OPEN_CALLS.find((c) => c.value === wanted) || (WUSE_OPEN_CALLS.length === 1 && WUSE_OPEN_CALLS[0]);
		if (call) form.set_value("venture_call", call.value);
		frappe.call("wuse_app.projects.api.my_organizations").then((r) => {
			const organizations = r.message || [];
			if (!organizations.length) {
				frappe.msgprint(
					__(
						"You are not registered as the portal user of any active organisation. Ask the sub-district office to add you to your organisation."
					)
				);
				return;
			}
			const field = form.fields_dict.applicant_organization;
			field.set_data && field.set_data(organizations.map((o) => o.name));
			if (organizations.length === 1) {
				form.set_value("applicant_organization", organizations[0].name);
				if (organizations[0].community) form.set_value("community", organizations[0].community);
			}
		});
	}

	function show_state() {
		const esc = frappe.utils.escape_html;
		let html = `<p><b>${__("Status")}:</b> ${esc(WUSE_PROPOSAL.status || "")}</p>`;
		if (WUSE_PROPOSAL.deadline) {
			html += `<p><b>${__("Submission Deadline")}:</b> ${esc(WUSE_PROPOSAL.deadline)}</p>`;
		}
		$(`<div class="wuse-proposal-state alert alert-info">${html}</div>`).insertBefore(".web-form-body");
	}

	function add_withdraw_button() {
		const button = $(
			`<button class="btn btn-default btn-sm ml-2 wuse-withdraw-proposal">${__("Withdraw Proposal")}</button>`
		);
		button.on("click", (event) => {
			event.preventDefault();
			frappe.confirm(__("Withdraw this proposal? You can send a new one before the deadline."), () =>
				frappe
					.call({
						method: "wuse_app.venture.api.withdraw_proposal",
						args: { name: WUSE_PROPOSAL.name },
						freeze: true,
					})
					.then(() => {
						frappe.msgprint(__("Your proposal has been withdrawn."));
						setTimeout(() => window.location.replace(`/${form.route}/list`), 1500);
					})
			);
		});
		$(".web-form-footer .right-area").append(button);
	}

	function lock_form() {
		if (form.in_edit_mode) {
			// The server refuses changes now; show the proposal read-only instead.
			window.location.replace(`/${form.route}/${encodeURIComponent(WUSE_PROPOSAL.name)}`);
			return;
		}
		$(".edit-button").addClass("hide");
		$(
			`<p class="text-muted">${__(
				"This proposal can no longer be changed: the submission deadline has passed or it was withdrawn or decided."
			)}</p>`
		).insertBefore(".web-form-body");
	}
}
