"""The default elder ability template (GB/T 42195-2022) was seeded with every score and band "to be
confirmed". The data file now has the standard's item scores and level bands: a site whose template is
still that untouched placeholder (no assessment made with it) gets them; an edited template is kept."""

from __future__ import annotations

from wuse_app.care.assessment import refresh_unedited_default_template

TEMPLATE = "老年人能力评估（GB/T 42195-2022）"


def execute() -> None:
	refresh_unedited_default_template(TEMPLATE)
