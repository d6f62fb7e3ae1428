"""Read-side queries: what lists, dashboards and reports show, computed in few queries."""
