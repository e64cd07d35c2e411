import { createMemoryStore } from '../../../engine/runtime/stores/memory-store.js';
import { describeStoreContract } from '../store-contract/describe-store-contract.js';

describeStoreContract('createMemoryStore', async ({ now }) => createMemoryStore({ now }));
