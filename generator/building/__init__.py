"""Building and writing: the model rendered into a site on disk, in full or
in place after an edit, with its search index and hosting files."""
