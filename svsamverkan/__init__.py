"""svsamverkan: read Swedish samverkan documents and turn them into clean text and data.

>>> import svsamverkan
>>> svsamverkan.analyze("Hej").kind
'other'
"""

from ._version import __version__
from .errors import ReadError, SvsamverkanError
from .model import SCHEMA_VERSION, SECTIONS, Analysis, Decision, Document, Edit, Participant, SectionScores, Theme
from .pipeline import Pipeline, analyze, analyze_file, analyze_text
from .readers import read
from .repair import RepairResult, fix_and_explain, repair

__all__ = [
    "SCHEMA_VERSION",
    "SECTIONS",
    "Analysis",
    "Decision",
    "Document",
    "Edit",
    "Participant",
    "Pipeline",
    "ReadError",
    "RepairResult",
    "SectionScores",
    "SvsamverkanError",
    "Theme",
    "__version__",
    "analyze",
    "analyze_file",
    "analyze_text",
    "fix_and_explain",
    "read",
    "repair",
]
