/**
 * The OpenAPI paths of the authoring API (mount-reload-api.ts), merged into the document the
 * send API serves at /api/v1/openapi.json.
 */
const error = { content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } } as const;

const reloadResult = {
  type: 'object',
  required: ['ok', 'dryRun', 'reason', 'at', 'version', 'previous', 'errors', 'warnings', 'report', 'diagnostics', 'ms'],
  properties: {
    ok: { type: 'boolean', description: 'False when the flows have errors: refused, the running version keeps serving' },
    dryRun: { type: 'boolean' },
    reason: { type: 'string' },
    at: { type: 'integer', description: 'ms since the epoch' },
    version: { type: 'string', description: 'The bot version serving after this reload' },
    previous: { type: 'string' },
    candidate: { type: 'string', description: "The new flows' version, when they validated" },
    unchanged: { type: 'boolean' },
    errors: { type: 'integer' },
    warnings: { type: 'integer' },
    report: { type: 'string', description: 'The diagnostics as `parley validate` prints them' },
    diagnostics: { type: 'array', items: { type: 'object', required: ['code', 'severity', 'message', 'file', 'line', 'col'] } },
    impact: {
      type: 'object',
      description: 'Live conversations against the new version',
      required: ['conversations', 'moving', 'pinned', 'steps'],
      properties: {
        conversations: { type: 'integer' },
        moving: { type: 'integer' },
        pinned: { type: 'integer' },
        steps: { type: 'array', items: { type: 'object', required: ['step', 'change', 'waiting'] } },
      },
    },
    ms: { type: 'number' },
  },
} as const;

/** The paths, by route. */
export const reloadApiPaths = {
  '/api/v1/reload': {
    post: {
      summary: 'Reload the flows folder (with dry_run=1: validate, compile and count the live conversations a switch would affect, switching nothing)',
      parameters: [{ name: 'dry_run', in: 'query', required: false, schema: { type: 'string', enum: ['1', 'true', 'yes'] } }],
      responses: {
        '200': { description: 'Switched, unchanged, or (dry run) what a switch would do', content: { 'application/json': { schema: reloadResult } } },
        '401': { description: 'Missing or wrong token', ...error },
        '422': { description: 'The flows have errors; the running version keeps serving', content: { 'application/json': { schema: reloadResult } } },
      },
    },
    get: {
      summary: "The last reload's result",
      responses: {
        '200': { description: 'The last reload', content: { 'application/json': { schema: reloadResult } } },
        '401': { description: 'Missing or wrong token', ...error },
        '404': { description: 'No reload since the server started', ...error },
      },
    },
  },
  '/api/v1/conversations/{key}/transcript': {
    get: {
      summary: "A conversation's recorded turns, oldest first (the newest `limit`, at most 1000)",
      parameters: [
        { name: 'key', in: 'path', required: true, schema: { type: 'string' }, description: '<platform>:<conversation id>, e.g. telegram:12345' },
        { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 1000, default: 1000 } },
      ],
      responses: {
        '200': {
          description: 'The turns: input (redacted where a flow marked it sensitive), replies, bot version, where the conversation waited before and after',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['conversation', 'turns'],
                properties: {
                  conversation: { type: 'string' },
                  turns: { type: 'array', items: { type: 'object', required: ['key', 'at', 'version', 'input', 'replies', 'from', 'to'] } },
                },
              },
            },
          },
        },
        '401': { description: 'Missing or wrong token', ...error },
        '404': { description: 'No such conversation', ...error },
      },
    },
  },
} as const;
