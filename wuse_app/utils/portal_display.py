"""Money on portal pages reads as in the desk: ¥ 206,000.00, not CNY 206,000.00.

Frappe formats a Currency value with the symbol of the Currency record, which the desk loads with its
boot; the portal's boot has only the currency's code, so web forms and web lists print "CNY". This adds
the site currency's symbol to the portal boot (`update_website_context` hook); portal_zh.js hands it to
Frappe's formatter. The symbol is the Currency record's own (an administrator may change it).
"""

from __future__ import annotations

import frappe


def update_website_context(context) -> None:
	boot = context.get("boot")
	currency = boot and (boot.get("sysdefaults") or {}).get("currency")
	if not currency:
		return
	values = frappe.db.get_value("Currency", currency, ["symbol", "symbol_on_right"], as_dict=True)
	if values and values.symbol:
		boot["currency_symbols"] = {
			currency: {"symbol": values.symbol, "symbol_on_right": values.symbol_on_right}
		}
