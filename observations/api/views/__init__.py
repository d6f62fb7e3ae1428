"""The API's endpoints: ``documents`` (public text), ``tracking`` (follow-up work),
``tokens`` (the site page where a user manages their API tokens)."""
