"""Checkout journey: browse, add to cart, pay."""
from locust import HttpUser, between, task

from shop.client import ShopClient


class Shopper(HttpUser):
    wait_time = between(1, 3)

    def on_start(self):
        self.shop = ShopClient(self.client)

    @task(3)
    def browse(self):
        self.shop.product_page()

    @task(1)
    def buy(self):
        self.shop.checkout()
