import { messengerAdapter } from '../../../adapters/messenger/index.js';
import { describeParseProperties } from '../../support/properties/describe-parse-properties.js';

describeParseProperties('messengerAdapter', messengerAdapter);
