"""Reviews people can shape: review templates (sections of capability ratings, open
questions, rating questions on the organisation's scale, multiple choice and goal
reflections, each addressed to chosen rater kinds), their numbered versions, and the answers
given in an assessment.

`models` (imported by `assessments.models`), `schema` (the shape of a template's sections),
`services` (writes) and `selectors` (reads, and who may see which answers).
"""
