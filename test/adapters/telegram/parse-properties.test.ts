import { telegramAdapter } from '../../../adapters/telegram/index.js';
import { describeParseProperties } from '../../support/properties/describe-parse-properties.js';

describeParseProperties('telegramAdapter', telegramAdapter);
