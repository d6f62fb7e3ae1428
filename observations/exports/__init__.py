"""What the tracker produces as files: document facts, the State's reports and NGO shadow reports."""
