"""Import and export of the library: capabilities (with levels and indicators) and job roles
(with requirements, and key results in JSON), as CSV, JSON or XLSX.

Imports are all-or-nothing: every bad row is reported with its line (for JSON, the item's
position) and reason, and nothing is written. Re-importing updates by `key`, so importing the
same file twice changes nothing, and an export imports back to exactly the same library.

`library` has the entry points; `tables` reads files into rows; `capability_files` and
`role_files` import and export each kind.
"""
