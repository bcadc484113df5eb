/**
 * Stack frames: which frame of a JavaScript, Python, Go, Java or PHP stack is the repository's own
 * code. A failure's place is the first such frame (the innermost for Python, whose stacks end
 * with it), not a line of the test framework or of a dependency.
 */
import { int } from '../log/line-parser.js'
import { isRunnerInternal } from '../paths.js'

/** Paths of dependencies, toolchains and runtimes: never the repository's own code. */
const DEPENDENCY =
  /(?:^|[\\/])(?:node_modules|site-packages|dist-packages|vendor|\.venv|venv|\.tox|\.nox|\.cargo[\\/]registry|\.rustup|go[\\/]pkg[\\/]mod|pkg[\\/]mod|hostedtoolcache|\.gradle[\\/]caches|\.m2[\\/]repository)[\\/]|^(?:node:|internal[\\/]|<frozen |<string>|<unknown>|<anonymous>|\/usr\/lib\/|\/usr\/local\/lib\/|\/usr\/local\/go\/|\/usr\/lib\/go|\/opt\/hostedtoolcache\/|\/Library\/Frameworks\/|\/System\/|C:\\Program Files|\/rustc\/|\/build\/glibc)|^(?:\/usr\/local|\/usr|\/opt\/[^/]+)\/lib\/python\d|[\\/]Lib[\\/]|[\\/](?:_h_env|_build_env|_test_env|envs[\\/][^\\/]+|micromamba|miniconda\d?|anaconda\d?)[\\/]lib[\\/]/

/**
 * The modules of Python's standard library (`sys.stdlib_module_names`, Python 3.12, private ones
 * aside): a frozen or bundled program prints their frames by bare name (`subprocess.py`), which no
 * path tells from the project's own files.
 */
const PYTHON_STDLIB = new Set(
  'abc aifc argparse array ast asynchat asyncio asyncore atexit audioop base64 bdb binascii bisect builtins bz2 cProfile calendar cgi cgitb chunk cmath cmd code codecs codeop collections colorsys compileall concurrent configparser contextlib contextvars copy copyreg crypt csv ctypes curses dataclasses datetime dbm decimal difflib dis distutils doctest email encodings ensurepip enum errno faulthandler fcntl filecmp fileinput fnmatch fractions ftplib functools gc genericpath getopt getpass gettext glob graphlib grp gzip hashlib heapq hmac html http imaplib imghdr imp importlib inspect io ipaddress itertools json keyword lib2to3 linecache locale logging lzma mailbox mailcap marshal math mimetypes mmap modulefinder msvcrt multiprocessing netrc nis nntplib nt ntpath nturl2path numbers opcode operator optparse os ossaudiodev pathlib pdb pickle pickletools pipes pkgutil platform plistlib poplib posix posixpath pprint profile pstats pty pwd py_compile pyclbr pydoc pydoc_data pyexpat queue quopri random re readline reprlib resource rlcompleter runpy sched secrets select selectors shelve shlex shutil signal site smtpd smtplib sndhdr socket socketserver spwd sqlite3 sre_compile sre_constants sre_parse ssl stat statistics string stringprep struct subprocess sunau symtable sys sysconfig syslog tabnanny tarfile telnetlib tempfile termios textwrap threading time timeit tkinter token tokenize tomllib trace traceback tracemalloc tty turtle types typing unicodedata unittest urllib uu uuid venv warnings wave weakref webbrowser winreg winsound wsgiref xdrlib xml xmlrpc zipapp zipfile zipimport zlib zoneinfo'.split(
    ' '
  )
)

/** True when a bare or relative Python frame (`subprocess.py`, `asyncio/events.py`) is the standard library's. */
function isPythonStdlibFrame(file: string): boolean {
  if (!/\.py$/.test(file) || file.startsWith('/') || /^[A-Za-z]:[\\/]/.test(file)) return false
  const module = file.split(/[\\/]/)[0]?.replace(/\.py$/, '') ?? ''
  return PYTHON_STDLIB.has(module)
}

/** True when `file` is a dependency's, a runtime's or the runner's code rather than the repository's. */
export function isDependencyPath(file: string): boolean {
  return DEPENDENCY.test(file) || isRunnerInternal(file) || isPythonStdlibFrame(file)
}

/** `at fn (path:line:col)`, `at path:line:col`, `at async fn (file:///path:line:col)`. */
const JS_FRAME = /^\s*at (?:.*? \()?((?:file:\/\/)?(?:[A-Za-z]:)?[^():\s][^():]*):(\d+):(\d+)\)?$/

export interface Frame {
  file: string
  line: number | null
  column: number | null
}

/** The JavaScript stack frame on this line, or null. */
export function jsFrame(line: string): Frame | null {
  const match = JS_FRAME.exec(line)
  if (!match) return null
  return { file: (match[1] as string).replace(/^file:\/\//, ''), line: int(match[2]), column: int(match[3]) }
}

/** The first frame of the repository's own code among `lines` (a JavaScript stack). */
export function firstProjectFrame(lines: readonly string[]): Frame | null {
  for (const line of lines) {
    if (!line.includes(' at ') && !line.trimStart().startsWith('at ')) continue
    const frame = jsFrame(line)
    if (frame && !isDependencyPath(frame.file)) return frame
  }
  return null
}
