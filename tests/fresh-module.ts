/**
 * A new instance of one source module: its own top-level state (what it has loaded, built or
 * memoised) fresh, while the modules it imports stay the ones already loaded.
 *
 * For the tests of what a module does before its first load. vi.resetModules() would also give a
 * fresh instance, but the suite shares modules between the test files of a worker
 * (vitest.config.ts: isolate false), and resetModules forgets every module the worker has loaded:
 * each later test file in that worker then evaluated src/ anew and rebuilt what it memoises (the
 * catalog, the token encoders, the chart fonts). A query on the module's URL makes the module
 * runner load it as another module instead.
 */
let loaded = 0;

/** `specifier` resolved against `from` (the caller's import.meta.url), loaded as a new instance. */
export async function freshModule<T>(specifier: string, from: string): Promise<T> {
  const url = new URL(specifier, from);
  url.search = `fresh=${++loaded}`;
  return (await import(url.href)) as T;
}
