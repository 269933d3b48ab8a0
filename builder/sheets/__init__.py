"""Spreadsheets in and out (issue 8): .xlsx templates, validated import, export.

Every column comes from builder/schema/records.py (see columns.py); nothing here declares a
field of its own. Import validates with the same schema engine and cross-reference rules as
the build, so a town's Excel ledger gets the same checks as hand-written YAML.
"""
