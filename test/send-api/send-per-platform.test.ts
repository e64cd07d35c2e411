/**
 * POST /api/v1/messages on each platform over real HTTP: the stand-in receives the platform's
 * exact request, the signed callback reports the platform's message ids, and GET
 * /api/v1/tasks/:id says the same.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordedRequest, RecordingServer } from '../support/stand-ins/recording-server.js';
import { expectedSignature } from './callback-receiver.js';
import {
  CALLBACK_SECRET,
  sends,
  type StandIns,
  startSendApiServer,
  type SendApiServer,
} from './send-api-harness.js';

type Body = Record<string, any>;

/** How to read one platform's send requests. */
interface PlatformCase {
  platform: keyof StandIns;
  to: () => string;
  /** Whether a recorded send went to `to`. */
  isFor(body: Body, to: string): boolean;
  /** The exact body of a plain text send. */
  textBody(to: string, text: string): Body;
  /** The native buttons of an options send, as { id, title }. */
  buttons(body: Body): { id: string; title: string }[];
  /** The text shown with the buttons. */
  prompt(body: Body): string;
  /** The message id the stand-in answered to its n-th send (1-based). */
  idOf(n: number): string;
}

let seq = 0;
const unique = () => `${Date.now() % 1_000_000}${++seq}`;

const cases: PlatformCase[] = [
  {
    platform: 'telegram',
    to: () => String(700_000 + Number(unique()) % 100_000_000),
    isFor: (b, to) => b.chat_id === Number(to),
    textBody: (to, text) => ({ chat_id: Number(to), text }),
    buttons: (b) => b.reply_markup.inline_keyboard.flat().map((k: Body) => ({ id: k.callback_data, title: k.text })),
    prompt: (b) => b.text,
    idOf: (n) => String(5000 + n),
  },
  {
    platform: 'whatsapp',
    to: () => `4477009${unique()}`,
    isFor: (b, to) => b.to === to,
    textBody: (to, text) => ({ messaging_product: 'whatsapp', recipient_type: 'individual', to, type: 'text', text: { body: text, preview_url: false } }),
    buttons: (b) => b.interactive.action.buttons.map((x: Body) => x.reply),
    prompt: (b) => b.interactive.body.text,
    idOf: (n) => `wamid.STANDIN${String(n).padStart(6, '0')}`,
  },
  {
    platform: 'viber',
    to: () => `vb${unique()}==`,
    isFor: (b, to) => b.receiver === to,
    textBody: (to, text) => ({ receiver: to, min_api_version: 1, sender: { name: 'Parley' }, tracking_data: '', type: 'text', text }),
    buttons: (b) => b.keyboard.Buttons.map((x: Body) => ({ id: x.ActionBody, title: x.Text })),
    prompt: (b) => b.text,
    // Above 2^53: the id must come through as the exact integer Viber wrote.
    idOf: (n) => (5_491_270_987_643_400_000n + BigInt(n)).toString(),
  },
  {
    platform: 'messenger',
    to: () => `PSID${unique()}`,
    isFor: (b, to) => b.recipient?.id === to && b.message !== undefined,
    // Sent unasked, not in answer to the user: an UPDATE, not a RESPONSE (Meta's Send API policy).
    textBody: (to, text) => ({ recipient: { id: to }, messaging_type: 'UPDATE', message: { text } }),
    buttons: (b) => b.message.quick_replies.map((q: Body) => ({ id: q.payload, title: q.title })),
    prompt: (b) => b.message.text,
    idOf: (n) => `m_STANDIN${String(n).padStart(6, '0')}`,
  },
];

describe('POST /api/v1/messages on each platform (real HTTP)', () => {
  let t: SendApiServer;
  beforeAll(async () => {
    t = await startSendApiServer();
  });
  afterAll(async () => t?.stop());

  /** The stand-in's sends that carried a message (no read marks, no typing). */
  const messageSends = (stand: RecordingServer): RecordedRequest[] =>
    sends(stand).filter((r) => {
      const b = r.body as Body;
      return b.status !== 'read' && b.sender_action === undefined;
    });

  /** Sends through the API and waits for the accepted callback of the task. */
  const sendAndWait = async (body: Body) => {
    const accepted = await t.api.send({ ...body, callback_url: `${t.receiver.url}/hooks/parley` });
    expect(accepted.status).toBe(202);
    expect(accepted.json).toEqual({ task_id: expect.any(String) });
    const taskId = accepted.json.task_id as string;
    await t.receiver.waitFor(() => t.receiver.accepted(taskId).length > 0);
    return { taskId, callback: t.receiver.accepted(taskId)[0]! };
  };

  for (const c of cases) {
    describe(c.platform, () => {
      it('sends a text, then POSTs a signed "sent" callback with the platform message id', async () => {
        const to = c.to();
        const { taskId, callback } = await sendAndWait({ platform: c.platform, to, text: 'Tu reserva está confirmada.' });

        const stand = t.apis[c.platform];
        const mine = messageSends(stand).filter((r) => c.isFor(r.body as Body, to));
        expect(mine.map((r) => r.body)).toEqual([c.textBody(to, 'Tu reserva está confirmada.')]);
        const n = messageSends(stand).indexOf(mine[0]!) + 1;

        expect(callback.path).toBe('/hooks/parley');
        expect(callback.headers['content-type']).toContain('application/json');
        expect(callback.headers['x-parley-signature']).toBe(expectedSignature(callback.rawBody, CALLBACK_SECRET));
        expect(callback.body).toEqual({ task_id: taskId, status: 'sent', platform: c.platform, to, message_ids: [c.idOf(n)] });

        const task = await t.api.task(taskId);
        expect(task.status).toBe(200);
        expect(task.json).toEqual(callback.body);
      });

      it('renders options as the platform\'s native buttons', async () => {
        const to = c.to();
        const options = [
          { id: 'confirm', title: 'Confirmar' },
          { id: 'cancel', title: 'Cancelar' },
        ];
        const { taskId, callback } = await sendAndWait({ platform: c.platform, to, text: '¿Confirmas la reserva?', options });

        const mine = messageSends(t.apis[c.platform]).filter((r) => c.isFor(r.body as Body, to));
        expect(mine).toHaveLength(1);
        expect(c.prompt(mine[0]!.body as Body)).toBe('¿Confirmas la reserva?');
        expect(c.buttons(mine[0]!.body as Body)).toEqual(options);
        expect(callback.body).toMatchObject({ task_id: taskId, status: 'sent', message_ids: [expect.any(String)] });
      });
    });
  }

  it('sends media and its text as one task that is "sent" once both are delivered', async () => {
    const to = cases[1]!.to();
    const { callback } = await sendAndWait({
      platform: 'whatsapp',
      to,
      text: 'El plano del club:',
      media: { type: 'image', url: 'https://example.com/plano.png', caption: 'Planta baja' },
    });
    const mine = messageSends(t.apis.whatsapp).filter((r) => (r.body as Body).to === to);
    expect(mine.map((r) => (r.body as Body).type)).toEqual(['text', 'image']);
    expect((mine[1]!.body as Body).image).toEqual({ link: 'https://example.com/plano.png', caption: 'Planta baja' });
    expect((callback.body as Body).message_ids).toHaveLength(2);
  });
});
