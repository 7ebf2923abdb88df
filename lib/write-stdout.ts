// Output without process.stdout: that stream is made on first use, which loads Node's stream
// and tty/pipe machinery (~1.5 ms, measured on the resolver's entry: a few percent of a short
// run such as `plonefactory check`). This writes fd 1 directly, all of the text, in order.
import { writeSync } from 'node:fs';

export function writeStdout(text: string): void {
  const data = Buffer.from(text, 'utf8');
  for (let offset = 0; offset < data.length; ) {
    try {
      offset += writeSync(1, data, offset);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      // the reader is gone (`| head`): the rest has nowhere to go
      if (code === 'EPIPE') return;
      // a non-blocking fd 1 that is full: try again
      if (code !== 'EAGAIN') throw e;
    }
  }
}
