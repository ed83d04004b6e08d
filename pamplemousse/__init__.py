"""pamplemousse (pmp): missions d'accompagnement et outils de pilotage."""

__version__ = "0.2.0"
