"""Public URLs of what the bureau publishes (under the language prefix)."""

app_name = "notices"

urlpatterns: list = []
