"""A steady night-long load on the catalogue, to catch leaks and slow drifts."""
from locust import HttpUser, constant_pacing, task


class Browser(HttpUser):
    wait_time = constant_pacing(5)

    @task(4)
    def listing(self):
        self.client.get("/api/products?page=1", name="/api/products")

    @task
    def product(self):
        self.client.get("/api/products/42", name="/api/products/:id")
