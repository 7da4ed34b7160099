import type { Command } from 'commander';
import { withStore } from '../shared';

export const add = async (email: string, options: { name?: string; expires?: string }, command: Command) => {
  const { record, token } = await withStore(command, ({ services }) =>
    services.tokens.create({ email, name: options.name, expires: options.expires }),
  );
  console.log(
    `Token ${record.id} "${record.name}" for ${record.userEmail}${record.expiresAt ? `, valid until ${record.expiresAt.slice(0, 10)}` : ''}. Keep it secret: it is shown only now.`,
  );
  console.log(token);
};

export const list = async (email: string | undefined, _options: unknown, command: Command) => {
  await withStore(command, async ({ services }) => {
    for (const token of await services.tokens.list(email)) {
      const detail =
        token.status === 'revoked'
          ? ` ${token.revokedAt!.slice(0, 10)}`
          : token.status === 'live' || token.status === 'expired'
            ? token.expiresAt
              ? ` until ${token.expiresAt.slice(0, 10)}`
              : ' no expiry'
            : '';
      const status = `${token.status}${detail}`;
      console.log(`${token.id}\t${token.userEmail}\t${token.name}\t${token.createdAt.slice(0, 10)}\t${status}`);
    }
  });
};

export const revoke = async (id: string, _options: unknown, command: Command) => {
  await withStore(command, ({ services }) => services.tokens.revoke(id));
  console.log(`Revoked ${id}`);
};
