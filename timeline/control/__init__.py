"""Stage 3, control: who holds each district on each day, and why.

``model`` holds the timeline record and its queries (the rules are documented there);
``build`` orchestrates them: ``claims`` turns events into set/contest claims,
``inference`` adds what percentages imply, ``rules`` computes the per-day state,
``series`` derives shares, fronts and change lists.
"""
