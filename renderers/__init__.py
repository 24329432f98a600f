"""Views and exports of a logic model, one module each, listed in one registry."""
