"""Importers and exporters of registry data: CSV, XLSX and CORDIS files."""
