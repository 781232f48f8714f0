"""Goal templates: one aligned goal for every holder of a job role or member of a department."""
