"""The reports people write from the tracker: the State's follow-up and periodic report
drafts (``state_report``) and the NGO shadow report (``shadow_report``)."""
