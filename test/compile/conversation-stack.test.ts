import { describe, expect, it } from 'vitest';
import type { Frame, TimerData } from '../../engine/compile/bot-context.js';
import {
  callOnStack, dueOnStack, enterOnStack, interruptedBy, isSuspended, liveTimers, MAX_FRAMES, returnOnStack, startOnStack,
} from '../../engine/compile/conversation-stack.js';

const ask = (flow: string, step: string) => ({ flow, step, kind: 'ask' as const });

describe('startOnStack', () => {
  it('makes the started flow the only frame from idle', () => {
    expect(startOnStack([], { flow: 'a', step: 's' }, 'interrupt', null, 'reask')).toEqual([{ flow: 'a', step: 's', why: 'start' }]);
  });

  it('suspends the waiting question with its resume mode and stacks the new flow', () => {
    const stack: Frame[] = [{ flow: 'a', step: 'q', why: 'start' }];
    expect(startOnStack(stack, { flow: 'b', step: 'x' }, 'interrupt', ask('a', 'q'), 'silent')).toEqual([
      { flow: 'a', step: 'q', why: 'start', onResume: 'silent' },
      { flow: 'b', step: 'x', why: 'interrupt' },
    ]);
  });

  it('restarts a flow already on the stack in its own frame, dropping the frames above and keeping its caller', () => {
    const stack: Frame[] = [
      { flow: 'main', step: 'call', why: 'start', onResume: 'continue' },
      { flow: 'sub', step: 'q', why: 'call', onResume: 'reask' },
      { flow: 'help', step: 'h', why: 'interrupt' },
    ];
    expect(startOnStack(stack, { flow: 'sub', step: 'first' }, 'interrupt', ask('help', 'h'), 'reask')).toEqual([
      { flow: 'main', step: 'call', why: 'start', onResume: 'continue' },
      { flow: 'sub', step: 'first', why: 'call' },
    ]);
  });

  it(`keeps at most ${MAX_FRAMES} frames, forgetting the oldest interrupted flows`, () => {
    let stack: Frame[] = [];
    for (let i = 0; i < MAX_FRAMES + 5; i++) stack = startOnStack(stack, { flow: `f${i}`, step: 'q' }, 'interrupt', i === 0 ? null : ask(`f${i - 1}`, 'q'), 'reask');
    expect(stack).toHaveLength(MAX_FRAMES);
    expect(stack[0]).toMatchObject({ flow: 'f5', why: 'start' });
  });
});

describe('enterOnStack', () => {
  it('moves the top frame within its flow', () => {
    expect(enterOnStack([{ flow: 'a', step: 'x', why: 'start' }], { flow: 'a', step: 'y' })).toEqual([{ flow: 'a', step: 'y', why: 'start' }]);
  });

  it('unwinds to a flow below when a goto enters it, so no stale question is left', () => {
    const stack: Frame[] = [{ flow: 'transfer', step: 'confirm', why: 'start', onResume: 'reask' }, { flow: 'correct', step: '@0', why: 'interrupt' }];
    expect(enterOnStack(stack, { flow: 'transfer', step: 'amount' })).toEqual([{ flow: 'transfer', step: 'amount', why: 'start' }]);
  });

  it('lets a goto into a flow not on the stack take the current frame, keeping its why', () => {
    const stack: Frame[] = [{ flow: 'a', step: 'q', why: 'start', onResume: 'reask' }, { flow: 'b', step: 'x', why: 'interrupt' }];
    expect(enterOnStack(stack, { flow: 'c', step: 'y' })).toEqual([stack[0], { flow: 'c', step: 'y', why: 'interrupt' }]);
  });
});

describe('callOnStack and returnOnStack', () => {
  it('returns from a call to after the flow: step', () => {
    const called = callOnStack([{ flow: 'main', step: '@0', why: 'start' }], { flow: 'main', step: 'call' }, { flow: 'sub', step: '@0' });
    expect(called).toEqual([{ flow: 'main', step: 'call', why: 'start', onResume: 'continue' }, { flow: 'sub', step: '@0', why: 'call' }]);
    expect(returnOnStack(called)).toEqual({ stack: [{ flow: 'main', step: 'call', why: 'start' }], event: 'back.main.call' });
  });

  it('resumes an interrupted question by its mode', () => {
    const reask: Frame[] = [{ flow: 'a', step: 'q', why: 'start', onResume: 'reask' }, { flow: 'b', step: 'x', why: 'interrupt' }];
    expect(returnOnStack(reask).event).toBe('reask.a.q');
    const silent: Frame[] = [{ ...reask[0], onResume: 'silent' }, reask[1]];
    expect(returnOnStack(silent).event).toBe('resume.a.q');
  });

  it('goes idle when the last frame ends', () => {
    expect(returnOnStack([{ flow: 'a', step: 'x', why: 'start' }])).toEqual({ stack: [], event: null });
  });
});

describe('dueOnStack', () => {
  it('moves the segment of a due wait on top, suspending the question that waits now', () => {
    const stack: Frame[] = [
      { flow: 'main', step: 'call', why: 'start', onResume: 'continue' },
      { flow: 'pause', step: 'w', why: 'call', onResume: 'silent' },
      { flow: 'survey', step: 'q', why: 'interrupt' },
    ];
    expect(dueOnStack(stack, { flow: 'pause', step: 'w' }, ask('survey', 'q'), 'reask')).toEqual([
      { flow: 'survey', step: 'q', why: 'start', onResume: 'reask' },
      { flow: 'main', step: 'call', why: 'timer', onResume: 'continue' },
      { flow: 'pause', step: 'w', why: 'call' },
    ]);
  });

  it('is undefined for a timer no suspended frame waits at', () => {
    expect(dueOnStack([{ flow: 'a', step: 'q', why: 'start' }], { flow: 'a', step: 'q' }, ask('a', 'q'), 'reask')).toBeUndefined();
  });
});

describe('interruptedBy, isSuspended, liveTimers', () => {
  const stack: Frame[] = [
    { flow: 'transfer', step: 'confirm', why: 'start', onResume: 'reask' },
    { flow: 'cancel', step: 'ask', why: 'interrupt', onResume: 'continue' },
    { flow: 'sure', step: '@0', why: 'call' },
  ];

  it('names what the running segment interrupted, through its calls', () => {
    expect(interruptedBy(stack)).toEqual({ flow: 'transfer', step: 'confirm' });
    expect(interruptedBy([stack[0]])).toBeNull();
  });

  it('tells suspended steps from the top one', () => {
    expect(isSuspended(stack, { flow: 'transfer', step: 'confirm' })).toBe(true);
    expect(isSuspended(stack, { flow: 'sure', step: '@0' })).toBe(false);
  });

  it('keeps schedules and the timers of frames on the stack', () => {
    const t = (flow: string, step: string, kind: TimerData['kind']): TimerData => ({ flow, step, kind, timerId: `${flow}.${step}`, dueAt: 1 });
    const timers = [t('transfer', 'confirm', 'remind'), t('gone', 'x', 'wait'), t('any', 'y', 'schedule')];
    expect(liveTimers(timers, stack).map((x) => x.timerId)).toEqual(['transfer.confirm', 'any.y']);
    expect(liveTimers(timers, []).map((x) => x.timerId)).toEqual(['any.y']);
  });
});
