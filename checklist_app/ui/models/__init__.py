"""Qt item models over the service's cache: the tree of a document and the items table."""
