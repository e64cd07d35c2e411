/**
 * What an end-to-end test needs to know about one platform: how to start its API stand-in,
 * which env turns it on, how a user's message or button press arrives as a signed webhook,
 * and how to read the bot's replies back out of the requests the stand-in recorded.
 */
import type { RecordedRequest, RecordingServer } from '../support/stand-ins/recording-server.js';

/** A signed webhook: headers and the exact body text. */
export interface SignedWebhook {
  headers: Record<string, string>;
  body: string;
}

/** A reply as a user would see it. */
export interface SeenReply {
  text: string;
  /** Button titles, when the message offered choices. */
  options?: { id: string; title: string }[];
}

/** One platform, for the shared scenario. */
export interface PlatformDriver {
  name: string;
  startApi(): Promise<RecordingServer>;
  env(apiUrl: string): Record<string, string>;
  text(user: string, text: string): SignedWebhook;
  press(user: string, option: { id: string; title: string }): SignedWebhook;
  /** Whether the platform tells the bot the user's name. */
  givesName: boolean;
  /** The platform's way of starting a conversation with a named user. */
  welcome(user: string, name: string): SignedWebhook;
  /** The bot's replies to `user`, in order, read from the stand-in's requests. */
  replies(requests: RecordedRequest[], user: string): SeenReply[];
  /** Any body text, signed correctly. */
  sign(body: string): SignedWebhook;
  /** The same webhook body with a wrong signature. */
  forge(hook: SignedWebhook): SignedWebhook;
}
