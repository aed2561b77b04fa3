import nodemailer from 'nodemailer';

export interface OutgoingMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
}

export type SendMail = (message: OutgoingMessage) => Promise<void>;

/**
 * Sends through SMTP_URL. Short timeouts: a relay that hangs fails this attempt and the queue
 * tries again later, instead of holding the queue (and its lease) for minutes.
 */
export function smtpSender(smtpUrl: string, from: string): { send: SendMail; close: () => void } {
  const transport = nodemailer.createTransport({
    url: smtpUrl,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return {
    send: async (m) => {
      await transport.sendMail({ from, to: m.to, subject: m.subject, text: m.text, html: m.html, headers: m.headers });
    },
    close: () => transport.close(),
  };
}
