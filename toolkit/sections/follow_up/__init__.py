"""The follow_up section: result (analyse, results.json block), tables, charts, text."""
