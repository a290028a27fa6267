import { AbstractNotifications } from 'ch13-di/src/adapters/notifications';

/** What the adapter needs of `fetch`: tests hand it a fake one. */
export type Post = (
  url: string,
  init: { method: 'POST'; headers: Record<string, string>; body: string },
) => Promise<{
  ok: boolean;
  status: number;
}>;

/**
 * Notifications to a chat room's incoming webhook: each one an HTTP POST of `{"to": …, "text": …}` as
 * JSON to the webhook's URL. Write `send`; nothing else in the app changes.
 */
export class WebhookNotifications extends AbstractNotifications {
  constructor(
    readonly webhookUrl: string,
    private readonly post: Post = fetch,
  ) {
    super();
  }

  async send(destination: string, message: string): Promise<void> {
    void [destination, message, this.post];
    throw new Error(
      'To do in src/adapters/webhook-notifications.ts: send() POSTs {"to": destination, "text": message} ' +
        'as JSON (content-type application/json) to this.webhookUrl, with this.post, and throws when the answer is not ok',
    );
  }
}
