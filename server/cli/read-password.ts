import readline from 'node:readline';

/** Reads a password from piped stdin (first line), or prompts without echo on a terminal. */
export async function readPassword(prompt: string): Promise<string> {
  const input = process.stdin;
  if (!input.isTTY) {
    let text = '';
    for await (const chunk of input) text += chunk;
    return text.split(/\r?\n/)[0] ?? '';
  }
  const rl = readline.createInterface({ input, output: process.stderr, terminal: true });
  const mutable = rl as unknown as { _writeToOutput: (text: string) => void };
  process.stderr.write(prompt);
  mutable._writeToOutput = () => undefined;
  const answer = await new Promise<string>((resolve) => rl.question('', resolve));
  rl.close();
  process.stderr.write('\n');
  return answer;
}

/** Asks one question on the terminal and returns the answer. */
export async function ask(question: string): Promise<string> {
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  const answer = await new Promise<string>((resolve) => rl.question(question, resolve));
  rl.close();
  return answer;
}
