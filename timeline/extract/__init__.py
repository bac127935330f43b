"""Stage 1, reading: article files in, typed events and figures out.

``articles`` loads a file (front matter, HTML to text, ignored spans); ``extractor``
reads its sentences (``dates``, ``numbers``, ``lexicon``, ``clauses``, ``anchors``)
into events by the ``triggers`` table, keeping the places ``areas`` allows and the names
``unnamed`` finds, and leaving out the history ``background`` recognises; ``figures``
reads figures; ``chronology`` reads an analyst's CSV table
into the same records.
"""
