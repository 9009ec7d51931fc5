"""Requests of the shop's public API, named so that Locust groups them."""
import random

from shop.catalogue.queries import PRODUCT_IDS


class ShopClient:
    def __init__(self, http):
        self.http = http

    def product_page(self):
        product = random.choice(PRODUCT_IDS)
        self.http.get(f"/api/products/{product}", name="/api/products/[id]")

    def checkout(self):
        product = random.choice(PRODUCT_IDS)
        self.http.post("/api/cart", json={"product": product, "quantity": 1}, name="/api/cart")
        self.http.post("/api/checkout", json={"payment": "test-card"}, name="/api/checkout")
