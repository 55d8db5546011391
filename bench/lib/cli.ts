/** Command-line options shared by the benchmarks: `--quick`, `--name value`. */

export function flag(name: string, argv: readonly string[] = process.argv): boolean {
  return argv.includes(`--${name}`);
}

export function stringOption(name: string, argv: readonly string[] = process.argv): string | undefined {
  const i = argv.indexOf(`--${name}`);
  const value = i >= 0 ? argv[i + 1] : undefined;
  return value === undefined || value.startsWith('--') ? undefined : value;
}

/** A positive (or, when allowed, zero) number option; a bad value stops the benchmark with one clear line. */
export function numberOption(name: string, fallback: number, options: { allowZero?: boolean; argv?: readonly string[] } = {}): number {
  const raw = stringOption(name, options.argv);
  if (raw === undefined) return fallback;
  const n = Number(raw.replaceAll('_', ''));
  if (!Number.isFinite(n) || n < 0 || (n === 0 && !options.allowZero)) throw new Error(`--${name} must be a positive number, not "${raw}"`);
  return n;
}

/** The PostgreSQL server the benchmarks make their scratch databases on, if any. */
export function postgresUrl(): string | undefined {
  return process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || undefined;
}
