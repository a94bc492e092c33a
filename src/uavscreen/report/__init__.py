"""Shipment reports: JSON, JSON lines, CSV and one self-contained HTML file with route maps.

``write_report`` picks the writer from the file extension; ``render_html`` gives the HTML
as a string (e.g. for the web UI)."""

from uavscreen.report.html_report import render_html
from uavscreen.report.write import REPORT_FORMATS, write_report

__all__ = ["REPORT_FORMATS", "render_html", "write_report"]
