import { viberAdapter } from '../../../adapters/viber/index.js';
import { describeParseProperties } from '../../support/properties/describe-parse-properties.js';

describeParseProperties('viberAdapter', viberAdapter);
