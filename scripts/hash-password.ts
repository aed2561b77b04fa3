// Makes an ADMIN_USERS entry: `npm run admin:hash-password -- alice` and type the password.
import { createInterface } from 'node:readline/promises';
import { hashPassword } from '../server/admin/password-hash.ts';

const name = process.argv[2];
if (!name || !/^[\w.-]{1,64}$/.test(name)) {
  console.error('usage: npm run admin:hash-password -- <username>');
  process.exit(2);
}
const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
const password = await rl.question('Password (12+ characters): ');
rl.close();
if (password.length < 12) {
  console.error('Choose a password of at least 12 characters.');
  process.exit(1);
}
console.log(`${name}:${await hashPassword(password)}`);
