/**
 * What the test loader reports about a malformed or wrong test file: the same shape as a
 * flow diagnostic (code, span, severity, fix), so `parley test` prints it like `parley validate`.
 */
import { ParleyError, type SourceSpan } from '../errors.js';

/** Every problem the test loader can report. */
export const TEST_ERROR_CODES = {
  TEST_FILE_UNREADABLE: 'A test path does not exist or cannot be read.',
  TEST_YAML_SYNTAX: 'The test file is not valid YAML.',
  TEST_SCHEMA: 'The test file does not follow schemas/flow-test.schema.json (unknown key, wrong type, missing key).',
  TEST_TURN_INPUT: 'A turn has no input (user, press, event, location, wait) or more than one.',
  TEST_UNKNOWN_FLOW: 'A test names a flow the bot does not have.',
  TEST_UNKNOWN_STEP: 'A test names a step its flow does not have, or `given.at` is not a waiting step.',
  TEST_UNKNOWN_OPTION: 'A `press:` names no option of any menu of the bot.',
  TEST_UNKNOWN_PLATFORM: 'A `given.user.platform` is not a known platform.',
  TEST_BAD_PATTERN: 'A `matches:` is not a valid regular expression.',
} as const;

/** The closed set of test loader codes. */
export type TestErrorCode = keyof typeof TEST_ERROR_CODES;

/** One problem in a test file, pointing at the YAML node at fault. */
export class TestDiagnostic extends ParleyError<TestErrorCode> {
  declare readonly span: SourceSpan;
  readonly severity = 'error' as const;
  readonly hint?: string;
  constructor(code: TestErrorCode, message: string, span: SourceSpan, hint?: string) {
    super(code, message, { span });
    this.hint = hint;
  }
}
