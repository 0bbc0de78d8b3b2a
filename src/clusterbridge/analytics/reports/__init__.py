"""Report rendering: typed content (:mod:`.content`) to Plotly figures and HTML, and to PDF.

Pure code with plain inputs: no database, no web framework. Web pages and the CLI fill the
dataclasses of :mod:`.content` and call :func:`.html.html_fragment` or :func:`.pdf.render_pdf`.
"""
