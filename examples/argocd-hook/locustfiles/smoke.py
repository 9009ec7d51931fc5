"""A short smoke load on the storefront that was just deployed."""
from locust import HttpUser, between, task


class Visitor(HttpUser):
    wait_time = between(1, 3)

    @task(3)
    def home(self):
        self.client.get("/")

    @task
    def health(self):
        self.client.get("/healthz", name="/healthz")
