/**
 * Times at which something this process scheduled falls due (a retry's not-before), with one
 * timer on the earliest: a sender that knows when its own work is due need not poll for it.
 */

/** Calls `fire` once at each distinct time added (times already passed fire at once). */
export class DueTimes {
  private readonly times: number[] = []; // sorted
  private timer?: NodeJS.Timeout;

  constructor(private readonly now: () => number, private readonly fire: () => void) {}

  /** Adds a time; the timer moves only when it is the new earliest. */
  add(at: number): void {
    let i = this.times.length;
    while (i > 0 && this.times[i - 1]! > at) i--;
    if (this.times[i - 1] === at) return;
    this.times.splice(i, 0, at);
    if (i === 0) this.arm();
  }

  /** Forgets every time (on stop). */
  clear(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.times.length = 0;
  }

  private arm(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.times.length === 0) return;
    this.timer = setTimeout(() => {
      // A timer may run a millisecond before the clock shows its time: that one waits on.
      const t = this.now();
      while (this.times.length > 0 && this.times[0]! <= t) this.times.shift();
      this.arm();
      this.fire();
    }, Math.max(0, this.times[0]! - this.now()));
    // Never keeps the process alive on its own.
    this.timer.unref?.();
  }
}
