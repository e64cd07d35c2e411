import { whatsappAdapter } from '../../../adapters/whatsapp/index.js';
import { describeParseProperties } from '../../support/properties/describe-parse-properties.js';

describeParseProperties('whatsappAdapter', whatsappAdapter);
