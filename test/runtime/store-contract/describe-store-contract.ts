/**
 * The one behavioural contract every ConversationStore passes, one file per concern (as the
 * store's ports are split, engine/runtime/ports/). Each implementation's test file calls
 * describeStoreContract with a factory; the factory receives the clock to inject so
 * retention, expiry and leases can be tested without waiting. A new store passes by adding
 * one such call; a new concern adds one file here and one line below.
 */
import { afterAll, afterEach, describe } from 'vitest';
import type { ConversationStore } from '../../../engine/runtime/store.js';
import type { ContractContext, StoreFactory, TestClock } from './fixtures.js';
import { describeCallbackContract } from './callbacks.js';
import { describeConversationContract } from './conversations.js';
import { describeDeadLetterContract } from './dead-letters.js';
import { describeInboxContract } from './inbox.js';
import { describeMaintenanceContract } from './maintenance.js';
import { describeNoteContract } from './notes.js';
import { describeOutboxHandoffContract } from './outbox-handoff.js';
import { describeOutboxLaneContract } from './outbox-lanes.js';
import { describeOutboxContract } from './outbox.js';
import { describeTaskContract } from './tasks.js';
import { describeTimerContract } from './timers.js';
import { describeVaultContract } from './vault.js';
import { describeVersionContract } from './versions.js';

export type { StoreFactory, TestClock } from './fixtures.js';

/** Every concern's contract, in the order they run. */
const CONCERNS: readonly ((ctx: ContractContext) => void)[] = [
  describeConversationContract,
  describeInboxContract,
  describeOutboxContract,
  describeOutboxLaneContract,
  describeOutboxHandoffContract,
  describeTimerContract,
  describeVaultContract,
  describeTaskContract,
  describeCallbackContract,
  describeDeadLetterContract,
  describeNoteContract,
  describeMaintenanceContract,
  describeVersionContract,
];

/** Runs the ConversationStore contract, every concern, against one implementation. */
export function describeStoreContract(name: string, makeStore: StoreFactory, cleanup?: () => Promise<void>): void {
  describe(`${name} (ConversationStore contract)`, () => {
    const clock: TestClock = { t: 1_000_000, now: () => clock.t };
    const opened: ConversationStore[] = [];
    const ctx: ContractContext = {
      clock,
      async open() {
        const store = await makeStore({ now: clock.now });
        opened.push(store);
        return store;
      },
    };
    afterEach(async () => {
      clock.t = 1_000_000;
      await Promise.all(opened.splice(0).map((s) => s.close()));
    });
    if (cleanup) afterAll(cleanup);
    for (const concern of CONCERNS) concern(ctx);
  });
}
