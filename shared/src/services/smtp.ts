import { onAFreePort } from './free-port';
import { provideService, type ProviderOptions, type ProvidedService, type RunningService } from './provider';

/** A message as the SMTP server received it. */
export interface CaughtMail {
  readonly from: string;
  readonly to: readonly string[];
  readonly subject: string;
  readonly text: string;
}

/** An SMTP server for tests that can tell what was sent to it. */
export interface MailCatcher extends ProvidedService {
  messages(): Promise<CaughtMail[]>;
}

interface CatcherService extends RunningService {
  messages(): Promise<CaughtMail[]>;
}

const HOW_TO_PROVIDE = [
  'Provide an SMTP server that can be read back in one of these ways:',
  '  - set SMTP_URL (e.g. smtp://127.0.0.1:1025) and MAILPIT_URL (its HTTP API, e.g. http://127.0.0.1:8025) of a Mailpit',
  '  - start a Docker engine, so that testcontainers can run axllent/mailpit',
  '  - otherwise an in-process SMTP server (smtp-server) is used; it needs nothing but a free port',
].join('\n');

export async function startMailCatcher(options: ProviderOptions = {}): Promise<MailCatcher> {
  const env = options.env ?? process.env;
  let catcher: CatcherService | undefined;
  const remember = async (start: () => Promise<CatcherService>): Promise<RunningService> =>
    (catcher = await start());
  const provided = await provideService(
    {
      name: 'SMTP',
      envVar: 'SMTP_URL',
      container: () => remember(startMailpitContainer),
      embedded: () => remember(startInProcessSmtp),
      howToProvide: HOW_TO_PROVIDE,
    },
    options,
  );
  if (provided.origin === 'environment') {
    const api = env.MAILPIT_URL;
    if (!api)
      throw new Error(
        `SMTP_URL is set but MAILPIT_URL is not, so sent mail cannot be read back.\n${HOW_TO_PROVIDE}`,
      );
    return { ...provided, messages: () => mailpitMessages(api) };
  }
  const started = catcher as CatcherService;
  return { ...provided, messages: () => started.messages() };
}

/**
 * smtp-server in this process; messages parsed with mailparser and kept in memory. Both are loaded when
 * first needed: every test file that imports `shared` would otherwise load them (and jest loads a file's
 * modules afresh for each file), most of them to send no mail at all.
 */
async function startInProcessSmtp(): Promise<CatcherService> {
  const { SMTPServer } = await import('smtp-server');
  const received: CaughtMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      import('mailparser')
        .then(({ simpleParser }) => simpleParser(stream))
        .then((parsed) => {
          received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
          });
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  const port = await onAFreePort(
    (candidate) =>
      new Promise<number>((resolve, reject) => {
        server.once('error', reject);
        server.listen(candidate, '127.0.0.1', () => resolve(candidate));
      }),
  );
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages: async () => [...received],
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function startMailpitContainer(): Promise<CatcherService> {
  const { GenericContainer, Wait } = await import('testcontainers');
  const container = await new GenericContainer('axllent/mailpit:latest')
    .withExposedPorts(1025, 8025)
    .withWaitStrategy(Wait.forHttp('/livez', 8025))
    .start();
  const host = container.getHost();
  const api = `http://${host}:${container.getMappedPort(8025)}`;
  return {
    url: `smtp://${host}:${container.getMappedPort(1025)}`,
    messages: () => mailpitMessages(api),
    stop: async () => {
      await container.stop();
    },
  };
}

interface MailpitAddress {
  Address: string;
}
interface MailpitSummary {
  ID: string;
}
interface MailpitMessage {
  From: MailpitAddress;
  To: MailpitAddress[];
  Subject: string;
  Text: string;
}

async function mailpitMessages(api: string): Promise<CaughtMail[]> {
  const list = (await (await fetch(`${api}/api/v1/messages`)).json()) as { messages: MailpitSummary[] };
  return Promise.all(
    list.messages.map(async ({ ID }) => {
      const message = (await (await fetch(`${api}/api/v1/message/${ID}`)).json()) as MailpitMessage;
      return {
        from: message.From.Address,
        to: message.To.map((to) => to.Address),
        subject: message.Subject,
        text: message.Text,
      };
    }),
  );
}
