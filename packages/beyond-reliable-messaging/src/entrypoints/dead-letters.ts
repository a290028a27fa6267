import { Redis } from 'ioredis';
import { getRedisUri } from '../config';
import { listDeadLetters, replayDeadLetters } from './dead-letter-stream';

const STREAM = 'change_batch_quantity';

/**
 * `pnpm dead-letters` lists the messages of change_batch_quantity that went to its dead letters, with
 * why; `pnpm dead-letters replay [entry …]` puts them (all, or those named) back on the stream.
 */
async function main([command = 'list', ...entries]: string[]): Promise<void> {
  const redisUrl = getRedisUri();
  if (redisUrl === undefined) throw new Error("set REDIS_URL: the app's Redis");
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1, connectTimeout: 5_000 });
  try {
    if (command === 'list') {
      for (const letter of await listDeadLetters(redis, STREAM))
        process.stdout.write(
          `${letter.entry}  ${letter.deliveries} deliveries  ${letter.reason}\n    ${letter.data ?? '(no data)'}\n`,
        );
    } else if (command === 'replay') {
      const replayed = await replayDeadLetters(redis, STREAM, entries.length > 0 ? entries : undefined);
      process.stdout.write(`${replayed.length} dead letters put back on ${STREAM}\n`);
    } else throw new Error('usage: pnpm dead-letters [list | replay [entry …]]');
  } finally {
    redis.disconnect();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
