/**
 * The costsim command line: parsing, printing and exit codes only, as a function of the
 * arguments and two writers (`main`), so the tests can run a command line in their own process;
 * src/cli/bin.ts is the executable that calls it with process.argv, stdout and stderr. Each
 * command's module is imported when the command runs, so `costsim --help` pays for none of them.
 * Exit codes (docs/model.md §15): 0 all good; 1 a scenario failed (the others still produced output);
 * 2 usage error; 3 a gate of a policy failed (check, diff --policy).
 */
import { Command, CommanderError, Option } from 'commander';
import type { problemText as ProblemCatalog, Worded } from '../messages/problems.js';
import { clip, escapeForTerminal } from '../util/terminal.js';
import { readFileSync } from 'node:fs';

/**
 * Where a command line's output goes: process.stdout and process.stderr for the executable. A run
 * streams its output as it goes, so stdout takes 'drain' (a full pipe makes the run wait); progress
 * is drawn on stderr only when it is a terminal.
 */
interface CliStreams {
  stdout: { write(text: string | Uint8Array): boolean; once(event: 'drain', listener: () => void): unknown };
  stderr: { write(text: string): unknown; isTTY?: boolean };
}

interface Result {
  stdout: string;
  stderr: string;
  exitCode: 0 | 1 | 2 | 3;
}

/** Prints a command's result on `io` and gives its exit code. */
function emit(io: CliStreams, result: Result): Result['exitCode'] {
  if (result.stdout) io.stdout.write(result.stdout.endsWith('\n') ? result.stdout : result.stdout + '\n');
  if (result.stderr) io.stderr.write(result.stderr);
  return result.exitCode;
}

/**
 * A mistake on the command line that commander finds while it parses, as the catalog entry that
 * words it (src/messages/problems.ts): printed "costsim: <words>", exit 2, like every usage error
 * the commands find, instead of in commander's own voice. The catalog is loaded only then, so a
 * good command line never pays for it.
 */
class CommandLineMistake extends Error {
  constructor(readonly words: (text: typeof ProblemCatalog) => Worded) {
    super('command-line mistake');
  }
}

/** What the user typed, safe to print: no terminal escapes, no screenful. */
const shown = (typed: string): string => escapeForTerminal(clip(typed));

/** The long flags a command takes, for "did you mean". */
const longFlags = (command: Command): string[] => [...command.options.flatMap((o) => (o.long ? [o.long] : [])), '--help'];

/**
 * commander's error hooks (lib/command.js; called on the command being parsed, not in its
 * typings). Each words its own message; these throw the facts instead.
 */
const commanderHooks: ThisType<Command> & Record<string, unknown> = {
  unknownOption(flag: string): never {
    throw new CommandLineMistake((problemText) => problemText.unknownOption(this.name(), shown(flag), longFlags(this)));
  },
  optionMissingArgument(option: Option): never {
    throw new CommandLineMistake((problemText) => problemText.optionNeedsValue(option.flags));
  },
  missingMandatoryOptionValue(option: Option): never {
    throw new CommandLineMistake((problemText) => problemText.optionRequired(this.name(), option.flags, option.description));
  },
  missingArgument(name: string): never {
    const what = this.registeredArguments.find((a) => a.name() === name)?.description ?? '';
    throw new CommandLineMistake((problemText) => problemText.argumentMissing(this.name(), `<${name}>`, what));
  },
  _excessArguments(got: string[]): never {
    const takes = this.registeredArguments.map((a) => (a.required ? `<${a.name()}>` : `[${a.name()}]`));
    throw new CommandLineMistake((problemText) => problemText.tooManyArguments(this.name(), takes, got.map(shown)));
  },
};

/** commander's Command with the hooks above, for the program and every subcommand. */
class CostsimCommand extends Command {
  override createCommand(name?: string): Command {
    return new CostsimCommand(name);
  }
}
Object.assign(CostsimCommand.prototype, commanderHooks);

/** An option limited to `values` (listed by --help); any other value is refused with the value probably meant (`jsn` → json). */
function choices(option: Option, values: string[]): Option {
  return option.choices(values).argParser((value: string) => {
    if (values.includes(value)) return value;
    throw new CommandLineMistake((problemText) => problemText.optionNotOneOf(option.long ?? option.flags, values, shown(value)));
  });
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** What the options that several commands share say, worded once. */
const SHARED_HELP = {
  strategy: 'only these strategies (comma-separated ids)',
  months: 'projection length in months (overrides horizon_months)',
  catalog: 'a catalog file whose entries add to or replace the bundled ones',
  allowOutside: 'let file: and dir: paths leave the scenario folder',
} as const;

/** The last options of diff and check, which project the scenarios they are given as run does. */
function projectionOptions(command: Command): Command {
  return command
    .option('--strategy <ids>', SHARED_HELP.strategy)
    .option('--set <path=value>', 'override a field (repeatable)', collect)
    .option('--months <n>', SHARED_HELP.months)
    .option('--allow-outside', SHARED_HELP.allowOutside);
}
// Read as a file: require() of a JSON file starts the CommonJS loader, ≈10 ms of a start under load.
const version = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/**
 * The program with its commands, printing on `io`; `done` takes each command's result. Built
 * afresh for each command line: commander keeps what it parsed on the objects.
 */
function costsimProgram(io: CliStreams, argv: string[], done: (result: Result) => void): Command {
  const program = new CostsimCommand()
    .name('costsim')
    .description('Project per-query latency and monthly spend of prompt-only, RAG, fine-tuning and hybrid LLM strategies.')
    .version(version)
    .exitOverride()
    // commander's own output (--help, --version) on `io`, inherited by every subcommand.
    .configureOutput({ writeOut: (text) => void io.stdout.write(text), writeErr: (text) => void io.stderr.write(text) });

  program
    .command('run')
    .description('simulate scenarios (files, folders, globs; default scenarios/)')
    .argument('[paths...]', 'scenario files, folders or globs')
    .addOption(choices(new Option('--format <format>', 'output on stdout (jsonl: one projection per line; focus: a FOCUS 1.2 CSV)'), ['table', 'json', 'jsonl', 'csv', 'md', 'focus']).default('table'))
    .option('--out <dir>', 'write a folder per scenario: projection.json, summary.md, costs.csv, line-items.csv, report.html, charts/')
    .option('--jobs <n>', 'scenarios run in parallel on this many threads (default: the number of cores, for 2+ files with --out or 16+ otherwise)')
    .option('--quiet', 'no progress line and no summary line on stderr')
    .option('--strategy <ids>', SHARED_HELP.strategy)
    .option('--set <path=value>', 'override a field, e.g. retrieval.top_k=12 (repeatable)', collect)
    .option('--months <n>', SHARED_HELP.months)
    .option('--catalog <file>', SHARED_HELP.catalog)
    .option('--allow-outside', SHARED_HELP.allowOutside)
    .option('--sensitivity', 'add a tornado and break-evens to scenarios without ranges (those with ranges always get them)')
    .action(async (paths: string[], opts) => done(await (await import('./run-command.js')).runCommand(paths, { ...opts, argv }, io)));

  program
    .command('sweep')
    .description('vary one or two inputs over a range: cost curves, exact break-evens, winner bands or a decision map')
    .argument('<file>', 'a scenario file')
    .requiredOption('--vary <path=lo..hi>', 'an input and its range, e.g. workload.queries_per_month=10k..50M (once or twice)', collect)
    .option('--log', 'space the grid geometrically (each input whose range is above 0)')
    .option('--steps <n>', 'grid values per input, ends included (default 60 for one input, 40 for two)')
    .option('--month <n>', 'compare the spend of month N instead of the total over the horizon')
    .addOption(choices(new Option('--format <format>', 'output on stdout'), ['table', 'json', 'csv']).default('table'))
    .option('--out <dir>', 'write sweep.json, sweep.csv, report.html and charts/ there')
    .option('--set <path=value>', 'override a field first (repeatable)', collect)
    .option('--catalog <file>', SHARED_HELP.catalog)
    .option('--allow-outside', SHARED_HELP.allowOutside)
    .action(async (file: string, opts) => done(await (await import('./sweep-command.js')).sweepCommand(file, opts)));

  program
    .command('validate')
    .description('check scenario files and print every problem; runs nothing')
    .argument('[paths...]', 'scenario files, folders or globs')
    .addOption(choices(new Option('--format <format>', 'table: each problem on stderr as file:line:col; json: one document on stdout with every file and its problems'), ['table', 'json']).default('table'))
    .option('--set <path=value>', 'override a field (repeatable)', collect)
    .option('--catalog <file>', SHARED_HELP.catalog)
    .option('--allow-outside', SHARED_HELP.allowOutside)
    .action(async (paths: string[], opts) => done(await (await import('./run-command.js')).validateCommand(paths, { ...opts, argv })));

  const diff = program
    .command('diff')
    .description('compare two runs: a saved run (--compare-to) and these scenarios, two saved runs, or two catalogs')
    .argument('[paths...]', 'scenario files, folders or globs; or two saved runs (costsim run --format json)')
    .option('--compare-to <file>', 'the baseline: a saved run (costsim run --format json > base.json)')
    .addOption(choices(new Option('--format <format>', 'output on stdout'), ['table', 'json', 'md', 'github-comment']).default('table'))
    .option('--policy <file>', 'also check the gates of this policy file (a failed gate exits 3)')
    .option('--catalog <file>', 'price the scenarios that are run with this catalog file (without --compare-to: against the bundled prices)')
    .option('--base-catalog <file>', 'the baseline\'s catalog file when comparing two catalogs');
  projectionOptions(diff).action(async (paths: string[], opts) => done(await (await import('./diff-command.js')).diffCommand(paths, opts)));

  const check = program
    .command('check')
    .description('check a policy\'s budget, change, latency and verdict gates; a failed gate exits 3')
    .argument('[paths...]', 'scenario files, folders or globs (default scenarios/); or one saved run')
    .requiredOption('--policy <file>', 'the policy file (YAML or JSON)')
    .option('--compare-to <file>', 'the baseline for change limits: a saved run')
    .addOption(choices(new Option('--format <format>', 'output on stdout'), ['table', 'json', 'md']).default('table'))
    .option('--catalog <file>', SHARED_HELP.catalog);
  projectionOptions(check).action(async (paths: string[], opts) => done(await (await import('./check-command.js')).checkCommand(paths, opts)));

  program
    .command('tokens')
    .description('count tokens of text files, folders and chat JSONL datasets')
    .argument('<paths...>', 'files or folders')
    .option('--model <id>', 'count with this model family\'s encoding')
    .addOption(choices(new Option('--encoding <encoding>', 'token encoding'), ['o200k_base', 'cl100k_base']))
    .addOption(choices(new Option('--format <format>', 'output'), ['table', 'json']).default('table'))
    .action(async (paths: string[], opts) => done(await (await import('./tokens-command.js')).runTokensCommand(paths, opts)));

  program
    .command('catalog')
    .description('list catalog entries with their prices and as-of dates')
    .argument('[query]', 'filter by id or provider')
    .addOption(choices(new Option('--format <format>', 'output'), ['table', 'json']).default('table'))
    .option('--catalog <file>', SHARED_HELP.catalog)
    .action(async (query: string | undefined, opts) => done(await (await import('./catalog-command.js')).catalogCommand(query, opts)));

  program
    .command('schema')
    .description('print the scenario JSON Schema')
    .action(async () => {
      const { scenarioJsonSchema } = await import('../scenario/schema.js');
      done({ stdout: JSON.stringify(scenarioJsonSchema(), null, 2), stderr: '', exitCode: 0 });
    });

  program
    .command('init')
    .description('write a commented starter scenario')
    .argument('[file]', 'where to write it', 'scenario.yaml')
    .option('--force', 'overwrite an existing file')
    .action(async (file: string, opts: { force?: boolean }) => done((await import('./init-command.js')).initCommand(file, opts)));

  return program;
}

/**
 * An unknown command gets the hint every other name gets (src/util/suggest.ts), so `costsim
 * valdate` and a mistyped key in a file are corrected alike. Checked before commander parses:
 * commander would otherwise take `costsim valdate --format json` for the program's unknown option.
 */
function unknownCommand(program: Command, asked: string | undefined): CommandLineMistake | null {
  const commands = program.commands.map((c) => c.name());
  if (asked === undefined || asked.startsWith('-') || asked === 'help' || commands.includes(asked)) return null;
  return new CommandLineMistake((problemText) => problemText.unknownCommand(shown(asked), commands));
}

/**
 * Runs one command line: `argv` is what the user typed after `costsim` (process.argv.slice(2)).
 * Prints on `io` and gives the exit code.
 */
export async function main(argv: string[], io: CliStreams): Promise<number> {
  let exitCode: Result['exitCode'] = 0;
  const program = costsimProgram(io, argv, (result) => {
    exitCode = emit(io, result);
  });
  try {
    const unknown = unknownCommand(program, argv[0]);
    if (unknown !== null) throw unknown;
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (err) {
    if (err instanceof CommandLineMistake) {
      const { problemText } = await import('../messages/problems.js');
      io.stderr.write(`costsim: ${err.words(problemText).message}\n`);
      return 2;
    }
    // --help and --version exit 0 (commander printed them); every other parse error is a usage error.
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    io.stderr.write(`costsim: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}
