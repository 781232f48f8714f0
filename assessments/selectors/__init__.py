"""Reads of assessments, and who may see what, one module per concept: `requirements` (the scale
and role requirements), `cycles`, `raters` (assessments and who sees them), `ratings` (the
rating form) and `results` (consolidated levels, the ratings preview, attested ratings).

Visibility, one function per question (`None` means 404, for missing and forbidden alike):
- an assessment: its rater (experts through their object permission), the employee for their
  self-assessment, the employee's managers (primary and matrix, any level up) once it is
  submitted (anonymous peer assessments never individually), HR admins and API keys;
- results (consolidated levels and gaps) of an employee: the employee, their managers, HR
  admins and keys. Peers and experts see only what they rate;
- goal results beside a capability (on the rating form and the results page): only the goals
  the viewer may see under the goals' own rules, so a peer or an expert rater sees shared goals
  but never the employee's personal ones.
"""
