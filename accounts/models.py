from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models


class CustomerManager(UserManager):
    """Accounts are keyed by e-mail address: shoppers remember it, unlike a made-up username."""

    def _create_user(self, username, email, password, **extra_fields):
        email = self.normalize_email(email or username)
        user = self.model(email=email, **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(None, email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(None, email, password, **extra_fields)


class User(AbstractUser):
    """A customer (or staff member). Sign-up asks only for e-mail and password (practice P14);
    name, phone and addresses are filled in later, from the account pages or at checkout."""

    username = None
    email = models.EmailField("e-mail address", unique=True)
    phone = models.CharField("phone number", max_length=32, blank=True)
    terms_accepted_at = models.DateTimeField(null=True, blank=True, editable=False,
                                             help_text="When the customer ticked the terms at sign-up (P13).")
    # Read by the order notifications: a customer chooses how they hear about their orders.
    notify_by_email = models.BooleanField("e-mail me at each stage of my orders", default=True)
    notify_by_sms = models.BooleanField("text me when my parcel is on its way", default=False)
    # Chosen in the header's switcher; signing in on another browser opens the shop in it again. Blank until
    # chosen, so signing in never turns a page the customer reads in Korean (from their browser) into English.
    language = models.CharField(max_length=16, choices=settings.LANGUAGES, blank=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = CustomerManager()

    def __str__(self):
        return self.email


class Address(models.Model):
    """A delivery address saved in the account, offered at checkout so it is never typed twice."""

    customer = models.ForeignKey(User, related_name="addresses", on_delete=models.CASCADE)
    full_name = models.CharField(max_length=100)
    line1 = models.CharField("address line 1", max_length=100)
    line2 = models.CharField("address line 2", max_length=100, blank=True)
    city = models.CharField("town or city", max_length=60)
    region = models.CharField("state, province or county", max_length=60, blank=True)
    postcode = models.CharField(max_length=16, blank=True)
    country = models.CharField(max_length=2)
    phone = models.CharField("phone number", max_length=32, blank=True)
    is_default = models.BooleanField("use this address first", default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-is_default", "-created_at"]
        verbose_name_plural = "addresses"

    def __str__(self):
        return ", ".join(part for part in [self.full_name, self.line1, self.city, self.postcode] if part)
