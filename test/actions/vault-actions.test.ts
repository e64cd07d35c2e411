import { describe, expect, it } from 'vitest';
import { vaultReveal, vaultStore, hashToken } from '../../engine/actions/vault-actions.js';
import { VaultNotFoundError } from '../../engine/actions/action-errors.js';
import { builtinActions } from '../../engine/actions/builtin-actions.js';
import type { ActionContext } from '../../engine/actions/action-types.js';
import type { VaultRecord } from '../../engine/runtime/store.js';
import { createMemoryStore } from '../../engine/runtime/stores/memory-store.js';
import { vaultPortOf } from '../../engine/runtime/ports/vault-port.js';
import { silentLogger } from '../../engine/runtime/logger.js';

function setup() {
  const clock = { now: 1_700_000_000_000 };
  const store = createMemoryStore({ now: () => clock.now });
  const puts: VaultRecord[] = [];
  const watched = { ...store, vaultPut: async (r: VaultRecord) => { puts.push(r); return store.vaultPut(r); } };
  const ctx: ActionContext = {
    conversation: 'test:c1', platform: 'test', user: { id: 'u1' },
    http: { request: async () => { throw new Error('unused'); } },
    store: watched, logger: silentLogger, now: () => clock.now, secretKey: Buffer.alloc(32, 9),
  };
  return { clock, ctx, puts, store };
}

describe('vault.store', () => {
  it('returns a 10-character id and a token of at least 128 bits', async () => {
    const { ctx } = setup();
    const { id, token } = await vaultStore.run({ text: 'secret' }, ctx);
    expect(id).toMatch(/^[A-Za-z0-9]{10}$/);
    expect(Buffer.from(token, 'base64url').length).toBeGreaterThanOrEqual(16);
  });

  it('stores only ciphertext and the hash of the token', async () => {
    const { ctx, puts } = setup();
    const { token } = await vaultStore.run({ text: 'my very secret text' }, ctx);
    expect(puts).toHaveLength(1);
    const row = JSON.stringify(puts[0]);
    expect(row).not.toContain('my very secret text');
    expect(row).not.toContain(Buffer.from('my very secret text').toString('base64url'));
    expect(row).not.toContain(token);
    expect(puts[0].tokenHash).toBe(hashToken(token));
  });

  it('encrypts the same text differently each time', async () => {
    const { ctx, puts } = setup();
    await vaultStore.run({ text: 'same' }, ctx);
    await vaultStore.run({ text: 'same' }, ctx);
    expect(puts[0].ciphertext).not.toBe(puts[1].ciphertext);
  });

  it('expires after seven days by default and after ttl when given', async () => {
    const { ctx, puts, clock } = setup();
    await vaultStore.run({ text: 'a' }, ctx);
    await vaultStore.run({ text: 'b', ttl: '10m' }, ctx);
    expect(puts[0].expiresAt).toBe(clock.now + 7 * 86_400_000);
    expect(puts[1].expiresAt).toBe(clock.now + 600_000);
  });
});

describe('vault.reveal', () => {
  it('reveals the text exactly once', async () => {
    const { ctx } = setup();
    const key = await vaultStore.run({ text: 'hello' }, ctx);
    expect(await vaultReveal.run(key, ctx)).toEqual({ text: 'hello' });
    await expect(vaultReveal.run(key, ctx)).rejects.toMatchObject({ code: 'VAULT_NOT_FOUND' });
  });

  it('refuses a wrong token and keeps the secret for the right one', async () => {
    const { ctx } = setup();
    const key = await vaultStore.run({ text: 'hello' }, ctx);
    const err = await vaultReveal.run({ id: key.id, token: 'A'.repeat(43) }, ctx).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(VaultNotFoundError);
    expect((err as Error).message).not.toContain('hello');
    expect(await vaultReveal.run(key, ctx)).toEqual({ text: 'hello' });
  });

  it('refuses an expired secret', async () => {
    const { ctx, clock } = setup();
    const key = await vaultStore.run({ text: 'hello', ttl: '1h' }, ctx);
    clock.now += 3_600_001;
    await expect(vaultReveal.run(key, ctx)).rejects.toMatchObject({ code: 'VAULT_NOT_FOUND' });
  });

  it('gives the secret to only one of two concurrent reveals', async () => {
    const { ctx } = setup();
    const key = await vaultStore.run({ text: 'once' }, ctx);
    const results = await Promise.allSettled([vaultReveal.run(key, ctx), vaultReveal.run(key, ctx)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  });
});

describe('builtinActions', () => {
  it('registers vault.store, vault.reveal, http.request and log', () => {
    expect(Object.keys(builtinActions()).sort()).toEqual(['http.request', 'log', 'vault.reveal', 'vault.store']);
  });
});

describe('vault.reveal inside a turn', () => {
  it('reads the secret and leaves the delete to the turn\'s commit', async () => {
    const { ctx, store } = setup();
    const { id, token } = await vaultStore.run({ text: 'kept until the commit' }, ctx);
    const effects = { vaultTakes: [] as { id: string; tokenHash: string }[] };
    expect(await vaultReveal.run({ id, token }, { ...ctx, effects })).toEqual({ text: 'kept until the commit' });
    expect(effects.vaultTakes).toEqual([{ id, tokenHash: hashToken(token) }]);
    // Not deleted yet: a crash before the commit leaves it revealable.
    expect(await ctx.store.vaultPeek(id, hashToken(token), ctx.now())).toBeDefined();
    await store.commit({ key: 'test:c1', expectedRevision: 0, snapshot: {}, flowVersion: 'v', outbox: [], vaultTakes: effects.vaultTakes });
    await expect(vaultReveal.run({ id, token }, { ...ctx, effects: { vaultTakes: [] } })).rejects.toBeInstanceOf(VaultNotFoundError);
  });
});

describe('the store an action gets inside a turn', () => {
  it('is the vault port only: no commit, enqueue or load', async () => {
    const store = createMemoryStore();
    const port = vaultPortOf(store);
    expect(Object.keys(port).sort()).toEqual(['vaultPeek', 'vaultPut', 'vaultTake']);
    await port.vaultPut({ id: 'v1', tokenHash: 'h', ciphertext: 'c', expiresAt: 10 });
    expect(await store.vaultPeek('v1', 'h', 0)).toEqual({ id: 'v1', tokenHash: 'h', ciphertext: 'c', expiresAt: 10 });
    expect(await port.vaultTake('v1', 'h', 0)).toMatchObject({ id: 'v1' });
  });
});
