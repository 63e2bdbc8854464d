// 撤回 / 转交 / 委托 on the form of any governed document (wuse_app.approvals): the buttons Frappe's
// workflow lacks. The server decides what this user may do (wuse_app.approvals.api.form_actions) and
// checks every rule again when the button is used; the buttons are a convenience, not the boundary.
$(document).on("form-refresh", (event, frm) => {
	if (!frm || frm.is_new() || !frappe.workflow.get_state_fieldname(frm.doctype)) return;
	frappe
		.xcall("wuse_app.approvals.api.form_actions", { doctype: frm.doctype, name: frm.doc.name })
		.then((info) => info && info.governed && wuse_approval_buttons(frm, info));
});

function wuse_approval_buttons(frm, info) {
	const group = __("Approval");
	const done = (message) => {
		frappe.show_alert({ message: message, indicator: "green" });
		frm.reload_doc();
	};
	if (info.can_withdraw) {
		frm.add_custom_button(
			__("Withdraw"),
			() =>
				wuse_approval_dialog(
					__("Withdraw"),
					[{ fieldname: "note", fieldtype: "Small Text", label: __("Remarks") }],
					(values) =>
						frappe
							.xcall("wuse_app.approvals.api.withdraw", {
								doctype: frm.doctype,
								name: frm.doc.name,
								note: values.note,
							})
							.then((r) => done(__("{0} is now {1}", [frm.doc.name, __(r.state)])))
				),
			group
		);
	}
	if (info.can_forward) {
		frm.add_custom_button(
			__("Forward"),
			() =>
				wuse_approval_dialog(
					__("Forward"),
					[
						{
							fieldname: "to_user",
							fieldtype: "Link",
							options: "User",
							label: __("Forward To"),
							reqd: 1,
							description: __("A colleague with the same role who can see this document."),
						},
						{ fieldname: "note", fieldtype: "Small Text", label: __("Remarks") },
					],
					(values) =>
						frappe
							.xcall("wuse_app.approvals.api.forward", {
								doctype: frm.doctype,
								name: frm.doc.name,
								to_user: values.to_user,
								note: values.note,
							})
							.then(() => done(__("Forwarded to {0}", [values.to_user])))
				),
			group
		);
	}
	(info.delegated || []).forEach((entry) => {
		entry.actions.forEach((action) => {
			const needs_reason = (entry.reason_actions || []).includes(action);
			frm.add_custom_button(
				__("{0} (on behalf of {1})", [__(action), entry.delegator_name]),
				() =>
					wuse_approval_dialog(
						__("{0} (on behalf of {1})", [__(action), entry.delegator_name]),
						[
							{
								fieldname: "opinion",
								fieldtype: "Small Text",
								label: needs_reason ? __("Reason") : __("Opinion"),
								reqd: needs_reason ? 1 : 0,
							},
						],
						(values) => wuse_delegated_decision(frm, action, values.opinion, entry.delegator).then(done)
					),
				group
			);
		});
	});
	if (frappe.session.user !== "Guest" && frappe.boot.user.can_create.includes("Approval Delegation")) {
		frm.add_custom_button(
			__("Delegate", null, "approval button"),
			() =>
				frappe.new_doc("Approval Delegation", {
					delegator: frappe.session.user,
					document_types: [{ document_type: frm.doctype }],
				}),
			group
		);
	}
}

function wuse_delegated_decision(frm, action, opinion, delegator) {
	const call =
		frm.doctype === "Service Project"
			? frappe.xcall("wuse_app.projects.api.apply_review_action", {
					project: frm.doc.name,
					action: action,
					reason: opinion,
					expected_state: frm.doc.workflow_state,
					on_behalf_of: delegator,
			  })
			: frappe.xcall("wuse_app.approvals.api.decide", {
					doctype: frm.doctype,
					name: frm.doc.name,
					action: action,
					opinion: opinion,
					expected_state: frm.doc[frappe.workflow.get_state_fieldname(frm.doctype)],
					on_behalf_of: delegator,
			  });
	return call.then((r) =>
		r.moved === false
			? __("Your approval is recorded: {0} of {1}", [r.votes, r.needed])
			: __("{0} is now {1}", [frm.doc.name, __(r.state || r.workflow_state)])
	);
}

function wuse_approval_dialog(title, fields, action) {
	const dialog = new frappe.ui.Dialog({
		title: title,
		fields: fields,
		primary_action_label: title,
		primary_action(values) {
			dialog.hide();
			action(values);
		},
	});
	dialog.show();
}
