"""Public URLs of what residents send in (under the language prefix)."""

app_name = "participation"

urlpatterns: list = []
