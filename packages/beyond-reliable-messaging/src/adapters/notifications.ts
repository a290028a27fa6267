import { createTransport, type Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import pino from 'pino';
import { getLogLevel } from '../config';

export abstract class AbstractNotifications {
  abstract send(destination: string, message: string): Promise<void>;

  /** Lets go of what the notifications hold (an SMTP connection), at shutdown. */
  close(): void {}
}

/** Email over SMTP, e.g. `new EmailNotifications('smtp://127.0.0.1:1025')`. */
export class EmailNotifications extends AbstractNotifications {
  private readonly transport: Transporter;

  constructor(smtpUrl: string) {
    super();
    // nodemailer would wait minutes for a slow server, and a handler of the request is waiting
    const timeouts = { connectionTimeout: 5000, greetingTimeout: 5000, socketTimeout: 5000 };
    this.transport = createTransport({ url: smtpUrl, ...timeouts } as SMTPTransport.Options);
  }

  async send(destination: string, message: string): Promise<void> {
    await this.transport.sendMail({
      from: 'allocations@example.com',
      to: destination,
      subject: 'allocation service notification',
      text: message,
    });
  }

  override close(): void {
    this.transport.close();
  }
}

/** Where no SMTP server is configured: says what it would have sent, as the book's email stub did. */
export class LogNotifications extends AbstractNotifications {
  private readonly logger = pino({ name: 'notifications', level: getLogLevel() });

  async send(destination: string, message: string): Promise<void> {
    this.logger.info({ destination, message }, 'SENDING EMAIL (no SMTP_URL set, so only logged)');
  }
}
