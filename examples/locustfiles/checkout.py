"""Checkout service: look at a cart, then pay for it."""
from locust import HttpUser, between, task


class Buyer(HttpUser):
    wait_time = between(0.5, 2)

    @task(3)
    def view_cart(self):
        self.client.get("/api/cart")

    @task(1)
    def pay(self):
        self.client.post("/api/checkout", json={"payment": "test-card"})
