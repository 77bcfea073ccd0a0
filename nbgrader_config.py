"""nbgrader's configuration for the sourcewise course (read from the folder you run nbgrader in).

Folders, all relative to this file's folder (the course root):

    solutions/<assignment>/<assignment>.ipynb      source: solutions, hidden tests, rubrics
    exercises/<assignment>/<assignment>.ipynb      release: what students get (kept in git,
                                                   regenerate with tools/release_exercises.py)
    submitted/, autograded/, feedback/             grading work, never in git
    source_solution/, source_with_tests/           generate_solution / --source_with_tests output
    gradebook.db                                   nbgrader's database, never in git

The default names `source/`, `release/` and `solution/` are all renamed: `solution/` would
sit confusingly beside `solutions/`.
"""

c = get_config()  # noqa: F821 -- traitlets provides get_config() when it runs this file

c.CourseDirectory.course_id = "sourcewise"
c.CourseDirectory.source_directory = "solutions"
c.CourseDirectory.release_directory = "exercises"
c.CourseDirectory.solution_directory = "source_solution"
c.CourseDirectory.source_with_tests_directory = "source_with_tests"
c.CourseDirectory.submitted_directory = "submitted"
c.CourseDirectory.autograded_directory = "autograded"
c.CourseDirectory.feedback_directory = "feedback"

# Seconds a single cell may run when nbgrader executes a notebook (autograde, validate).
# nbgrader's default is 30; a student's slow function gets twice that before its cell
# scores 0. ExecutePreprocessor is named too, for tools that execute with plain nbconvert.
c.Execute.timeout = 60
c.ExecutePreprocessor.timeout = 60

# What students see where a solution was. Answer cells carry their template ABOVE the
# solution markers (`q1 = {"P1": ..., ...}`), so the stub is only a pointer to it, and it
# is a comment: a released notebook runs from top to bottom without an error of its own.
c.ClearSolutions.code_stub = {"python": "# ↑ write your answer above"}
c.ClearSolutions.text_stub = "*Write your answer here, in English or German: replace this line.*"
