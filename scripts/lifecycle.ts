/** Signals this close together are one keypress delivered twice (see `request`). */
const SAME_KEYPRESS_MS = 1000;

/**
 * How `npm start` stops. npm forwards SIGINT and SIGTERM to its script's process (the `exec` in
 * package.json makes that process node itself rather than a shell that dies and leaves node serving),
 * a closed terminal sends SIGHUP, and an npm killed outright sends nothing: then the parent process
 * changes and we stop as well, so no platform is ever left serving without the command that started it.
 */
export class Lifecycle {
  private readonly closers: Array<() => Promise<void>> = [];
  private stopSignal: string | null = null;
  private stopAskedAt = 0;
  private booting = true;
  private stopping = false;

  constructor(
    private readonly log: (line: string) => void = (line) => console.info(line),
    parentCheckMs = 1000,
  ) {
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => this.request(signal));
    const parent = process.ppid;
    const watch = setInterval(() => {
      if (process.ppid !== parent) this.request(`parent process ${parent} is gone`);
    }, parentCheckMs);
    watch.unref();
  }

  /** Something to close on the way out; closed in the reverse order of adding. */
  add(close: () => Promise<void>): void {
    this.closers.push(close);
  }

  /** True once a stop was asked for while starting: the start-up stops at its next step. */
  get stopRequested(): boolean {
    return this.stopSignal !== null;
  }

  /** Start-up finished: from now on a signal stops at once (or now, when one came during start-up). */
  async running(): Promise<void> {
    this.booting = false;
    if (this.stopSignal) await this.stop();
  }

  private request(reason: string): void {
    if (this.stopSignal) {
      // One Ctrl-C in a terminal arrives twice: from the terminal to the whole process group, and
      // forwarded by npm. Only a later one is the person pressing again, wanting out now.
      if (Date.now() - this.stopAskedAt < SAME_KEYPRESS_MS) return;
      this.log(`[shutdown] ${reason} again: exiting without waiting`);
      process.exit(130);
    }
    this.stopSignal = reason;
    this.stopAskedAt = Date.now();
    if (this.booting) this.log(`[shutdown] ${reason}: stopping once the start-up step under way is done`);
    else void this.stop();
  }

  /** Closes everything once and exits: `exitCode` when all closed, 1 when something failed to. */
  async stop(exitCode = 0): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    if (this.stopSignal) this.log(`[shutdown] ${this.stopSignal}: closing`);
    let failed = exitCode !== 0;
    for (const close of this.closers.reverse()) {
      await close().catch((error: unknown) => {
        failed = true;
        console.error(error);
      });
    }
    process.exit(failed ? 1 : 0);
  }
}
