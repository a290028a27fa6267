import { eventually, randomSku, startMailCatcher, type MailCatcher } from 'shared';
import { EmailNotifications } from '../../src/adapters/notifications';
import { bootstrap } from '../../src/bootstrap';
import * as commands from '../../src/domain/commands';
import type { MessageBus } from '../../src/service-layer/messagebus';
import { TypeOrmUnitOfWork } from '../../src/service-layer/unit-of-work';
import { useTestDatabase } from '../database';

const db = useTestDatabase();
let smtp: MailCatcher;
let notifications: EmailNotifications;
let bus: MessageBus;

beforeAll(async () => {
  smtp = await startMailCatcher();
  notifications = new EmailNotifications(smtp.url);
  bus = bootstrap({ uow: new TypeOrmUnitOfWork(db.dataSource), notifications, publish: async () => {} });
});

afterAll(async () => {
  notifications.close();
  await smtp.stop();
});

it('out of stock email', async () => {
  const sku = randomSku();
  await bus.handle(new commands.CreateBatch('batch1', sku, 9, null));
  await bus.handle(new commands.Allocate('order1', sku, 10));

  const email = await eventually(async () => {
    const found = (await smtp.messages()).find((message) => message.text.includes(sku));
    expect(found).toBeDefined();
    return found;
  });

  expect(email?.from).toBe('allocations@example.com');
  expect(email?.to).toEqual(['stock@made.com']);
  expect(email?.subject).toBe('allocation service notification');
  expect(email?.text).toContain(`Out of stock for ${sku}`);
});
