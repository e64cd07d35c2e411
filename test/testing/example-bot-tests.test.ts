/**
 * The example bot's own conversation tests (flows/tests/*.test.yaml), run by `npm test`
 * through the exported vitest helper, rendered for each platform a test names.
 */
import { join } from 'node:path';
import { describeFlowTests } from '../../engine/testing/describe-flow-tests.js';
import { testPlatforms } from '../../app/cli/test-platforms.js';

const flows = join(import.meta.dirname, '..', '..', 'flows');

describeFlowTests({ title: 'example bot conversation tests', flows: [flows], platforms: testPlatforms() });
