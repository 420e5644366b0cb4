"""Photo library admin additions that need articles: where each photo is used."""
