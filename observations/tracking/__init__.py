"""Helpers of the tracking workflow: evidence checks, tables and filters for its pages.

The models are in ``observations.models.tracking``, the writes in
``observations.services`` and the visibility rules in ``observations.querysets``.
"""
