/**
 * The WhatsApp and Messenger configs the adapter tests share, so the send and verify tests of
 * a platform sign, verify and send with one set of secrets (the Meta test vectors are signed
 * with `test_app_secret`).
 */
import type { MessengerConfig } from '../../../adapters/messenger/config.js';
import type { WhatsappConfig } from '../../../adapters/whatsapp/config.js';

/** WhatsApp Cloud API config: phone number 112233445566778, verify token `wa-verify`. */
export const whatsappConfig: WhatsappConfig = {
  token: 'EAAG-token',
  appSecret: 'test_app_secret',
  verifyToken: 'wa-verify',
  phoneNumberId: '112233445566778',
  apiUrl: 'https://graph.facebook.com/v21.0',
};

/** Messenger config: page token `EAAP-page-token`, verify token `fb-verify`. */
export const messengerConfig: MessengerConfig = {
  pageToken: 'EAAP-page-token',
  appSecret: 'test_app_secret',
  verifyToken: 'fb-verify',
  apiUrl: 'https://graph.facebook.com/v21.0',
};
