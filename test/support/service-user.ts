// Who the servers of a test run as: the project's `[users] os` on a host. Run as root (CI),
// tests give them `nobody`, as a host gives them an unprivileged user; otherwise whoever
// runs the tests, since only root can switch users.
import { execFileSync } from 'node:child_process';
import { userInfo } from 'node:os';

export const AS_ROOT = process.getuid?.() === 0;
export const SERVICE_USER = AS_ROOT ? 'nobody' : userInfo().username;
export const SERVICE_GROUP = AS_ROOT ? 'nogroup' : execFileSync('id', ['-gn'], { encoding: 'utf8' }).trim();
