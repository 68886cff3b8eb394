"""The workspace: plain files in a folder -> a validated model, every problem with its position.

Its face: ``load_workspace`` (discovery, YAML with positions, every file check) and the loaded
``Workspace`` with a ``ProgramBundle`` per program.
"""

from glocal.workspace.bundle import ProgramBundle, Workspace, unknown_program
from glocal.workspace.loading import find_program_dirs, load_workspace, resolve_program_arg

__all__ = ["ProgramBundle", "Workspace", "find_program_dirs", "load_workspace"]
__all__ += ["resolve_program_arg", "unknown_program"]
