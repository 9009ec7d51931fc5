"""Catalogue search and listing pages."""
from locust import HttpUser, constant_pacing, task

from shop.catalogue.queries import random_query


class Browser(HttpUser):
    wait_time = constant_pacing(2)

    @task
    def search(self):
        self.client.get("/api/search", params={"q": random_query()}, name="/api/search")

    @task
    def listing(self):
        self.client.get("/api/products?page=1", name="/api/products")
