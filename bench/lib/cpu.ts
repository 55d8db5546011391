/**
 * CPU time of processes on this machine, read from /proc (Linux): so a benchmark can say where an
 * operation's CPU went — the app, its load client, the database server — not only how long it took.
 * Where /proc is missing (not Linux) every reading is null.
 */
import fs from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat's utime and stime (USER_HZ: 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** User + system CPU ms of a process, or undefined when it is gone. */
function processCpuMs(pid: number): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command (which may hold spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/** Pids whose command name is `name` (e.g. every PostgreSQL server process, backends and background workers). */
function pidsNamed(name: string): number[] {
  let entries: string[];
  try {
    entries = fs.readdirSync('/proc');
  } catch {
    return [];
  }
  return entries.filter((e) => /^\d+$/.test(e)).map(Number).filter((pid) => {
    try {
      return fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === name;
    } catch {
      return false;
    }
  });
}

/**
 * Pids of the PostgreSQL backends connected to `database` (a backend's command line is its title,
 * `postgres: 15/main: <user> <database> <client> <state>`), but for `except`.
 */
function backendsOf(database: string, except: readonly number[]): number[] {
  return pidsNamed('postgres').filter((pid) => {
    if (except.includes(pid)) return false;
    try {
      return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(` ${database} `);
    } catch {
      return false;
    }
  });
}

/** CPU ms used between two readings, by a set of processes found again at each reading. */
export class CpuMeter {
  private start = new Map<number, number>();

  constructor(private readonly pids: () => number[]) {}

  static ofPid(pid: number | undefined): CpuMeter {
    return new CpuMeter(() => (pid === undefined ? [] : [pid]));
  }

  static ofCommand(name: string): CpuMeter {
    return new CpuMeter(() => pidsNamed(name));
  }

  /** One database's backends on a PostgreSQL server on this machine: not the server's background processes, nor other databases' sessions. */
  static ofPostgresDatabase(database: string, except: readonly number[] = []): CpuMeter {
    return new CpuMeter(() => backendsOf(database, except));
  }

  begin(): void {
    this.start = new Map();
    for (const pid of this.pids()) {
      const ms = processCpuMs(pid);
      if (ms !== undefined) this.start.set(pid, ms);
    }
  }

  /** CPU ms since begin(). Null where /proc can't be read. */
  end(): number | null {
    const pids = this.pids();
    if (!pids.length && !this.start.size) return null;
    let total = 0;
    for (const pid of pids) {
      // A process gone since the listing took its CPU with it; one started since counts from zero.
      const ms = processCpuMs(pid);
      if (ms !== undefined) total += ms - (this.start.get(pid) ?? 0);
    }
    return total;
  }
}
