"""Support for print formats that Frappe renders to PDF with wkhtmltopdf.

Frappe v15 prints PDFs with the wkhtmltopdf on the PATH. Debian's wkhtmltopdf 0.12.6 is built
without the patched Qt: it ignores ``--disable-smart-shrinking`` (which Frappe passes) and lays the
page out 1.25 times wider at 100 dpi, so that 1 CSS px prints as 0.5763 pt instead of 0.75 pt and
everything comes out at 77 % of its size. A format that must keep real sizes (GB/T 9704: 16 pt
text, 37 mm margins) wraps its pages in an element with ``zoom: pdf_zoom()`` — CSS ``zoom`` works in
that WebKit, the wkhtmltopdf ``--zoom`` option does not, and Frappe would not pass it anyway.

The measured factor for the unpatched build is 0.75 / 0.57628 = 1.30145; a wkhtmltopdf "with
patched qt" (the static builds from wkhtmltopdf.org, frappe_docker) prints 1 px as 0.75 pt and gets
1.0. A site whose build differs can set ``"wuse_pdf_zoom": <factor>`` in site_config.json.
"""

from __future__ import annotations

import subprocess
from functools import lru_cache

import frappe

UNPATCHED_QT_ZOOM = 1.30145


def pdf_zoom() -> float:
	"""The CSS zoom that makes 1 CSS mm print as 1 mm with this site's wkhtmltopdf."""
	configured = frappe.conf.get("wuse_pdf_zoom")
	if configured:
		return float(configured)
	return 1.0 if wkhtmltopdf_has_patched_qt() else UNPATCHED_QT_ZOOM


@lru_cache(maxsize=1)
def wkhtmltopdf_has_patched_qt() -> bool:
	"""True when ``wkhtmltopdf --version`` says "with patched qt" (or when it cannot be run at all)."""
	try:
		result = subprocess.run(
			["wkhtmltopdf", "--version"], capture_output=True, text=True, timeout=20, check=False
		)
	except (OSError, subprocess.SubprocessError):
		return True
	return "patched qt" in (result.stdout + result.stderr).lower()
