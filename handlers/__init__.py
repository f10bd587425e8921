"""Slack surfaces, one folder each (as in Bolt's starter template): ``events/``, ``commands/``, ``actions/``,
``views/`` (App Home, modals later). Each folder has ``register(app)`` and plain callbacks that tests call
directly; the capabilities they use come from the request context (``handlers.context``).
"""
