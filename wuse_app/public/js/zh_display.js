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
