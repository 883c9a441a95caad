"""The course's tools, for maintainers and teachers, not for learners: the audit
(:mod:`~skinlab.tools.audit`), the notebooks' generated text and time rule
(:mod:`~skinlab.tools.notebooktext`), re-execution (:mod:`~skinlab.tools.execute`), the learner
versions of the exercises (:mod:`~skinlab.tools.student`), the learner's folder
(:mod:`~skinlab.tools.workspace`) and the command line (:mod:`~skinlab.tools.cli`, run as
``python -m skinlab ...``)."""
