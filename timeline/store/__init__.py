"""Where the pipeline keeps its work: the article corpus and the built timeline."""
