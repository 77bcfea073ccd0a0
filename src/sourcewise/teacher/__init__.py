"""The teacher's tools behind the ``sourcewise`` command: grade a class, make a student copy.

One module per command-line verb (:mod:`~sourcewise.teacher.grade`,
:mod:`~sourcewise.teacher.student_copy`) and one per step of grading (see
:mod:`sourcewise.teacher.grade` for the pipeline). Nothing here is imported by
``import sourcewise``: students never load it.
"""
