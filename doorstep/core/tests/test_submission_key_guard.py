"""Every form that posts carries `{% submission_key %}`, so a double submit saves once.

The test reads every template of the project and fails on a `<form method="post">` without
the key, unless the form is in EXEMPT below with the reason it needs none.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]  # the doorstep package
FORM = re.compile(r"<form\b(?P<attrs>[^>]*)>(?P<body>.*?)</form>", re.S | re.I)
POST = re.compile(r"""method\s*=\s*["']?post""", re.I)

# (template path under doorstep/, the form's action or "" for the page itself): why no key.
EXEMPT: dict[tuple[str, str], str] = {
    # Signing in creates nothing; the key needs a signed-in user, and a resend just signs in.
    ("accounts/templates/accounts/sign_in.html", ""): "sign-in",
    # 2FA steps: a one-time code can only be used once anyway, so a resend is refused by the
    # code check itself, and nothing is created twice.
    ("accounts/templates/accounts/two_factor_setup.html", ""): "2FA setup step",
    ("accounts/templates/accounts/two_factor_verify.html", ""): "2FA verify step",
    # Signing out twice is the same as once.
    ("accounts/templates/accounts/two_factor_verify.html", "{% url 'accounts:logout' %}"): (
        "sign-out"
    ),
    ("templates/base.html", "{% url 'accounts:logout' %}"): "sign-out",
}
# Search and filter forms use GET, and the inspection's answer cards autosave by htmx from a
# <div> (not a <form>): saving the same answer twice leaves the same answer, so neither is here.


def _action(attrs: str) -> str:
    match = re.search(r'action="([^"]*)"', attrs)
    return match.group(1) if match else ""


def post_forms() -> list[tuple[str, str, bool]]:
    """(template, action, carries the key) for every POST form of every template."""
    found = []
    for path in sorted(ROOT.glob("**/templates/**/*.html")):
        text = path.read_text(encoding="utf-8")
        for match in FORM.finditer(text):
            if POST.search(match.group("attrs")):
                found.append(
                    (
                        str(path.relative_to(ROOT)),
                        _action(match.group("attrs")),
                        "{% submission_key %}" in match.group("body"),
                    )
                )
    return found


def test_the_guard_finds_the_forms_it_is_about():
    forms = post_forms()
    templates = {template for template, _action, _key in forms}
    assert len(forms) > 100  # it reads the templates of every app
    assert "cases/templates/cases/case_open.html" in templates
    assert "resident_reports/templates/resident_reports/report_form.html" in templates


@pytest.mark.parametrize(
    ("template", "action", "has_key"),
    post_forms(),
    ids=lambda value: value if isinstance(value, str) else None,
)
def test_every_post_form_carries_a_submission_key(template, action, has_key):
    if (template, action) in EXEMPT:
        return
    assert has_key, (
        f"{template}: the form posting to {action or 'the page'} has no {{% submission_key %}}; "
        "add it after {% csrf_token %} (or add the form to EXEMPT with the reason)"
    )


def test_every_exemption_is_still_a_form_without_a_key():
    forms = {(template, action): has_key for template, action, has_key in post_forms()}
    for exempt in EXEMPT:
        assert exempt in forms, f"{exempt} is no longer a form: remove it from EXEMPT"
        assert not forms[exempt], f"{exempt} now has a key: remove it from EXEMPT"
