import { recipientsOf, type SmtpSink } from '../dev/smtp-sink.ts';

/** Messages beyond the first per recipient: each load document has its own recipient. */
export function duplicateEmails(sink: SmtpSink): number {
  return sink.messages.length - new Set(sink.messages.map(recipientsOf)).size;
}
