export { eventually, type EventuallyOptions } from './eventually';
export { meetingOf } from './meeting';
export { randomBatchref, randomOrderid, randomSku, randomSuffix } from './random-refs';
export { createTestDatabase, type TestDatabase } from './services/test-database';
export { startRedis } from './services/redis';
export { startMailCatcher, type CaughtMail, type MailCatcher } from './services/smtp';
export { startTcpProxy, type TcpProxy } from './services/tcp-proxy';
export type { ProvidedService, RunningService } from './services/provider';
