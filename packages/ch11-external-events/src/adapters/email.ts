/** The book's stub: it only says what it would send. Chapter 13 sends real email over SMTP. */
export function send(...args: string[]): void {
  process.stdout.write(`SENDING EMAIL: ${args.join(' ')}\n`);
}
