// Service Project Application (portal web form). Rendered through Jinja: no double braces below
// except the translations the server fills in.
Object.assign(frappe._messages || (frappe._messages = {}), {{ wuse_messages }});

frappe.ready(() => wait_for_form(0));

// The web form bundle builds the form in its own ready handler; wait for it (the list page has none).
function wait_for_form(tries) {
	const form = frappe.web_form;
	if (form && form.fields_dict && form.fields) {
		setup_application_form(form);
	} else if (tries < 50) {
		setTimeout(() => wait_for_form(tries + 1), 100);
	}
}

function setup_application_form(form) {
	// The workflow's Editing states (approval stage), filled in by the server.
	const EDITABLE_STATES = {{ wuse_editing_states or "[]" }};
	const doc = form.doc || {};

	if (form.is_new) {
		prefill_organization();
	} else {
		show_state();
		if (EDITABLE_STATES.includes(doc.workflow_state)) {
			add_submit_button();
		} else {
			lock_form();
		}
	}

	function prefill_organization() {
		frappe.call("wuse_app.projects.api.my_organizations").then((r) => {
			const organizations = r.message || [];
			const field = form.fields_dict.applicant_organization;
			if (!organizations.length) {
				frappe.msgprint(
					__(
						"You are not registered as the portal user of any active organisation. Ask the sub-district office to add you to your organisation."
					)
				);
				return;
			}
			field.set_data && field.set_data(organizations.map((o) => o.name));
			if (organizations.length === 1) {
				form.set_value("applicant_organization", organizations[0].name);
				if (organizations[0].community) {
					form.set_value("community", organizations[0].community);
				}
			}
		});
	}

	function show_state() {
		const state = frappe.utils.escape_html(__(doc.workflow_state || ""));
		let html = `<p><b>${__("Approval State")}:</b> ${state}</p>`;
		if (doc.last_review_reason) {
			html += `<p><b>${__("Reason for Return or Rejection")}:</b> ${frappe.utils.escape_html(
				doc.last_review_reason
			)}</p>`;
		}
		$(`<div class="wuse-project-state alert alert-info">${html}</div>`).insertBefore(".web-form-body");
	}

	function add_submit_button() {
		const button = $(
			`<button class="btn btn-primary btn-sm ml-2 wuse-submit-for-review">${__("Submit for Review")}</button>`
		);
		button.on("click", (event) => {
			event.preventDefault();
			if (frappe.form_dirty) {
				frappe.msgprint(__("Save your changes before submitting the application."));
				return;
			}
			frappe.confirm(
				__("Submit this application for review? You cannot change it while it is being reviewed."),
				() =>
					frappe
						.call({
							method: "wuse_app.projects.api.submit_application",
							args: { project: doc.name },
							freeze: true,
						})
						.then(() => {
							frappe.msgprint(__("Your application has been submitted for review."));
							setTimeout(() => window.location.reload(), 1500);
						})
			);
		});
		$(".web-form-footer .right-area").append(button);
	}

	function lock_form() {
		if (form.in_edit_mode) {
			// The server refuses changes now; show the application read-only instead.
			window.location.replace(`/${form.route}/${encodeURIComponent(doc.name)}`);
			return;
		}
		$(".edit-button").addClass("hide");
		$(`<p class="text-muted">${__(
			"This application is being reviewed or has been decided, so it can no longer be changed."
		)}</p>`).insertBefore(".web-form-body");
	}
}
