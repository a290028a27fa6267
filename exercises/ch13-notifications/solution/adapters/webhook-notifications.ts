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
 * JSON to the webhook's URL. Nothing else in the app changes: `bootstrap({ notifications })` takes it.
 */
export class WebhookNotifications extends AbstractNotifications {
  constructor(
    readonly webhookUrl: string,
    private readonly post: Post = fetch,
  ) {
    super();
  }

  async send(destination: string, message: string): Promise<void> {
    const answer = await this.post(this.webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ to: destination, text: message }),
    });
    // the message bus retries a failing event handler, then logs it: a refusal must not pass for success
    if (!answer.ok) throw new Error(`the webhook answered ${answer.status}`);
  }
}
