"""The life of a Committee deadline after the import: met, extended, or a mistaken mark undone.

Each function checks that ``by`` may manage the document's deadlines (a coordinator of its
State, ``permissions.can_manage_deadlines``; ``PermissionDenied`` otherwise), validates its
input (``ValidationError`` with a sentence per field), locks the deadline row, writes the
change and its audit entry (before and after) in one transaction. A refused or invalid
call writes nothing.

- ``mark_met``: the date the State submitted what was asked for (not in the future, not
  before the document's adoption) and the UN symbol of the submission
  (``CMW/C/KGZ/CO/2/Add.1``, ``CMW/C/KGZ/3``).
- ``extend``: the new date the Committee granted (later than the original date) and its
  letter (date, reference). A met deadline is not extended.
- ``undo_met`` / ``undo_extension``: clear a mark made by mistake.
"""

from __future__ import annotations

import datetime as dt
import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..choices import HistoryAction
from ..models import Deadline
from ..permissions import can_manage_deadlines
from . import audit

# A UN document symbol: series letters, then "/"-separated parts of letters, digits, dots,
# hyphens and parentheses, e.g. CMW/C/KGZ/CO/2/Add.1, E/C.12/KGZ/4, CCPR/C/KGZ/FCO/3.
UN_SYMBOL = re.compile(r"^[A-Z][A-Z0-9.\-]*(?:/[A-Za-z0-9.\-()]+)+$")

LIFE_FIELDS = ("met_on", "met_symbol", "extended_to", "extension_letter_date", "extension_letter_reference")


def normalise_symbol(symbol: str) -> str:
    return re.sub(r"\s+", "", symbol or "")


def check_symbol(symbol: str) -> str:
    symbol = normalise_symbol(symbol)
    if not symbol:
        raise ValidationError({"symbol": _("Give the symbol of what was submitted, e.g. CMW/C/KGZ/CO/2/Add.1.")})
    if len(symbol) > Deadline._meta.get_field("met_symbol").max_length or not UN_SYMBOL.match(symbol):
        raise ValidationError({"symbol": _(
            "“%(symbol)s” is not a UN document symbol. Write it as printed on the document, "
            "e.g. CMW/C/KGZ/CO/2/Add.1 or CMW/C/KGZ/3."
        ) % {"symbol": symbol}})
    return symbol


def _check_past(field: str, date: dt.date | None, *, today: dt.date, label: str) -> None:
    if date is None:
        raise ValidationError({field: _("Give the %(what)s.") % {"what": label}})
    if date > today:
        raise ValidationError({field: _("The %(what)s cannot be in the future.") % {"what": label}})


def _locked(deadline: Deadline, by) -> Deadline:
    """The deadline row, locked for the transaction, after checking ``by`` may manage it."""
    if not can_manage_deadlines(by, deadline.document):
        raise PermissionDenied(_("Only a coordinator of %(state)s may change this deadline.")
                               % {"state": deadline.document.state.name})
    return Deadline.objects.select_for_update().select_related("document").get(pk=deadline.pk)


def _before(fresh: Deadline) -> dict:
    return audit.snapshot(fresh, LIFE_FIELDS)


def _save(deadline: Deadline, fresh: Deadline, action, by, *, before: dict, comment: str) -> Deadline:
    fresh.save(update_fields=list(LIFE_FIELDS))
    audit.record(fresh, action, by=by, before=before, after=audit.snapshot(fresh, LIFE_FIELDS),
                 comment=comment, document=fresh.document)
    for name in LIFE_FIELDS:
        setattr(deadline, name, getattr(fresh, name))
    return deadline


def mark_met(deadline: Deadline, *, on: dt.date, symbol: str, by, today: dt.date | None = None) -> Deadline:
    """Record that the State submitted what the deadline asked for."""
    today = today or timezone.localdate()
    symbol = normalise_symbol(symbol)
    with transaction.atomic():
        fresh = _locked(deadline, by)
        _check_past("on", on, today=today, label=_("date of submission"))
        adoption = fresh.document.adoption_date
        if adoption and on < adoption:
            raise ValidationError({"on": _("The date of submission cannot be before the adoption of the document "
                                           "(%(date)s).") % {"date": adoption.isoformat()}})
        symbol = check_symbol(symbol)
        if fresh.met_on == on and fresh.met_symbol == symbol:
            return deadline
        before, original = _before(fresh), fresh.met_on
        fresh.met_on, fresh.met_symbol = on, symbol
        comment = symbol if original is None else _("Corrected: %(symbol)s") % {"symbol": symbol}
        return _save(deadline, fresh, HistoryAction.DEADLINE_MET, by, before=before, comment=comment)


def extend(deadline: Deadline, *, to: dt.date, letter_date: dt.date, letter_reference: str, by,
           today: dt.date | None = None) -> Deadline:
    """Record the later date the Committee granted, and its letter."""
    today = today or timezone.localdate()
    letter_reference = (letter_reference or "").strip()
    with transaction.atomic():
        fresh = _locked(deadline, by)
        if fresh.is_met:
            raise ValidationError(_("This deadline is already met; undo that mark before recording an extension."))
        if to is None:
            raise ValidationError({"to": _("Give the new date the Committee granted.")})
        if fresh.due_date and to <= fresh.due_date:
            raise ValidationError({"to": _("The new date must be later than the original date (%(date)s).")
                                   % {"date": fresh.due_date.isoformat()}})
        _check_past("letter_date", letter_date, today=today, label=_("date of the Committee's letter"))
        if not letter_reference:
            raise ValidationError({"letter_reference": _("Give the reference of the Committee's letter.")})
        max_length = Deadline._meta.get_field("extension_letter_reference").max_length
        if len(letter_reference) > max_length:
            raise ValidationError({"letter_reference": _("The reference is too long (%(n)d characters at most).")
                                   % {"n": max_length}})
        before = _before(fresh)
        fresh.extended_to, fresh.extension_letter_date = to, letter_date
        fresh.extension_letter_reference = letter_reference
        return _save(deadline, fresh, HistoryAction.DEADLINE_EXTENDED, by, before=before, comment=letter_reference)


def undo_met(deadline: Deadline, *, by, reason: str = "") -> Deadline:
    """Clear a met mark recorded by mistake."""
    with transaction.atomic():
        fresh = _locked(deadline, by)
        if not fresh.is_met:
            raise ValidationError(_("This deadline is not marked as met."))
        before = _before(fresh)
        fresh.met_on, fresh.met_symbol = None, ""
        return _save(deadline, fresh, HistoryAction.CHANGED, by, before=before,
                     comment=reason.strip() or _("Met mark undone"))


def undo_extension(deadline: Deadline, *, by, reason: str = "") -> Deadline:
    """Clear an extension recorded by mistake."""
    with transaction.atomic():
        fresh = _locked(deadline, by)
        if not fresh.extended_to:
            raise ValidationError(_("This deadline has no extension to undo."))
        before = _before(fresh)
        fresh.extended_to, fresh.extension_letter_date, fresh.extension_letter_reference = None, None, ""
        return _save(deadline, fresh, HistoryAction.CHANGED, by, before=before,
                     comment=reason.strip() or _("Extension undone"))
