// Where the tests' servers take their ports: blocks of 100 from 20000 up, below the kernel's
// ephemeral ports (/proc/sys/net/ipv4/ip_local_port_range). Any outgoing connection may take
// an ephemeral port between the check that a block is free and the start of the servers (a
// first deploy once failed so: a stand-in's port "already in use").
import { readFileSync } from 'node:fs';

function ephemeralPorts(): [number, number] {
  try {
    const [low, high] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
    if (low && high) return [low, high];
  } catch {
    // not Linux: its usual range
  }
  return [32768, 60999];
}

/** The bases (multiples of 100) of the blocks outside the ephemeral ports: below them, or above when too few are left below. */
export function portBlocks(): number[] {
  const [low, high] = ephemeralPorts();
  const below = Math.floor((low - 100 - 20000) / 100) + 1;
  if (below >= 20) return Array.from({ length: below }, (_, i) => 20000 + 100 * i);
  const first = Math.ceil((high + 1) / 100) * 100;
  return Array.from({ length: Math.floor((65500 - first) / 100) }, (_, i) => first + 100 * i);
}
