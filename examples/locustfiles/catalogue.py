"""Catalogue service: list products a page at a time, then open one."""
import os
import random

from locust import HttpUser, between, task

PAGE_SIZE = int(os.environ.get("CATALOGUE_PAGE_SIZE", "20"))


class Browser(HttpUser):
    wait_time = between(0.5, 2)

    @task(2)
    def listing(self):
        self.client.get(f"/api/products?page=1&size={PAGE_SIZE}", name="/api/products")

    @task(1)
    def product(self):
        self.client.get(f"/api/products/{random.randint(1, 500)}", name="/api/products/[id]")
