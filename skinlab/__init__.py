"""skinlab: an open, interactive course on skin layers, microneedling and exfoliation.

The package holds every piece of logic the notebooks use, once:

- ``skinlab.data``      cited YAML values, loaded and validated
- ``skinlab.anatomy``   layers, depths and body sites (pure functions, micrometres)
- ``skinlab.palette``   one colour-blind-safe colour per layer
- ``skinlab.draw``      matplotlib drawings shared by figures and explorers
- ``skinlab.explore``   interactive explorers and their registry ``EXPLORERS``
- ``skinlab.renewal``   a cohort of keratinocytes from the basal layer to shedding
- ``skinlab.exfoliation`` what each exfoliation method removes, and how deep, by body site
- ``skinlab.tables``    plain-text tables the notebooks print
- ``skinlab.figures``   the static course figures (``make figures``)
- ``skinlab.quiz``      quiz banks; ``skinlab.quizkeys`` ties their keys to the models
- ``skinlab.audit``     the course audit (``python -m skinlab audit``)

Education, not medical advice.
"""

__version__ = "0.1.0"

DISCLAIMER = (
    "This course is for education only. It is not medical advice, and its drawings are "
    "schematic, not to scale between people. Ask a qualified clinician before any treatment."
)


from skinlab.text import say  # noqa: E402  (learners' notebooks call skinlab.say)

__all__ = ["DISCLAIMER", "say"]
