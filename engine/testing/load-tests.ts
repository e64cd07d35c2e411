/**
 * Loads conversation test files: finds `*.test.yaml` under the given paths, parses them
 * keeping positions, validates them against schemas/flow-test.schema.json, and checks every
 * flow, step and option they name against the bot, so a wrong test is refused before it runs.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ValidateFunction } from 'ajv';
import testSchema from '../../schemas/flow-test.schema.json' with { type: 'json' };
import { createSchemaAjv } from '../flow/schema-validators.js';
import { mapSchemaErrors } from '../flow/map-schema-errors.js';
import { parseSource, spanAt, spanOfRange, type ParsedSource } from '../flow/parsed-source.js';
import type { Bot } from '../flow/flow-types.js';
import { TestDiagnostic } from './test-diagnostic.js';
import { checkTestRefs } from './check-test-refs.js';
import type { FlowTestFile, LocatedTest } from './flow-test-types.js';


/** The test file suffix; flow loading skips these files. */
export const TEST_FILE = /\.test\.ya?ml$/i;

/** The tests found and every problem with them. */
export interface LoadedTests {
  tests: LocatedTest[];
  diagnostics: TestDiagnostic[];
  files: string[];
  /** Source text by file, for code frames. */
  texts: Map<string, string>;
}

/** What the reference checks need besides the bot. */
export interface TestCheckOptions {
  /** Known platform ids for `given.user.platform`; unchecked when absent. */
  platforms?: string[];
}

let validator: ValidateFunction | undefined;

/** The JSON Schema of test files as a plain object. */
export const FLOW_TEST_SCHEMA: Record<string, unknown> = testSchema;

function validate(): ValidateFunction {
  validator ??= createSchemaAjv().compile(FLOW_TEST_SCHEMA);
  return validator;
}

/** Test files under a path: the file itself, or every `*.test.yaml` below a folder. */
async function testFilesOf(path: string): Promise<string[]> {
  const info = await stat(path);
  if (!info.isDirectory()) return [path];
  const out: string[] = [];
  for (const entry of (await readdir(path, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = join(path, entry.name);
    if (entry.isDirectory() && entry.name !== 'node_modules' && !entry.name.startsWith('.')) out.push(...(await testFilesOf(full)));
    else if (entry.isFile() && TEST_FILE.test(entry.name)) out.push(full);
  }
  return out;
}

/** Reads the test files of folders and files. */
export async function readTestSources(paths: string[]): Promise<{ sources: { file: string; text: string }[]; diagnostics: TestDiagnostic[] }> {
  const sources: { file: string; text: string }[] = [];
  const diagnostics: TestDiagnostic[] = [];
  for (const path of paths) {
    try {
      for (const file of await testFilesOf(path)) sources.push({ file, text: await readFile(file, 'utf8') });
    } catch (err) {
      const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : `cannot be read (${(err as Error).message})`;
      diagnostics.push(new TestDiagnostic('TEST_FILE_UNREADABLE', `${path} ${reason}; pass a folder with *.test.yaml files or one test file.`, { file: path, line: 1, col: 1 }));
    }
  }
  return { sources, diagnostics };
}

/** An unclosed quote is reported where the file ends; the opening quote is where to look (as for flows). */
function quoteStart(text: string, message: string, pos: number): number {
  const quote = /^Missing closing (["'])quote/.exec(message)?.[1];
  const open = quote ? text.lastIndexOf(quote, Math.max(0, pos - 1)) : -1;
  return open >= 0 ? open : pos;
}

/** Parses and checks one test file's text against the bot. */
export function loadTestSource(file: string, text: string, bot: Bot, options: TestCheckOptions = {}): { tests: LocatedTest[]; diagnostics: TestDiagnostic[] } {
  const src = parseSource(file, text);
  if (src.doc.errors.length > 0) {
    return {
      tests: [],
      diagnostics: src.doc.errors.map((e) => new TestDiagnostic(
        'TEST_YAML_SYNTAX',
        `${e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '').replace(/\.$/, '')}; check the indentation and quoting around it.`,
        spanOfRange(src, quoteStart(text, e.message, e.pos[0]), e.pos[1]),
      )),
    };
  }
  const check = validate();
  if (!check(src.data)) {
    const diagnostics = mapSchemaErrors(src, check.errors ?? []).map((d) => new TestDiagnostic('TEST_SCHEMA', d.message, d.span, d.hint));
    return { tests: [], diagnostics };
  }
  const data = src.data as FlowTestFile;
  const tests = data.tests.map((t, i) => locate(src, t, i));
  return { tests, diagnostics: checkTestRefs(src, tests, bot, options) };
}

function locate(src: ParsedSource, test: LocatedTest | FlowTestFile['tests'][number], i: number): LocatedTest {
  return {
    ...test,
    file: src.file,
    index: i,
    span: spanAt(src, ['tests', i, 'name']),
    turnSpans: test.turns.map((_, j) => spanAt(src, ['tests', i, 'turns', j])),
    keySpans: test.turns.map((turn, j) => Object.fromEntries(Object.keys(turn).map((k) => [k, spanAt(src, ['tests', i, 'turns', j, k])]))),
  };
}

/** Finds, parses and checks every test file under `paths`. */
export async function loadTests(paths: string[], bot: Bot, options: TestCheckOptions = {}): Promise<LoadedTests> {
  const { sources, diagnostics } = await readTestSources(paths);
  const tests: LocatedTest[] = [];
  const texts = new Map<string, string>();
  for (const s of sources) {
    texts.set(s.file, s.text);
    const loaded = loadTestSource(s.file, s.text, bot, options);
    tests.push(...loaded.tests);
    diagnostics.push(...loaded.diagnostics);
  }
  return { tests, diagnostics, files: sources.map((s) => s.file), texts };
}
