"""A PDF downloads from the site opened by its own name, at the URL scripts/bootstrap prints.

Opened at http://<site>:<port>, every asset of a print (the print stylesheet) is fetched by the
server's wkhtmltopdf from that same host name. Browsers resolve `*.localhost` by themselves; the
server resolves it only when the name is in the hosts file, which scripts/bootstrap (for its site) and
scripts/test (for the test site) add, as `bench add-to-hosts` does. Without the entry, the download
answers HTTP 500 (OSError from wkhtmltopdf): this test catches exactly that.

scripts/test serves the test site on 127.0.0.1:<port> and passes both URLs: WUSE_TEST_URL (by IP, for
the other tests) and WUSE_SITE_URL (by the site's name, the form bootstrap prints).
"""

from __future__ import annotations

import datetime
import os
import socket
from urllib.parse import quote, urlsplit

import pytest
from site_api import PASSWORD, SiteApi, login
from test_browser_documents import compact, pdf_text_and_size

SITE_URL = os.environ.get("WUSE_SITE_URL", "").rstrip("/")
FORMAT = "Official Document (GB/T 9704)"

if not SITE_URL:
	pytest.skip(
		"WUSE_SITE_URL is not set (scripts/test sets it to http://<site>:<port>)", allow_module_level=True
	)


def test_the_site_name_resolves_on_this_machine():
	host = urlsplit(SITE_URL).hostname
	try:
		socket.gethostbyname(host)
	except OSError:
		pytest.fail(
			f"{host} does not resolve here: add it to /etc/hosts (scripts/test and bootstrap do, as root)"
		)


def test_pdf_downloads_from_the_site_opened_by_its_name(page, admin, uid):
	drafter = admin.user(f"sitename-{uid}@example.com", "Wuse Administrator")
	title = "关于做好社区志愿服务站建设的通知"
	drafting = SiteApi.login(drafter, PASSWORD)
	today = datetime.date.today()
	document = drafting.insert(
		"Official Document",
		issuing_organ="黔江区人民政府正阳街道办事处",
		document_series=f"正阳{uid}发",
		year=today.year,
		title=title,
		main_recipients="各社区居委会",
		body="<p>请各社区按要求落实。</p>",
		signing_organ="黔江区人民政府正阳街道办事处",
		document_date=today.isoformat(),
	)

	login(page, drafter, base=SITE_URL)
	assert urlsplit(page.url).hostname == urlsplit(SITE_URL).hostname
	response = page.request.get(
		f"{SITE_URL}/api/method/frappe.utils.print_format.download_pdf"
		f"?doctype={quote('Official Document')}&name={quote(document['name'])}&format={quote(FORMAT)}",
		timeout=120_000,
	)
	assert response.status == 200, response.text()[:500]
	assert response.headers["content-type"].startswith("application/pdf")
	text, size = pdf_text_and_size(response.body())
	assert "A4" in size and compact(title) in text and f"正阳{uid}发" in text
