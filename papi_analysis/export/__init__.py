"""Meeting exports: chart images, formatted Excel tables, the PowerPoint meeting pack."""
