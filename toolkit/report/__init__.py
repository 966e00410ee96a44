"""The report: results.json (:mod:`.results`, :mod:`.pipeline`), offline HTML (:mod:`.render`, :mod:`.display`)
and forums side by side (:mod:`.compare`)."""
