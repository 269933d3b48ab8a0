"""Fixtures for spreadsheet tests (data and helpers live in sheet_data.py).

- ``ledger_site``: a site root with 3 towns (索镇镇, 起凤镇, 马桥镇) and 10 enterprises in each.
- ``template(kind, town=None)``: write a template with the real command code; returns its path.
- ``fill_sheet(path, rows, out)``: put rows ({Chinese label: value}) under the header, as typed in Excel.
- ``hazard_rows(n, town_index=0)``: n valid hazard-ledger rows of one town's enterprises.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sheet_data import clean_hazard_rows, enterprises_yaml, fill, towns_yaml


@pytest.fixture
def ledger_site(make_site, site_files):
    files = dict(site_files)
    files["data/towns.yaml"] = towns_yaml()
    files["data/enterprises.yaml"] = enterprises_yaml()
    # Spreadsheets render no page: an empty theme folder satisfies site.toml, and copying the
    # real theme would only race with edits to it.
    files["themes/default/templates/.keep"] = ""
    return make_site(files, theme=False)


@pytest.fixture
def template(ledger_site, tmp_path):
    from builder.sheets.cells import Directory
    from builder.sheets.columns import SHEET_KINDS
    from builder.sheets.importer import load_site
    from builder.sheets.template import write_template

    def make(kind: str, town: str | None = None) -> Path:
        directory = Directory.from_records(load_site(ledger_site).records)
        out = tmp_path / f"{kind}-{town or 'county'}-template.xlsx"
        return write_template(SHEET_KINDS[kind], directory, out, directory.town_id(town) if town else None)
    return make


@pytest.fixture
def fill_sheet():
    return fill


@pytest.fixture
def hazard_rows():
    return clean_hazard_rows
