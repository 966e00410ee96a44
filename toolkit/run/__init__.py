"""Running a forum: papermill in one kernel (:mod:`.runner`, :mod:`.engine`), the helper process
(:mod:`.prefetch`) and many forums at once (:mod:`.batch`)."""
