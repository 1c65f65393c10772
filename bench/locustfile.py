"""Officers at work, for `make load` (bench/load.py writes the data file it reads).

Each simulated officer signs in with their own account, then works through a realistic mix:
mostly reading (My day, search, person pages), sometimes writing (log a contact, add a note
to one of their cases). Forms are fetched first, so every POST carries the CSRF token and
the one-time submission key a browser would send.
"""

from __future__ import annotations

import json
import os
import random
import re
from typing import Any

from locust import HttpUser, between, task

DATA: dict[str, Any] = json.loads(open(os.environ["DOORSTEP_LOAD_DATA"]).read())  # noqa: SIM115
HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)"')
_officers = iter(DATA["officers"] * 10)


def hidden_fields(html: str) -> dict[str, str]:
    return dict(HIDDEN.findall(html))


class Officer(HttpUser):
    wait_time = between(1, 3)

    def on_start(self) -> None:
        officer = next(_officers)
        self.email = officer["email"]
        self.cases = officer["cases"] or DATA["any_cases"]
        form = self.client.get("/accounts/sign-in/", name="sign in (form)")
        fields = hidden_fields(form.text)
        fields.update({"username": self.email, "password": DATA["password"]})
        with self.client.post(
            "/accounts/sign-in/", data=fields, name="sign in", catch_response=True
        ) as response:
            if "/accounts/sign-in/" in response.url:
                response.failure("sign-in refused")

    @task(4)
    def my_day(self) -> None:
        self.client.get("/", name="My day")

    @task(3)
    def search(self) -> None:
        query = random.choice(
            [
                random.choice(DATA["surnames"]),
                random.choice(DATA["postcodes"]),
                random.choice(DATA["phones"]),
            ]
        )
        self.client.get("/search", params={"q": query}, name="search")

    @task(3)
    def person_page(self) -> None:
        self.client.get(f"/people/{random.choice(DATA['people'])}/", name="person page")

    @task(1)
    def log_a_contact(self) -> None:
        person = random.choice(DATA["people"])
        form = self.client.get(f"/contacts/log/?person={person}", name="log a contact (form)")
        fields = hidden_fields(form.text)
        fields.update(
            {
                "person": person,
                "channel": "phone",
                "direction": "inbound",
                "summary": "Rang for an update; told them the next step",
            }
        )
        self._post("/contacts/log/", fields, "log a contact")

    @task(1)
    def update_a_case(self) -> None:
        reference = random.choice(self.cases)
        url = f"/cases/{reference}/notes/new/"
        form = self.client.get(url, name="case note (form)")
        fields = hidden_fields(form.text)
        fields.update({"kind": "note", "text": "Spoke to the reporter; diary sheets sent"})
        self._post(url, fields, "add a case note")

    def _post(self, url: str, fields: dict[str, str], name: str) -> None:
        with self.client.post(url, data=fields, name=name, catch_response=True) as response:
            if response.status_code >= 400:
                response.failure(f"status {response.status_code}")
            elif "govuk-error-summary" in response.text:
                response.failure("form refused")
