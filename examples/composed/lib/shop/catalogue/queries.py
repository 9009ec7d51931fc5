"""Test data for catalogue requests."""
import random

PRODUCT_IDS = ["sku-1001", "sku-1002", "sku-2001", "sku-3005"]
QUERIES = ["shoes", "rain jacket", "backpack", "socks"]


def random_query():
    return random.choice(QUERIES)
