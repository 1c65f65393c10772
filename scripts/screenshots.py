"""Take the README's screenshots from a running demo (`make run` in another terminal).

Usage: .venv/bin/python scripts/screenshots.py [BASE_URL]
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"
OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page(base_url=BASE, viewport={"width": 1280, "height": 1000})
        page.goto("/accounts/sign-in/")
        page.get_by_label("Email address").fill("kerry.bennett@forgeandcanal.example.org")
        page.get_by_label("Password").fill("doorstep-demo-2026")
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url("**/")
        page.screenshot(path=str(OUT / "my-day.png"))
        page.get_by_role("link", name="Ring back").first.click()
        page.wait_for_load_state()
        page.screenshot(path=str(OUT / "call-back.png"))
        browser.close()


if __name__ == "__main__":
    main()
