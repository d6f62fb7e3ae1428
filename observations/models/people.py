"""Organizations and the people who work in them, with their role in each."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from ..choices import OrganizationKind, Role


def display_name(user, missing: str | None = "—") -> str | None:
    """How the tracker names a person: their full name, else their user name; ``missing``
    when nobody is recorded (an import from the command line, a deleted account)."""
    if user is None:
        return missing
    return user.get_full_name() or user.get_username()


def clean_names(names, *, max_length: int = 200) -> dict:
    """``names`` as stored: {language code of the site: name}, blanks dropped; a clear
    error for anything else."""
    if names in (None, ""):
        return {}
    if not isinstance(names, dict):
        raise ValidationError({"names": _('Give the names as {"language code": "name"}, e.g. {"fr": "Ministère"}.')})
    codes = {code for code, _name in settings.LANGUAGES}
    cleaned = {}
    for code, name in names.items():
        if code not in codes:
            raise ValidationError({"names": _("“%(code)s” is not a language of the site. Use one of: %(codes)s.")
                                   % {"code": code, "codes": ", ".join(sorted(codes))}})
        if not isinstance(name, str):
            raise ValidationError({"names": _("The name in “%(code)s” must be text.") % {"code": code}})
        if len(name.strip()) > max_length:
            raise ValidationError({"names": _("The name in “%(code)s” is longer than %(max)s characters.")
                                   % {"code": code, "max": max_length}})
        if name.strip():
            cleaned[code] = name.strip()
    return cleaned


class Organization(models.Model):
    name = models.CharField(max_length=200)
    short_name = models.CharField(max_length=40, blank=True)
    kind = models.CharField(max_length=20, choices=OrganizationKind.choices)
    state = CountryField(help_text=_("The State whose follow-up this organization takes part in."))
    email = models.EmailField(blank=True, help_text=_("Shared mailbox for reminders, if any."))
    is_active = models.BooleanField(default=True)
    names = models.JSONField(
        default=dict, blank=True, verbose_name=_("names in other languages"),
        help_text=_('The name per language code, e.g. {"ar": "…", "fr": "…"}; the name above otherwise.'),
    )

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["state", "name"], name="organization_name_unique")]

    def __str__(self):
        return self.short_name or self.name

    def clean(self):
        super().clean()
        self.names = clean_names(self.names, max_length=self._meta.get_field("name").max_length)

    def name_in(self, language: str | None) -> str:
        """The name in ``language`` ("ar", "fr-ca" → "fr"), else ``name``."""
        names = self.names if isinstance(self.names, dict) else {}
        for code in (language or "", (language or "").split("-")[0]):
            if code and isinstance(names.get(code), str) and names[code].strip():
                return names[code].strip()
        return self.name

    def label_in(self, language: str | None) -> str:
        """How lists show it: its name in ``language`` if it has one, else as ``str()``."""
        name = self.name_in(language)
        return name if name != self.name else str(self)


class Membership(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=20, choices=Role.choices)

    class Meta:
        ordering = ["organization", "user"]
        constraints = [
            models.UniqueConstraint(fields=["user", "organization"], name="one_role_per_organization")
        ]
        indexes = [models.Index(fields=["organization", "role"], name="membership_org_role_idx")]

    def __str__(self):
        return f"{self.user} — {self.get_role_display()}, {self.organization}"
