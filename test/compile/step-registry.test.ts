import { describe, expect, it } from 'vitest';
import { STEP_KINDS, STEP_REGISTRY } from '../../engine/compile/steps/step-registry.js';
import { FLOW_SCHEMA } from '../../engine/flow/schema-validators.js';

const definitions = FLOW_SCHEMA.definitions as Record<string, { properties?: Record<string, unknown> }>;
const stepUnion = (definitions.step as unknown as { oneOf: { $ref: string }[] }).oneOf.map((r) => r.$ref.replace('#/definitions/', ''));

describe('the step registry', () => {
  it('declares each kind under its own key, and the schema has its part', () => {
    for (const kind of STEP_KINDS) {
      expect(STEP_REGISTRY[kind].kind).toBe(kind);
      expect(definitions[`${kind}Step`]?.properties?.[kind], `${kind}Step in flow.schema.json`).toBeDefined();
      expect(stepUnion).toContain(`${kind}Step`);
    }
    expect(stepUnion).toHaveLength(STEP_KINDS.length);
  });

  it('marks exactly the kinds that stop and wait, each with its migration', () => {
    const waiting = STEP_KINDS.filter((k) => STEP_REGISTRY[k].waits);
    expect(waiting).toEqual(['menu', 'ask', 'wait']);
    for (const k of waiting) expect(STEP_REGISTRY[k].migrate?.substate).toBe('wait');
  });

  it('lets only waiting kinds say on_resume', () => {
    for (const kind of STEP_KINDS) {
      expect(Boolean(definitions[`${kind}Step`].properties?.on_resume), kind).toBe(Boolean(STEP_REGISTRY[kind].waits));
    }
  });
});
