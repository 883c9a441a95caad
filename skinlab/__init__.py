"""skinlab: an open, interactive course on skin layers, microneedling and exfoliation.

The package holds every piece of logic the notebooks use, once:

- ``skinlab.data``      cited YAML values, loaded and validated
- ``skinlab.anatomy``, ``renewal``, ``exfoliation``, ``microneedling``, ``healing``,
  ``diffusion``, ``claims``, ``compare``: the models (pure functions, numbers with their ranges)
- ``skinlab.text``, ``units``, ``palette``: words, units and one colour a layer
- ``skinlab.draw``      matplotlib drawings shared by figures and explorers
- ``skinlab.ui``        widget pieces every part shows
- ``skinlab.explore``   interactive explorers and their registry ``EXPLORERS``
- ``skinlab.quiz``      quiz banks, grading and the widget (``Quiz`` is the notebooks' facade)
- ``skinlab.progress``  the learner's record, what to review, and its panel
- ``skinlab.check``     exercise checks, one module a notebook
- ``skinlab.figures``, ``skinlab.tables``: the static figures and the printed tables
- ``skinlab.tools``     the audit, generated text, execution, student versions, the command line

Education, not medical advice.
"""

__version__ = "0.1.0"

DISCLAIMER = (
    "This course is for education only. It is not medical advice, and its drawings are "
    "schematic, not to scale between people. Ask a qualified clinician before any treatment."
)


from skinlab.text import say  # noqa: E402  (learners' notebooks call skinlab.say)

__all__ = ["DISCLAIMER", "say"]
