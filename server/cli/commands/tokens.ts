import { defineCommand } from '../command-definition';
import { withStore } from '../shared';

export const tokensAdd = defineCommand({
  name: 'add',
  arguments: '<email>',
  description: 'make a token that acts as this user (their role and surveys); printed once, on the last line',
  options: {
    name: { flags: '--name <name>', description: 'what the token is for, e.g. "R analysis"' },
    expires: { flags: '--expires <date>', description: 'last day it works (YYYY-MM-DD); default: until revoked' },
  },
  run: async (email, options, command) => {
    const { record, token } = await withStore(command, ({ services }) =>
      services.tokens.create({ email, name: options.name, expires: options.expires }),
    );
    console.log(
      `Token ${record.id} "${record.name}" for ${record.userEmail}${record.expiresAt ? `, valid until ${record.expiresAt.slice(0, 10)}` : ''}. Keep it secret: it is shown only now.`,
    );
    console.log(token);
  },
});

export const tokensList = defineCommand({
  name: 'list',
  arguments: '[email]',
  description: 'list tokens (never the tokens themselves): id, user, name, made, status',
  run: async (email, _options, command) => {
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
  },
});

export const tokensRevoke = defineCommand({
  name: 'revoke',
  arguments: '<id>',
  description: 'stop a token working at once',
  run: async (id, _options, command) => {
    await withStore(command, ({ services }) => services.tokens.revoke(id));
    console.log(`Revoked ${id}`);
  },
});
