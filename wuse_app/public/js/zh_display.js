// Chinese display conventions in the desk, where Frappe v15 has none for China.
frappe.provide("wuse_app.zh_display");

// Number cards and chart labels shorten large numbers. Frappe knows K/M/B (and lakh/crore), which read
// as "206.00 K" to a Chinese user; China counts in 万 (10^4) and 亿 (10^8).
wuse_app.zh_display.CHINESE_NUMBER_SYSTEM = [
	{ divisor: 1.0e8, symbol: "亿" },
	{ divisor: 1.0e4, symbol: "万" },
];
(function () {
	const get_number_system = frappe.utils.get_number_system;
	frappe.utils.get_number_system = function (country) {
		if (country === "China" || (!country && frappe.boot.lang === "zh")) {
			return wuse_app.zh_display.CHINESE_NUMBER_SYSTEM;
		}
		return get_number_system.call(this, country);
	};
})();

// Frappe formats a Select value with __(value) and no context, while the form translates its options with
// the doctype as context: the same "None" read 未建立 in a Social Organization form and 没有 (Frappe's own
// context-free translation) in its list and reports. Lists, reports and read-only fields take the
// doctype's context here too, falling back to the context-free translation as before.
(function () {
	const formatters = frappe.form && frappe.form.formatters;
	if (!formatters || formatters.__wuse_select_context) return;
	formatters.Select = function (value, df) {
		return __(formatters["Data"](value, df), null, df && df.parent);
	};
	formatters.__wuse_select_context = true;
})();

// Frappe writes the user's time zone under every date-time field, even when it is the system's own:
// every user here is in Asia/Shanghai, so the line says nothing. Show it only when the zones differ.
$(document).on("app_ready", function () {
	const Datetime = frappe.ui.form.ControlDatetime;
	if (!Datetime || Datetime.prototype.__wuse_time_zone_patched) return;
	const set_description = Datetime.prototype.set_description;
	Datetime.prototype.set_description = function () {
		if (frappe.datetime.is_system_time_zone && frappe.datetime.is_system_time_zone()) {
			this.df.hide_timezone = 1;
		}
		return set_description.apply(this, arguments);
	};
	Datetime.prototype.__wuse_time_zone_patched = true;
});

// The form timeline prints changed values raw: "从 Draft 改为 Pending Community Review", "从 null 改为 …".
// Frappe's timeline builder is a module function no app can reach, so the versions it is given are
// translated first: workflow states and select options read in the user's language, empty reads （空）.
wuse_app.zh_display.translate_version = function (version, frm) {
	let data;
	try {
		data = JSON.parse(version.data);
	} catch (e) {
		return version;
	}
	if (!data || !Array.isArray(data.changed)) return version;
	const translate = (fieldname, value) => {
		if (value === null || value === undefined || value === "") return __("(empty)");
		const df = frappe.meta.get_docfield(frm.doctype, fieldname, frm.docname);
		const is_choice =
			fieldname === "workflow_state" ||
			(df && (df.fieldtype === "Select" || (df.fieldtype === "Link" && df.options === "Workflow State")));
		return is_choice ? __(String(value), null, df ? df.parent : null) : value;
	};
	data.changed = data.changed.map((row) =>
		row && row.length >= 3 ? [row[0], translate(row[0], row[1]), translate(row[0], row[2])] : row
	);
	return Object.assign({}, version, { data: JSON.stringify(data) });
};

$(document).on("form-load", function (e, frm) {
	const timeline = frm && frm.timeline;
	if (!timeline) return;
	const proto = Object.getPrototypeOf(timeline);
	if (!proto.get_version_timeline_contents || proto.__wuse_translated_versions) return;
	const get_contents = proto.get_version_timeline_contents;
	proto.get_version_timeline_contents = function () {
		const info = this.doc_info;
		const versions = info && info.versions;
		if (!versions || !this.frm) return get_contents.apply(this, arguments);
		info.versions = versions.map((version) => wuse_app.zh_display.translate_version(version, this.frm));
		try {
			return get_contents.apply(this, arguments);
		} finally {
			info.versions = versions;
		}
	};
	proto.__wuse_translated_versions = true;
});

// Frappe says "This form is not editable due to a Workflow." whenever the workflow makes a form read-only,
// also on a document that is issued, completed or cancelled, where it reads as if approval were pending.
// The state's approval stage (wuse_app.approvals, a field of the Workflow's state rows) tells which it is:
// a final document (Closed stage, or submitted/cancelled) gets a message that fits; others keep Frappe's.
wuse_app.zh_display.workflow_lock_message = function (frm) {
	if (!frm || !frm.doc) return null;
	const workflow = frappe.workflow.workflows && frappe.workflow.workflows[frm.doctype];
	const state_field = frappe.workflow.get_state_fieldname && frappe.workflow.get_state_fieldname(frm.doctype);
	const state = state_field ? frm.doc[state_field] : null;
	const row = workflow && (workflow.states || []).find((s) => s.state === state);
	if (frm.doc.docstatus > 0 || (row && row.approval_stage === "Closed")) {
		return __("This document is final and can no longer be changed.");
	}
	return null;
};
(function () {
	const show_alert = frappe.show_alert;
	frappe.show_alert = function (message) {
		const text = typeof message === "string" ? message : message && message.message;
		if (text === __("This form is not editable due to a Workflow.") && window.cur_frm) {
			const fitting = wuse_app.zh_display.workflow_lock_message(window.cur_frm);
			if (fitting) return show_alert.call(this, fitting, ...Array.from(arguments).slice(1));
		}
		return show_alert.apply(this, arguments);
	};
})();

// The Workflow Builder (a Frappe page) titles itself "Editing <workflow name>" with the raw record name
// and a fixed "Beta" badge. Frappe defines its class when the page loads its bundle; wrap it then, so
// the title names the workflow in the user's language and the badge is translated.
(function () {
	let Builder;
	if (!frappe.ui || Object.getOwnPropertyDescriptor(frappe.ui, "WorkflowBuilder")) return;
	Object.defineProperty(frappe.ui, "WorkflowBuilder", {
		configurable: true,
		get: () => Builder,
		set(Original) {
			Builder = class extends Original {
				init() {
					super.init();
					this.page.set_title(__("Editing {0}", [__(this.workflow)]));
					this.page.set_indicator(__("Beta"), "orange");
				}
			};
		},
	});
})();
