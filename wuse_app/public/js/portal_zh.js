// Portal pages (web forms, web lists) in the site's language.
// Frappe's date picker takes its language from frappe.boot.user, which only the desk's boot has; on the
// portal it falls back to English ("November, 2026", "MO TU WE"). Give it the page's language.
(function () {
	if (window.frappe && frappe.boot && !frappe.boot.user && frappe.boot.lang) {
		frappe.boot.user = { language: frappe.boot.lang, last_selected_values: {} };
	}
})();

// Amounts: Frappe takes the currency's symbol from the Currency record, which only the desk loads, so
// the portal printed "CNY 206,000.00". The server adds the site currency's symbol to the portal boot
// (wuse_app/utils/portal_display.py); give it to Frappe's formatter as the desk has it.
(function () {
	const symbols = window.frappe && frappe.boot && frappe.boot.currency_symbols;
	if (!symbols) return;
	window.locals = window.locals || {};
	locals[":Currency"] = locals[":Currency"] || {};
	Object.keys(symbols).forEach((name) => {
		locals[":Currency"][name] = Object.assign({ doctype: ":Currency", name: name }, symbols[name]);
	});
})();
