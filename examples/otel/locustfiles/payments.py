"""Payments service: authorise a card payment, then capture it."""
from locust import HttpUser, between, task


class Payer(HttpUser):
    wait_time = between(1, 3)

    @task
    def authorise_and_capture(self):
        response = self.client.post("/api/payments", json={"amount": 1999, "currency": "EUR"}, name="/api/payments")
        if response.ok:
            self.client.post("/api/payments/capture", json={"reference": response.text[:64]}, name="/api/payments/capture")
