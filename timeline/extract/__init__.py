"""Stage 1, reading: article files in, typed events and figures out.

``articles`` loads a file (front matter, HTML to text, ignored spans); ``extractor``
reads its sentences (``dates``, ``numbers``, ``lexicon``, ``clauses``, ``anchors``)
into events, and ``figures`` into figures; ``chronology`` reads an analyst's CSV table
into the same records.
"""
