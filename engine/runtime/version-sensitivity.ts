/**
 * Whether an inbound event may carry a value a flow marked sensitive, across every version a
 * conversation may run on, so the pipeline seals only those at rest (AES-GCM per event, and
 * a copy kept in memory until its turn, cost more than the rest of accepting one). An event
 * is sensitive when any compiled version says so; every event is, while the store keeps
 * sources of a version not compiled here (a conversation pinned to it would run it) and on a
 * store several processes share (another process may run a version this one never saw).
 */
import type { InboundEvent } from '../types.js';
import type { VersionStore } from './version-store.js';

/** A compiled version, as far as this check needs it. */
interface CheckedVersion {
  runner: { mightBeSensitive(event: InboundEvent): boolean };
}

/** Tracks which stored versions this process has not compiled. */
export class VersionSensitivity {
  // Unknown until the store was listed: seal everything meanwhile.
  private unknownStored = true;

  constructor(
    private readonly store: VersionStore | undefined,
    private readonly shared: boolean,
  ) {}

  /** Lists the stored versions again; call after a version was stored, compiled or dropped. */
  async refresh(compiled: { has(version: string): boolean }): Promise<void> {
    if (!this.store) {
      this.unknownStored = false;
      return;
    }
    const stored = await this.store.flowVersions();
    this.unknownStored = stored.some((v) => !compiled.has(v.version));
  }

  /** A version was dropped: until the next refresh its stored sources may be run again. */
  dropped(): void {
    this.unknownStored = true;
  }

  /** True when `event` may be sensitive on any version it may run on. */
  check(event: InboundEvent, compiled: Iterable<CheckedVersion>): boolean {
    if (this.shared || this.unknownStored) return true;
    for (const version of compiled) if (version.runner.mightBeSensitive(event)) return true;
    return false;
  }
}
