// Copyright (c) 2026, Zhengyang Sub-district Office and contributors
// For license information, please see license.txt

// Service Project form.
// - Workflow actions go through wuse_app.projects.api.apply_review_action: the server locks the project
//   and refuses a second reviewer's action with a clear message; Return / Reject / Send Back first ask
//   for the reason, which the applicant then sees and which is kept in the approval trail.
// - Fields the server would refuse in the current state are shown read-only.

// Workflow state and action names are stored in English; show them in the user's language.
frappe.form.link_formatters["Workflow State"] ??= (value) => __(value);

// Read-only Select values are translated without context; the project's categories need theirs
// ("Elderly Care" is 扶老 here, 养老照护 as a volunteer skill).
function wuse_project_formatters() {
	const fields = frappe.meta.docfield_map["Service Project"] || {};
	["category", "funding_source"].forEach((fieldname) => {
		if (fields[fieldname]) fields[fieldname].formatter = (value) => __(value, null, "Service Project");
	});
}

frappe.ui.form.on("Service Project", {
	setup() {
		const action = frappe.meta.docfield_map["Project Approval Log"]?.action;
		if (action) action.formatter = (value) => __(value);
		wuse_project_formatters();
	},

	refresh(frm) {
		wuse_project.show_reason(frm);
		wuse_project.lock_fields(frm);
	},

	before_workflow_action(frm) {
		const action = frm.selected_workflow_action;
		frappe.dom.unfreeze();
		// Never resolves: Frappe's own apply_workflow call is replaced by ours.
		return new Promise(() => {
			const needs_reason = (frm.doc.__onload?.reason_actions || []).includes(action);
			if (needs_reason) {
				wuse_project.ask_reason(frm, action);
			} else {
				wuse_project.apply(frm, action, null);
			}
		});
	},
});

frappe.ui.form.on("Service Project Budget Item", {
	amount(frm) {
		wuse_project.set_requested_amount(frm);
	},
	budget_items_remove(frm) {
		wuse_project.set_requested_amount(frm);
	},
});

const wuse_project = {
	apply(frm, action, reason) {
		return frappe
			.xcall(
				"wuse_app.projects.api.apply_review_action",
				{
					project: frm.doc.name,
					action: action,
					reason: reason,
					expected_state: frm.doc.workflow_state,
				},
				__("Saving")
			)
			.then((result) => {
				// 会签: an approval that is not the last one needed is recorded as a vote.
				const message =
					result.moved === false
						? __("Your approval is recorded: {0} of {1}", [result.votes, result.needed])
						: __("{0} is now {1}", [frm.doc.name, __(result.workflow_state)]);
				frappe.show_alert({ message: message, indicator: "green" });
			})
			.finally(() => frm.reload_doc());
	},

	ask_reason(frm, action) {
		const dialog = new frappe.ui.Dialog({
			title: __("{0}: {1}", [__(action), frm.doc.project_title || frm.doc.name]),
			fields: [
				{
					fieldname: "reason",
					fieldtype: "Small Text",
					label: __("Reason"),
					reqd: 1,
					description: __(
						"The applicant sees this reason; it is kept in the approval trail."
					),
				},
			],
			primary_action_label: __(action),
			primary_action(values) {
				dialog.hide();
				wuse_project.apply(frm, action, values.reason);
			},
		});
		dialog.show();
	},

	show_reason(frm) {
		if (frm.doc.last_review_reason) {
			frm.dashboard.set_headline_alert(
				`<div><b>${__("Reason for Return or Rejection")}:</b> ${frappe.utils.escape_html(
					frm.doc.last_review_reason
				)}</div>`,
				"orange"
			);
		}
	},

	lock_fields(frm) {
		if (frm.is_new()) return;
		const editable = new Set(frm.doc.__onload?.editable_fields || []);
		const always = new Set(["requested_amount", "workflow_state", "last_review_reason", "approval_log"]);
		frm.meta.fields.forEach((df) => {
			if (frappe.model.no_value_type.includes(df.fieldtype) || always.has(df.fieldname)) return;
			const open =
				editable.has(df.fieldname) ||
				(df.fieldname === "milestones" && editable.has("milestones.progress"));
			frm.set_df_property(df.fieldname, "read_only", open ? 0 : 1);
		});
		// Delivery: milestone progress is reported, the plan itself stays as approved.
		const plan_open = editable.has("milestones");
		const grid = frm.fields_dict.milestones.grid;
		["title", "due_date"].forEach((f) => grid.update_docfield_property(f, "read_only", plan_open ? 0 : 1));
		frm.set_df_property("milestones", "cannot_add_rows", !plan_open);
		frm.set_df_property("milestones", "cannot_delete_rows", !plan_open);
	},

	set_requested_amount(frm) {
		const total = (frm.doc.budget_items || []).reduce((sum, row) => sum + flt(row.amount), 0);
		frm.set_value("requested_amount", total);
	},
};
