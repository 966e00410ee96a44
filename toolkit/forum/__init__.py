"""A forum folder: forum.yml and codebook.yml (:mod:`.config`) and everything read from it (:mod:`.load`)."""
