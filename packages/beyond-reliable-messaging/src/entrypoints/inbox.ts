import type { AbstractUnitOfWork } from '../service-layer/unit-of-work';

/** Whether the inbox holds this message id: its effect is committed, and delivering it again changes nothing. */
export async function alreadyHandled(messageId: string, uow: AbstractUnitOfWork): Promise<boolean> {
  const found = await uow.run(() =>
    uow.session.execute<unknown[]>('SELECT 1 FROM inbox WHERE message_id = $1', [messageId]),
  );
  return found.length > 0;
}
