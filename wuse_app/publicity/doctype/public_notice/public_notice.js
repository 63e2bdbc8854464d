frappe.ui.form.on("Public Notice", {
	refresh(frm) {
		frm.add_web_link("/gongshi", __("See on /gongshi"));
	},
});
