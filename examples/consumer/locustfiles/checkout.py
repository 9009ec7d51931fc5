from locust import HttpUser, between, task


class Shopper(HttpUser):
    wait_time = between(1, 3)

    @task
    def browse_then_check_out(self):
        self.client.get("/")
        self.client.post("/checkout", json={"items": [1, 2]})
