/**
 * "Save as test": a conversation of the studio written as a `*.test.yaml` that `parley test`
 * runs (flows/tests/studio.test.yaml by default; a new test is appended, comments kept). Each
 * turn's input becomes the turn, its replies the expectations (the recorder `parley chat
 * --record` uses); a fired timer becomes the `wait:` that makes it due on the fake clock.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { schemaPathFor, TestRecorder } from '../../engine/testing/test-recorder.js';
import type { TestTurn } from '../../engine/testing/flow-test-types.js';
import type { StudioConversation, StudioTurn } from './turn-log.js';
import { StudioActionError } from './studio-actions.js';

/** The test turn of one studio turn's input, or why it cannot be one. */
function testTurnOf(turn: StudioTurn, previousAt: number): TestTurn | string {
  const input = turn.input as Record<string, any>;
  switch (input.kind) {
    case 'text':
    case 'command':
      return { user: input.text };
    case 'option':
      return { press: input.title ?? input.optionId };
    case 'lifecycle':
      return { event: input.lifecycle };
    case 'location':
      return { location: { latitude: input.latitude, longitude: input.longitude, ...(input.name ? { name: input.name } : {}) } };
    case 'timer': {
      const due = turn.before.timers.find((t) => t.timerId === input.timerId)?.dueAt ?? previousAt;
      return { wait: `${Math.max(1, Math.ceil((due - previousAt) / 1000))}s` };
    }
    default:
      return `a ${input.kind} input has no test form yet`;
  }
}

/** Writes the conversation as a test; resolves with the file and the test's YAML. */
export async function saveAsTest(conv: StudioConversation, flowsDir: string, name: string): Promise<{ file: string; text: string }> {
  if (conv.turns.length === 0) throw new StudioActionError(409, 'the conversation has no turns yet');
  const first = conv.turns[0];
  const user = first.after.user ?? first.before.user;
  const at = first.before.waiting ? `${first.before.waiting.flow}.${first.before.waiting.step}` : undefined;
  const recorder = new TestRecorder(name, {
    user: { ...(user?.name ? { name: user.name } : {}), ...(user?.locale ? { locale: user.locale } : {}), platform: conv.platform },
    ...(at ? { at, vars: first.before.vars } : {}),
  });
  let previousAt = first.at;
  for (const turn of conv.turns) {
    const t = testTurnOf(turn, previousAt);
    if (typeof t === 'string') throw new StudioActionError(409, `turn #${turn.index + 1} cannot be written as a test: ${t}`);
    recorder.input(t);
    recorder.output(turn.replies);
    previousAt = turn.at;
  }
  const file = join(flowsDir, 'tests', 'studio.test.yaml');
  const existing = await readFile(file, 'utf8').catch(() => undefined);
  const text = recorder.toText(existing, schemaPathFor(file));
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, text);
  return { file, text };
}
