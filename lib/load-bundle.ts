// Runs a single-file build of our own code (made by the build with esbuild) with V8's code
// cache, as Python runs a module from its .pyc: the compiled code of one run, saved at its exit,
// is handed back to V8 by the next, which then neither parses nor compiles it again. Node 22
// does this itself (module.enableCompileCache); Node 20 has only vm.Script's cachedData.
// One file and one cache, because per module the cache measured no faster (README, Performance).
//
// The cache lives in dist/.code-cache (not packed: it is made by the Node that runs it). It is
// used only for the very file it was made from (inode, size and mtime; V8 itself checks little
// more than the length), and V8 may still reject it (another Node, other flags): then the file
// compiles as usual and the cache is written anew at exit. An unreadable, corrupt or unwritable
// cache only costs the time it would have saved.
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';

const CACHE_DIR = join(__dirname, '..', '.code-cache');

/** Layout of a cache file: u32 LE stamp length, the stamp (utf8), V8's data. */
function readCache(file: string, stamp: string): Buffer | undefined {
  let data: Buffer;
  try {
    data = readFileSync(file);
  } catch {
    return undefined;
  }
  if (data.length < 4) return undefined;
  const length = data.readUInt32LE(0);
  if (4 + length > data.length || data.toString('utf8', 4, 4 + length) !== stamp) return undefined;
  return data.subarray(4 + length);
}

function writeCache(file: string, stamp: string, code: Buffer): void {
  const head = Buffer.alloc(4);
  const text = Buffer.from(stamp, 'utf8');
  head.writeUInt32LE(text.length, 0);
  const temp = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(temp, Buffer.concat([head, text, code]));
    renameSync(temp, file);
  } catch {
    // a read-only install: runs go without
  }
}

/** Runs the CommonJS bundle `file` as a module and returns its exports. */
export function loadBundle(file: string): unknown {
  const source = readFileSync(file, 'utf8');
  const useCache = !process.env['PLONEFACTORY_NO_CODE_CACHE'];
  const st = statSync(file);
  const stamp = `${process.version} ${st.ino} ${st.size} ${st.mtimeMs}`;
  const cacheFile = join(CACHE_DIR, `${basename(file)}.v8`);
  const cachedData = useCache ? readCache(cacheFile, stamp) : undefined;
  const wrap = (Module as unknown as { wrap(source: string): string }).wrap;
  const script = new Script(wrap(source), { filename: file, ...(cachedData ? { cachedData } : {}) });
  // made at exit, so that the functions this run called are in it, compiled
  if (useCache && (!cachedData || script.cachedDataRejected)) process.once('exit', () => writeCache(cacheFile, stamp, script.createCachedData()));
  const module = { exports: {} as unknown };
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  wrapper.call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  return module.exports;
}
