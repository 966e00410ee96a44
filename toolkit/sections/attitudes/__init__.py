"""The attitudes section: result (analyse, results.json block), tables, charts, text."""
