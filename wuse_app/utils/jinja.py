"""Helpers exposed to Jinja (print formats, web templates) through the `jinja` hook."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from wuse_app.domain import formatting, mobile, resident_id


def rmb_in_capitals(amount: Decimal | float | int | str | None) -> str:
	"""12000.5 → 壹万贰仟元伍角 (人民币大写)."""
	return formatting.rmb_in_capitals(amount or 0)


def official_date(value: date | datetime | str | None) -> str:
	"""2022-08-29 → 2022年8月29日 (GB/T 9704 成文日期, no zero padding)."""
	return formatting.official_date(value) if value else ""


def mask_resident_id(value: str | None) -> str:
	return resident_id.mask_resident_id(value or "")


def mask_mobile(value: str | None) -> str:
	return mobile.mask_mobile(value or "") if value else ""
