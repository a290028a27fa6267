import { bootstrap } from 'ch13-di/src/bootstrap';
import * as commands from 'ch13-di/src/domain/commands';
import { type Post, WebhookNotifications } from '../../src/adapters/webhook-notifications';
import { dropPublished, FakeUnitOfWork } from '../fakes';

/** A fake `fetch`: remembers each request and answers with `status`. */
function fakePost(
  status = 200,
): Post & { requests: { url: string; headers: Record<string, string>; body: unknown }[] } {
  const requests: { url: string; headers: Record<string, string>; body: unknown }[] = [];
  const post: Post = async (url, init) => {
    requests.push({ url, headers: init.headers, body: JSON.parse(init.body) });
    return { ok: status < 300, status };
  };
  return Object.assign(post, { requests });
}

it('sends a notification as JSON to the webhook', async () => {
  const post = fakePost();
  await new WebhookNotifications('https://chat.example.com/hooks/stock', post).send(
    'stock@made.com',
    'hello',
  );
  expect(post.requests.map(({ url, body }) => ({ url, body }))).toEqual([
    { url: 'https://chat.example.com/hooks/stock', body: { to: 'stock@made.com', text: 'hello' } },
  ]);
  expect(post.requests[0]?.headers['content-type']).toBe('application/json');
});

it('a refusal from the webhook is an error', async () => {
  const notifications = new WebhookNotifications('https://chat.example.com/hooks/stock', fakePost(500));
  await expect(notifications.send('stock@made.com', 'hello')).rejects.toThrow('500');
});

it('bootstrap with the webhook sends out of stock to it', async () => {
  const post = fakePost();
  const bus = bootstrap({
    uow: new FakeUnitOfWork(),
    notifications: new WebhookNotifications('https://chat.example.com/hooks/stock', post),
    publish: dropPublished,
  });
  await bus.handle(new commands.CreateBatch('b1', 'POPULAR-CURTAINS', 9, null));
  await bus.handle(new commands.Allocate('o1', 'POPULAR-CURTAINS', 10));
  expect(post.requests.map((request) => request.body)).toEqual([
    { to: 'stock@made.com', text: 'Out of stock for POPULAR-CURTAINS' },
  ]);
});
