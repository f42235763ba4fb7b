/** The deliver tests use the project's one SMTP sink (also the demo's). */
export { startSmtpSink, type SmtpSink } from '../../../scripts/dev/smtp-sink.ts';
