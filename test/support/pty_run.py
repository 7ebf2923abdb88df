"""Runs a command in a pseudo-terminal, as a user at a terminal would: for each (pattern,
keys) step, waits until the output so far matches the pattern, then types the keys. Prints
a JSON object {status, output} when the command is done. Every step has a time limit, and
the command is killed at the end if it is still running (tests stop what they start)."""
import json, os, pty, re, select, signal, sys, time

def main():
    steps = json.loads(sys.argv[1])
    cwd = sys.argv[2]
    argv = sys.argv[3:]
    pid, fd = pty.fork()
    if pid == 0:
        os.chdir(cwd)
        os.environ['COLUMNS'] = '100'
        os.execvp(argv[0], argv)
    out = b''
    def read(deadline):
        nonlocal out
        while time.time() < deadline:
            r, _, _ = select.select([fd], [], [], 0.05)
            if not r:
                continue
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                return False
            if not chunk:
                return False
            out += chunk
            return True
        return True
    for pattern, keys in steps:
        deadline = time.time() + 30
        while not re.search(pattern.encode(), out) and time.time() < deadline:
            if not read(deadline):
                break
        time.sleep(0.1)
        os.write(fd, keys.encode())
    deadline = time.time() + 60
    while time.time() < deadline:
        if not read(deadline):
            break
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
    else:
        os.kill(pid, signal.SIGKILL)
    try:
        _, status = os.waitpid(pid, 0)
    except ChildProcessError:
        pass
    try:
        while read(time.time() + 0.2):
            pass
    except OSError:
        pass
    code = os.waitstatus_to_exitcode(status) if isinstance(status, int) else None
    print(json.dumps({'status': code, 'output': out.decode('utf8', 'replace')}))

main()
