"""Forms of the resident area's shell."""

from __future__ import annotations

from django import forms


class ActingPartyForm(forms.Form):
    """The header's "act as" switch: which Party, and where to go back to."""

    party = forms.IntegerField(min_value=1)
    next = forms.CharField(required=False, max_length=2000)
