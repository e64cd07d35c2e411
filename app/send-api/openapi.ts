/**
 * The send API's OpenAPI 3.1 document. The request schema in it is also what the server
 * validates bodies with, so the document cannot drift from the behaviour.
 */
import { reloadApiPaths } from '../reload/reload-openapi.js';

/**
 * Length limits of the send API (characters). `to` is far above any platform's user id
 * (Telegram chat ids and wa_ids are at most ~20); a URL of 2,048 is what browsers and the
 * platforms' media fetchers accept. Bodies over PARLEY_BODY_LIMIT (1 MB) are refused with 413.
 */
export const SEND_LIMITS = { platform: 64, to: 128, text: 4096, optionTitle: 256, url: 2048, caption: 1024, flow: 128 } as const;

// Only http(s) parses; https is required unless PARLEY_OUTBOUND_ALLOW lists the host, and the
// address must be public (checked by the server, since the schema cannot know the allow-list).
const url = (description: string) =>
  ({ type: 'string', format: 'uri', pattern: '^https?://', maxLength: SEND_LIMITS.url, description }) as const;
const HTTPS_RULE =
  'https only, and not an address of the server\'s own network (loopback, private, link-local, metadata), unless PARLEY_OUTBOUND_ALLOW lists the host';

/** JSON Schema of POST /api/v1/messages. */
export const sendRequestSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['platform', 'to'],
  properties: {
    platform: { type: 'string', maxLength: SEND_LIMITS.platform, description: 'telegram, whatsapp, viber or messenger', examples: ['telegram'] },
    to: { type: 'string', minLength: 1, maxLength: SEND_LIMITS.to, description: "The user's id on that platform (chat id, wa_id, Viber id, PSID)." },
    text: { type: 'string', minLength: 1, maxLength: SEND_LIMITS.text, description: 'Text to send (the prompt, when options are given).' },
    options: {
      type: 'array',
      minItems: 1,
      maxItems: 100,
      description:
        'Choices rendered as native buttons; a press arrives as an option event with its id. ' +
        'A plain string is both the id and the title.',
      items: {
        oneOf: [
          { type: 'string', minLength: 1, maxLength: 64 },
          {
            type: 'object',
            additionalProperties: false,
            required: ['id', 'title'],
            properties: { id: { type: 'string', minLength: 1, maxLength: 64 }, title: { type: 'string', minLength: 1, maxLength: SEND_LIMITS.optionTitle } },
          },
        ],
      },
    },
    media: {
      description: `A picture, video, audio, file or sticker by URL; a plain URL string is sent as an image. The URL: ${HTTPS_RULE}.`,
      oneOf: [
        url('The media URL.'),
        {
          type: 'object',
          additionalProperties: false,
          required: ['url'],
          properties: {
            type: { enum: ['image', 'video', 'audio', 'file', 'sticker'], default: 'image' },
            url: url('The media URL.'),
            caption: { type: 'string', maxLength: SEND_LIMITS.caption },
          },
        },
      ],
    },
    flow: { type: 'string', maxLength: SEND_LIMITS.flow, description: 'Starts this flow for the user instead of (or after) sending a message.' },
    vars: {
      type: 'object',
      maxProperties: 50,
      propertyNames: { pattern: '^[A-Za-z_][A-Za-z0-9_]*$' },
      description: 'Variables the started flow reads as `{{ name }}` (only with `flow`); the flow lists them in its `params:`.',
    },
    // Only http(s): any other scheme would be accepted, then fail on every retry of the callback.
    callback_url: url(`Receives the task result as a signed POST. ${HTTPS_RULE}.`),
  },
} as const;

// Closed shapes, so a field that leaks out of the stored task shows up as a contract change.
const taskResult = {
  type: 'object',
  additionalProperties: false,
  required: ['task_id', 'status', 'platform', 'to'],
  properties: {
    task_id: { type: 'string' },
    status: { enum: ['queued', 'sent', 'failed'] },
    platform: { type: 'string' },
    to: { type: 'string' },
    message_ids: { type: 'array', items: { type: 'string' } },
    error: { type: 'string' },
  },
} as const;

const deadLetters = {
  type: 'object',
  additionalProperties: false,
  required: ['dead_letters'],
  properties: {
    dead_letters: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['platform', 'reason', 'at'],
        properties: { platform: { type: 'string' }, reason: { type: 'string' }, at: { type: 'integer' }, event_id: { type: 'string' } },
      },
    },
  },
} as const;

const errorBody = {
  type: 'object',
  additionalProperties: false,
  required: ['error'],
  properties: { error: { type: 'string' }, details: { type: 'array', items: { type: 'string' } } },
} as const;

/** The whole document, served at /api/v1/openapi.json. */
export const openApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'Parley send API',
    version: '1.0.0',
    description:
      'Send a message or start a flow for a user. Results are reported to callback_url, signed with ' +
      'X-Parley-Signature: sha256=<hex HMAC-SHA256 of the body with PARLEY_CALLBACK_SECRET (default: the API token)>.',
  },
  components: {
    securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
    schemas: { SendRequest: sendRequestSchema, TaskResult: taskResult, Error: errorBody, DeadLetters: deadLetters },
  },
  security: [{ bearer: [] }],
  paths: {
    '/api/v1/messages': {
      post: {
        summary: 'Send a message or start a flow',
        requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/SendRequest' } } } },
        responses: {
          '202': {
            description: 'Accepted; delivery happens in the background.',
            content: {
              'application/json': {
                schema: { type: 'object', additionalProperties: false, required: ['task_id'], properties: { task_id: { type: 'string' } } },
              },
            },
          },
          '400': {
            description: 'Invalid body: not JSON, against the schema (lengths included), an unknown platform, or a callback or media URL the outbound guard refuses',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
          },
          '401': { description: 'Missing or wrong token', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
          '413': { description: 'Body larger than PARLEY_BODY_LIMIT (1 MB)', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
        },
      },
    },
    '/api/v1/tasks/{id}': {
      get: {
        summary: 'A task and its result',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: {
          '200': { description: 'The task', content: { 'application/json': { schema: { $ref: '#/components/schemas/TaskResult' } } } },
          '401': { description: 'Missing or wrong token', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
          '404': { description: 'No such task', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
        },
      },
    },
    '/api/v1/dead-letters': {
      get: {
        summary: 'Webhook items that were skipped as unreadable, newest first (where and why, never their content)',
        parameters: [{ name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 1000, default: 100 } }],
        responses: {
          '200': {
            description: 'The newest dead letters',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/DeadLetters' } } },
          },
          '401': { description: 'Missing or wrong token', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
        },
      },
    },
    ...reloadApiPaths,
  },
} as const;
