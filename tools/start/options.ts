// Command-line options of `npm start` (after `--`: `npm start -- --accounts 5000`).

export const usage = `Usage: npm start [-- options]

Builds the extension, starts the sandbox tenant, and opens a real VS Code with the
extension loaded and the sandbox tenant already connected.

Options:
  --accounts N     accounts in the sandbox's large source (default 25000, at most 100000)
  --realistic      accounts sized like real tenants' (AD accounts of 3-15 KB with dozens of
                   group DNs; see src/sandbox/README.md)
  --port N         port of the browser VS Code (code-server) on 127.0.0.1
                   (default 8080, or a free port when 8080 is taken)
  --no-open        open nothing: serve VS Code in the browser (code-server) and print its URL
  --code-server    use code-server even when VS Code desktop (\`code\`) is on the PATH
  --profile DIR    keep this VS Code's profile and workspace in DIR (default .vscode-test/start)
  -h, --help       this text`;

export const DEFAULT_ACCOUNTS = 25_000;
export const DEFAULT_CODE_SERVER_PORT = 8080;
/** The sandbox generator's limit (MAX_LARGE_SOURCE_ACCOUNTS in src/sandbox/seed/generator.ts). */
const MAX_ACCOUNTS = 100_000;

export interface StartOptions {
  accounts: number;
  /** The sandbox's realistic attribute sets (startSandbox's `realisticAccounts`). */
  realistic: boolean;
  /** undefined: the default port, or a free one. */
  port: number | undefined;
  open: boolean;
  forceCodeServer: boolean;
  help: boolean;
  /** undefined: .vscode-test/start */
  profile: string | undefined;
}

export function parseStartOptions(argv: string[]): StartOptions {
  const options: StartOptions = { accounts: DEFAULT_ACCOUNTS, realistic: false, port: undefined, open: true, forceCodeServer: false, help: false, profile: undefined };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inlineValue] = argv[i].split(/=(.*)/s, 2);
    const value = (): string => {
      const text = inlineValue ?? argv[++i];
      if (text === undefined) throw new Error(`${flag} needs a value\n\n${usage}`);
      return text;
    };
    switch (flag) {
      case '--accounts':
        options.accounts = integer(flag, value(), 1, MAX_ACCOUNTS);
        break;
      case '--realistic':
        options.realistic = true;
        break;
      case '--port':
        options.port = integer(flag, value(), 1, 65_535);
        break;
      case '--no-open':
        options.open = false;
        break;
      case '--code-server':
        options.forceCodeServer = true;
        break;
      case '--profile':
        options.profile = value();
        break;
      case '-h':
      case '--help':
        options.help = true;
        break;
      default:
        throw new Error(`Unknown option ${argv[i]}\n\n${usage}`);
    }
  }
  return options;
}

function integer(flag: string, text: string, min: number, max: number): number {
  const number = Number(text);
  if (!Number.isInteger(number) || number < min || number > max) {
    throw new Error(`${flag} takes a whole number from ${min} to ${max}, not "${text}"`);
  }
  return number;
}
