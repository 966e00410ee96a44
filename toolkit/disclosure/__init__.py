"""What may be published: small-cell and complementary suppression (:mod:`.suppress`), decided once
across the tables that publish the same counts (:mod:`.joint`)."""
