//! The `stratlint` command line. Everything it does lives in the library;
//! this file only reads arguments, prints and picks the exit status.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use stratlint::check::{self, CheckOptions};
use stratlint::date::Date;
use stratlint::render::{self, Counts, Format, Style, step_summary};
use stratlint::rules::registry;
use stratlint::{Fatal, init, suggest};

/// A linter for strategy kept as code.
#[derive(Parser)]
#[command(
    name = "stratlint",
    version,
    about,
    args_conflicts_with_subcommands = true
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    check: CheckArgs,
}

#[derive(Subcommand)]
enum Command {
    /// Check a strategy repository (the default command).
    Check(CheckArgs),
    /// List every rule: code, default severity, name and what it checks.
    Rules,
    /// Print a rule's documentation.
    Explain {
        /// The rule code, e.g. OBJ001.
        code: String,
    },
    /// Write a starter config, owners registry and one object of each kind.
    Init {
        /// Where to write them.
        #[arg(default_value = ".")]
        dir: PathBuf,
    },
}

#[derive(Args, Clone)]
struct CheckArgs {
    /// Files or directories; the whole repository is loaded, but only
    /// diagnostics located in these paths are reported.
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "human")]
    format: Format,
    /// The date to judge ages against (YYYY-MM-DD); defaults to today.
    #[arg(long, env = "STRATLINT_NOW", value_parser = parse_date)]
    now: Option<Date>,
    /// Read no git history: ages come from `reviewed` alone.
    #[arg(long)]
    no_history: bool,
    /// Report only diagnostics that are new since `git merge-base REV HEAD`.
    #[arg(long, value_name = "REV")]
    changed_since: Option<String>,
    /// Use this config file instead of looking for stratlint.toml.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Print diagnostics only: no summary line and no notes.
    #[arg(long, short)]
    quiet: bool,
    /// Fail (exit 1) when there are more than N warnings.
    #[arg(long, value_name = "N")]
    max_warnings: Option<usize>,
}

fn parse_date(s: &str) -> Result<Date, String> {
    Date::parse(s).ok_or_else(|| format!("`{s}` is not a date of the form YYYY-MM-DD"))
}

fn print(out: &str) {
    // A closed pipe (`stratlint | head`) is not an error worth a message.
    let mut stdout = std::io::stdout().lock();
    let _ = stdout
        .write_all(out.as_bytes())
        .and_then(|()| stdout.flush());
}

/// Writes a line to stderr; a closed stderr is not worth a panic.
fn say(line: &str) {
    let _ = writeln!(std::io::stderr().lock(), "{line}");
}

fn fail(e: &Fatal) -> ExitCode {
    say(&format!("stratlint: error: {e}"));
    ExitCode::from(2)
}

fn run_check(args: CheckArgs) -> ExitCode {
    let opts = CheckOptions {
        paths: args.paths,
        config: args.config,
        now: args.now,
        no_history: args.no_history,
        changed_since: args.changed_since,
    };
    let outcome = match check::run(&opts) {
        Ok(o) => o,
        Err(e) => return fail(&e),
    };
    if !args.quiet {
        for note in &outcome.notes {
            say(&format!("stratlint: note: {note}"));
        }
    }
    let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let width = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .or_else(|| terminal_size::terminal_size().map(|(w, _)| usize::from(w.0)))
        .unwrap_or(100);
    let mut text = render::render(&outcome, args.format, Style { color, width });
    if args.quiet && args.format == Format::Human {
        // Drop the summary line.
        if let Some(cut) = text.trim_end_matches('\n').rfind('\n') {
            text.truncate(cut + 1);
        } else {
            text.clear();
        }
    }
    print(&text);
    if matches!(args.format, Format::Concise | Format::Github) && !args.quiet {
        // stdout holds only diagnostics (or workflow commands).
        say(&render::summary(&outcome));
    }
    write_step_summary(&outcome);
    let counts = Counts::of(&outcome.diagnostics);
    // The process ends here: leave the loaded files and git's caches to the
    // OS instead of freeing them piece by piece (5 to 10% of a run).
    std::mem::forget(outcome);
    let too_many_warnings = args.max_warnings.is_some_and(|max| counts.warnings > max);
    if counts.errors > 0 || too_many_warnings {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Appends the job summary to `$GITHUB_STEP_SUMMARY` when it is set (in
/// GitHub Actions), linking to the files at `$GITHUB_SHA` when it can.
fn write_step_summary(outcome: &check::Outcome) {
    let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty()) else {
        return;
    };
    let var = |name| std::env::var(name).ok().filter(|v: &String| !v.is_empty());
    let base = match (
        var("GITHUB_SERVER_URL"),
        var("GITHUB_REPOSITORY"),
        var("GITHUB_SHA"),
    ) {
        (Some(server), Some(repo), Some(sha)) => Some(format!(
            "{}/{repo}/blob/{sha}/",
            server.trim_end_matches('/')
        )),
        _ => None,
    };
    let text = step_summary::render(outcome, base.as_deref());
    if let Err(e) = step_summary::append(std::path::Path::new(&path), &text) {
        say(&format!(
            "stratlint: note: could not write the step summary to {}: {e}",
            std::path::Path::new(&path).display()
        ));
    }
}

fn rules() -> ExitCode {
    let mut out = String::new();
    for r in registry::RULES {
        out.push_str(&format!(
            "{:<7} {:<8} {:<21} {}\n",
            r.code,
            r.severity.name(),
            r.name,
            r.summary
        ));
    }
    print(&out);
    ExitCode::SUCCESS
}

fn explain(code: &str) -> ExitCode {
    match registry::find(code) {
        Some(r) => {
            print(r.doc);
            ExitCode::SUCCESS
        }
        None => {
            let hint = suggest::closest(code, registry::RULES.iter().map(|r| r.code), usize::MAX)
                .map(|c| format!("; did you mean `{c}`?"))
                .unwrap_or_default();
            fail(&Fatal::Usage(format!(
                "`{code}` is not a rule code{hint} (`stratlint rules` lists them)"
            )))
        }
    }
}

fn main() -> ExitCode {
    std::panic::set_hook(Box::new(|info| {
        let location = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown cause".into());
        say(&format!(
            "stratlint: internal error: {message}{location}; please report it"
        ));
        std::process::exit(2);
    }));
    let cli = Cli::parse();
    match cli.command {
        None => run_check(cli.check),
        Some(Command::Check(args)) => run_check(args),
        Some(Command::Rules) => rules(),
        Some(Command::Explain { code }) => explain(&code),
        Some(Command::Init { dir }) => match init::run(&dir) {
            Ok(written) => {
                let mut out = String::new();
                for p in written {
                    out.push_str(&format!("created {}\n", p.display()));
                }
                out.push_str("Run `stratlint check` to lint them.\n");
                print(&out);
                ExitCode::SUCCESS
            }
            Err(e) => fail(&e),
        },
    }
}

/// jemalloc instead of the system allocator where it builds: a fifth less
/// wall time on the history benchmark (docs/performance.md).
#[cfg(all(unix, not(target_os = "openbsd")))]
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;
