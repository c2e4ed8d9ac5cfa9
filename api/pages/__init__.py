"""The HTML pages: Jinja2 templates over the same services as the JSON API."""
