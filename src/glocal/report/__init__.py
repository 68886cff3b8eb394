"""``report.html``: the page a coordinator opens; view model, views and the template's data.

``render_html(workspace, bundle, schedule)`` renders it; ``prepare_report`` loads what does not
depend on the plan (template, CLDR data) ahead of time.
"""

from glocal.report.render import prepare_report, render_charts, render_html

__all__ = ["prepare_report", "render_charts", "render_html"]
