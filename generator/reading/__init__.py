"""Reading and checking content: files → YAML → checked front matter → the
model, with every problem named by file, line and key."""
