// Portal pages (web forms, web lists) in the site's language.
// Frappe's date picker takes its language from frappe.boot.user, which only the desk's boot has; on the
// portal it falls back to English ("November, 2026", "MO TU WE"). Give it the page's language.
(function () {
	if (window.frappe && frappe.boot && !frappe.boot.user && frappe.boot.lang) {
		frappe.boot.user = { language: frappe.boot.lang, last_selected_values: {} };
	}
})();
