from faker import Faker
from locust import HttpUser, between, task

fake = Faker()


class Shopper(HttpUser):
    wait_time = between(0.5, 2)

    @task(5)
    def browse(self):
        self.client.get("/products")

    @task(1)
    def order(self):
        self.client.post("/orders", json={"name": fake.name(), "address": fake.address()})
