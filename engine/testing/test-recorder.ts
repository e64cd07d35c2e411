/**
 * Records a chat session as a conversation test: each input becomes a turn whose
 * expectations are the replies that followed it (`parley chat --record`).
 */
import { existsSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument, stringify } from 'yaml';
import type { OutboundMessage } from '../types.js';
import { messageText } from './expect-turn.js';
import type { FlowTest, TestTurn } from './flow-test-types.js';

/** The schema line every written test file starts with (editor completion). */
export function schemaLine(schemaPath: string): string {
  return `# yaml-language-server: $schema=${schemaPath}`;
}

/**
 * The schema a test file at `file` should name, relative to it: the project's
 * schemas/flow-test.schema.json when run in a project, else the one shipped with Parley.
 */
export function schemaPathFor(file: string): string {
  const local = resolve('schemas/flow-test.schema.json');
  const target = existsSync(local) ? local : fileURLToPath(new URL('../../schemas/flow-test.schema.json', import.meta.url));
  return relative(dirname(resolve(file)), target).split('\\').join('/');
}

/** Collects turns; `toText` writes them as a test file (or appends to one). */
export class TestRecorder {
  private readonly turns: TestTurn[] = [];

  constructor(private readonly name: string, private readonly given: FlowTest['given'] = undefined) {}

  /** A new turn with this input (`{ user: 'hi' }`, `{ press: 'pool' }`, `{ wait: '30s' }`, …). */
  input(input: TestTurn): void {
    this.turns.push({ ...input });
  }

  /** Replies of the current turn. */
  output(messages: readonly OutboundMessage[]): void {
    const turn = this.turns[this.turns.length - 1];
    if (!turn) return;
    const texts = messages.map(messageText).filter((t): t is string => t !== undefined);
    const all = [...(typeof turn.bot === 'string' ? [turn.bot] : (turn.bot ?? [])), ...texts];
    const options = [...(turn.options ?? []), ...messages.flatMap((m) => (m.kind === 'options' ? m.options.map((o) => o.title) : []))];
    if (all.length > 0) {
      turn.bot = all.length === 1 ? all[0] : all;
      delete turn.silent;
    } else turn.silent = true;
    if (options.length > 0) turn.options = options;
  }

  /** How many turns were recorded. */
  get size(): number {
    return this.turns.length;
  }

  /** The test as data. */
  test(): FlowTest {
    return { name: this.name, ...(this.given ? { given: this.given } : {}), turns: this.turns };
  }

  /** A test file with this test, appended to `existing` when given (its comments are kept). */
  toText(existing: string | undefined, schemaPath: string): string {
    if (existing && existing.trim() !== '') {
      const doc = parseDocument(existing);
      doc.addIn(['tests'], doc.createNode(this.test()));
      return doc.toString({ lineWidth: 0 });
    }
    return `${schemaLine(schemaPath)}\n${stringify({ version: 1, tests: [this.test()] }, { lineWidth: 0 })}`;
  }
}
