"""Factories for the objects tests build: pages, snippets and users."""

import factory
import wagtail_factories
from django.contrib.auth import get_user_model
from wagtail.models import Locale

from home.models import BureauIdentity, HomePage, StandardPage


class HomePageFactory(wagtail_factories.PageFactory):
    title = "城市管理进社区"
    slug = "home"
    intro = "城管服务走进社区。"

    class Meta:
        model = HomePage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"页面{n}")
    slug = factory.Sequence(lambda n: f"page-{n}")

    class Meta:
        model = StandardPage


class BureauIdentityFactory(factory.django.DjangoModelFactory):
    locale = factory.LazyFunction(Locale.get_default)
    name = "示范市城市管理局"
    programme_name = "城市管理进社区"
    hotline = "12319"
    address = "人民路1号"
    icp_number = "示ICP备12345678号-1"
    public_security_number = "示公网安备00000000000001号"

    class Meta:
        model = BureauIdentity


class UserFactory(factory.django.DjangoModelFactory):
    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", "a-long-test-password")

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True
