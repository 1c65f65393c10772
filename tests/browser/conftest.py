"""Playwright (Python) driving Debian's Chromium against pytest-django's live server, with
axe-core checking every page visited. `playwright install` is never used: the browser is
/usr/bin/chromium (installed by `make install`)."""

from __future__ import annotations

import base64
import json
import os
import shutil
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

# The Playwright sync API runs an event loop in this thread; Django's ORM calls made by the test
# itself (setting up data) are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
AXE_JS = (Path(__file__).parent / "vendor" / "axe.min.js").read_text(encoding="utf-8")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if Path(str(item.fspath)).is_relative_to(here):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `make install`.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield instance
        instance.close()


@pytest.fixture
def page(browser, live_server) -> Iterator[object]:
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    tab.console_errors = errors
    yield tab
    context.close()


def check_axe(page, extra_rules: Sequence[str] = ()) -> None:
    """Run axe-core (WCAG 2.0/2.1/2.2 A and AA rules, and any `extra_rules` by id, such as the
    best-practice "landmark-unique") on the current page; fail on any violation."""
    # Evaluated through the DevTools protocol, which the page's CSP does not govern; the page
    # itself still runs under the strict policy, so CSP violations still show as console errors.
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(f"() => {{ {AXE_JS}\n}}")
    result = page.evaluate(
        """async (extra) => await axe.run(document, {
            runOnly: {
                type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']
            },
            rules: Object.fromEntries(extra.map((id) => [id, {enabled: true}])),
            resultTypes: ['violations']
        })""",
        list(extra_rules),
    )
    violations = [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]
    assert violations == [], f"axe violations on {page.url}:\n{json.dumps(violations, indent=2)}"


def sign_in(page, email: str, password: str) -> None:
    page.goto("/accounts/sign-in/")
    check_axe(page)
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    if "/two-factor/set-up/" in page.url:
        # Managers, safeguarding leads and DPOs set up an authenticator app first: "scan" the
        # key shown on the page, as a phone would.
        check_axe(page)
        key = page.locator("#two-factor-key").inner_text().replace(" ", "")
        page.get_by_label("Code from your app").fill(
            _totp_now(base64.b32decode(key + "=" * (-len(key) % 8)))
        )
        page.get_by_role("button", name="Turn on two-factor authentication").click()
        check_axe(page)
        page.get_by_role("link", name="I have saved my codes").click()
    elif "/two-factor/" in page.url:
        check_axe(page)
        page.get_by_label("Code").fill(_totp_now(_device_key(email)))
        page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/")


def _totp_now(key: bytes) -> str:
    from django_otp.oath import totp

    return f"{totp(key):06d}"


def _device_key(email: str) -> bytes:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.get(user__email=email, confirmed=True).bin_key
