//! The `stratlint` command line. Everything it does lives in the library;
//! this file only reads arguments, prints and picks the exit status.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, CommandFactory, Parser, Subcommand};

use stratlint::analysis::{self, Options};
use stratlint::date::Date;
use stratlint::schema::RULES;
use stratlint::schema::codes::all_codes;
use stratlint::snapshot::Overlays;
use stratlint::views::check::{self as render, Counts, Format, Outcome, Style, step_summary};
use stratlint::views::{diff, init, map, mcp, report, review, server, trace};
use stratlint::{Fatal, project, schema, suggest};

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
    /// Draw the strategy as a graph: objectives, KPIs, principles, tenets and decisions, with
    /// their links, progress and problems.
    Map {
        /// Output format.
        #[arg(long, value_enum, default_value = "mermaid")]
        format: map::MapFormat,
        /// Keep only this object, its ancestors and descendants (and what serves or is cited by
        /// them); may be repeated.
        #[arg(long, value_name = "ID")]
        root: Vec<String>,
        #[command(flatten)]
        view: ViewArgs,
    },
    /// Write a one-page strategy health report: objectives and KPIs with progress, principles by
    /// freshness, tenets, decisions and problems.
    Report {
        /// Output format.
        #[arg(long, value_enum, default_value = "markdown")]
        format: report::ReportFormat,
        #[command(flatten)]
        view: ViewArgs,
    },
    /// Say which strategy governs code: the principles, decisions, initiatives and debt items
    /// whose `paths` match each PATH, and what they serve up to the thesis.
    Trace {
        /// Files or directories, relative to the current directory; they need not exist.
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value = "human")]
        format: trace::TraceFormat,
        #[command(flatten)]
        judge: JudgeArgs,
    },
    /// Say what changed in the strategy between two states: objects added and removed, status,
    /// re-parenting, goalposts, measurements, owners, edits, and diagnostics introduced and fixed.
    Diff {
        /// The state before: a revision (anything `git rev-parse` takes) or a date (YYYY-MM-DD,
        /// as --as-of takes it).
        #[arg(value_name = "FROM")]
        from: String,
        /// The state after, as FROM; default: the working tree.
        #[arg(value_name = "TO")]
        to: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value = "human")]
        format: diff::DiffFormat,
        /// The date both sides are judged against (YYYY-MM-DD); defaults to TO's: its commit's
        /// time, the date given, or today for the working tree.
        #[arg(long, env = "STRATLINT_NOW", value_parser = parse_date)]
        now: Option<Date>,
        /// Read no git history: ages come from `reviewed` alone.
        #[arg(long)]
        no_history: bool,
        /// Use this config file instead of looking for stratlint.toml.
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
    },
    /// Record a revalidation: set `reviewed` (principles, theses) or `measured` (KPIs) to today,
    /// editing only that line of each file.
    Review {
        /// The ids of the objects reviewed.
        #[arg(required = true, value_name = "ID")]
        ids: Vec<String>,
        /// The date to record (YYYY-MM-DD); defaults to today (UTC).
        #[arg(long, value_parser = parse_date)]
        date: Option<Date>,
        /// Use this config file instead of looking for stratlint.toml.
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
    },
    /// Run the Model Context Protocol server (MCP over stdin/stdout) for agents: read-only tools
    /// over the strategy of the current directory's project.
    Mcp {
        /// Judge dates as of this day (YYYY-MM-DD) instead of today.
        #[arg(long, env = "STRATLINT_NOW", value_parser = parse_date)]
        now: Option<Date>,
    },
    /// Print a shell completion script (e.g. `stratlint completions bash > ~/.local/share/bash-completion/completions/stratlint`).
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Run the language server (LSP over stdin/stdout) for editors.
    Server {
        /// Judge dates as of this day (YYYY-MM-DD) instead of today.
        #[arg(long, env = "STRATLINT_NOW", value_parser = parse_date)]
        now: Option<Date>,
        /// Accepted and ignored: the server always speaks over stdio (editors pass it).
        #[arg(long, hide = true)]
        stdio: bool,
    },
}

/// When to colour the human output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum ColorChoice {
    /// On a terminal, unless `NO_COLOR` is set; always when `FORCE_COLOR` or `CLICOLOR_FORCE` is.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// What is judged, and when: the options every command that analyzes
/// (`check`, `map`, `report`, `trace`) takes alike.
#[derive(Args, Clone)]
struct JudgeArgs {
    /// The date to judge ages against (YYYY-MM-DD); defaults to today (with --as-of, to that
    /// commit's time, or to the date given).
    #[arg(long, env = "STRATLINT_NOW", value_parser = parse_date)]
    now: Option<Date>,
    /// Judge the project as it was at this commit (anything `git rev-parse` takes), or on this
    /// date (YYYY-MM-DD: the newest commit on HEAD's first-parent chain made by the end of that
    /// day): its files, config and history up to it, read from git without a checkout.
    #[arg(long, value_name = "REV|DATE")]
    as_of: Option<String>,
    /// Read no git history: ages come from `reviewed` alone.
    #[arg(long)]
    no_history: bool,
    /// Use this config file instead of looking for stratlint.toml.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
}

impl JudgeArgs {
    /// The project holding `paths` (relative to `cwd`): with `--as-of`,
    /// today's config only tells where it is (the commit's is judged).
    fn locate(&self, cwd: &std::path::Path, paths: &[PathBuf]) -> Result<project::Project, Fatal> {
        match self.as_of {
            Some(_) => project::locate_at_commit(cwd, paths, self.config.as_deref()),
            None => project::locate(cwd, paths, self.config.as_deref()),
        }
    }

    /// The analysis options these set (the rest as by default).
    fn options(&self) -> Options {
        Options {
            now: self.now,
            as_of: self.as_of.clone(),
            no_history: self.no_history,
            ..Options::default()
        }
    }
}

#[derive(Args, Clone)]
struct CheckArgs {
    /// Files or directories; the whole repository is loaded, but only
    /// diagnostics located in these paths are reported.
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "human")]
    format: Format,
    #[command(flatten)]
    judge: JudgeArgs,
    /// Report only diagnostics that are new since `git merge-base REV HEAD`
    /// (everything in a repository with no commit yet).
    #[arg(long, value_name = "REV", conflicts_with = "as_of")]
    changed_since: Option<String>,
    /// Check the staged version of each file (what `git commit` would record)
    /// instead of the working tree; untracked files are left out. The index
    /// is the one git names in `GIT_INDEX_FILE` when set (`git commit -a`,
    /// `git commit <paths>`), else the repository's. The pre-commit hook runs
    /// `--staged --changed-since HEAD`.
    #[arg(long, conflicts_with = "as_of")]
    staged: bool,
    /// Report only these rules: comma-separated codes or prefixes (`OBJ,KPI005`, `ALL`); replaces
    /// the config's `lint.select`.
    #[arg(long, value_name = "CODES", value_delimiter = ',', value_parser = parse_code)]
    select: Option<Vec<String>>,
    /// Leave out these rules: comma-separated codes or prefixes (`HL,TEN006`); added to the
    /// config's `lint.ignore`.
    #[arg(long, value_name = "CODES", value_delimiter = ',', value_parser = parse_code)]
    ignore: Vec<String>,
    /// Print diagnostics only: no summary line and no notes.
    #[arg(long, short)]
    quiet: bool,
    /// Instead of the diagnostics, print how many of each rule fired (count, code, name), most first.
    #[arg(long)]
    statistics: bool,
    /// When to colour the output.
    #[arg(long, value_enum, default_value = "auto", value_name = "WHEN")]
    color: ColorChoice,
    /// Fail (exit 1) when there are more than N warnings.
    #[arg(long, value_name = "N")]
    max_warnings: Option<usize>,
}

/// A rule code or prefix for `--select`/`--ignore`, as config `lint.select` takes them (`ALL`
/// included); anything else is a usage error naming it and the closest valid one.
fn parse_code(s: &str) -> Result<String, String> {
    let code = s.trim();
    if code.is_empty() {
        return Err(
            "an empty code: write codes or prefixes separated by commas (`OBJ,KPI005`)".into(),
        );
    }
    if code == "ALL" || schema::codes::matches_any(code) {
        return Ok(code.to_owned());
    }
    let hint = match suggest::did_you_mean(code, all_codes().chain(["ALL"])) {
        Some(best) => format!("the closest valid one is `{best}` (`stratlint rules` lists them)"),
        None => "`stratlint rules` lists them".to_owned(),
    };
    Err(format!("`{code}` is not a rule code or prefix; {hint}"))
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
    let started = std::time::Instant::now();
    for p in &args.paths {
        if std::fs::symlink_metadata(p).is_err() {
            return fail(&Fatal::Usage(format!(
                "path `{}` does not exist",
                p.display()
            )));
        }
    }
    let cwd = match std::env::current_dir() {
        Ok(d) => d,
        Err(e) => return fail(&Fatal::Usage(format!("current directory: {e}"))),
    };
    let mut options = Options {
        changed_since: args.changed_since,
        staged: args.staged,
        // git names the index a commit is built in (`commit -a`, `commit <paths>`) here.
        index_file: std::env::var_os("GIT_INDEX_FILE")
            .filter(|f| args.staged && !f.is_empty())
            .map(PathBuf::from),
        ..args.judge.options()
    };
    let checked = args
        .judge
        .locate(&cwd, &args.paths)
        .and_then(|mut project| {
            // --select replaces the config's selection; --ignore adds to its ignore list
            // (at the merge base too, with --changed-since).
            project
                .config
                .override_lint(&project::config::LintOverrides {
                    select: args.select.clone(),
                    ignore: args.ignore.clone(),
                });
            // Files asked for by name (a pre-commit hook's): only their
            // objects are dated. Their diagnostics are all that is shown.
            options.only = args
                .paths
                .iter()
                .filter_map(|p| std::fs::canonicalize(cwd.join(p)).ok())
                .filter(|p| *p != project.root)
                .collect();
            analysis::analyze(project, &Overlays::new(), &options)
        })
        .and_then(|analysis| {
            let shown = render::in_paths(&analysis, &args.paths, &cwd)?;
            Ok((analysis, shown))
        });
    let (analysis, shown) = match checked {
        Ok(c) => c,
        Err(e) => return fail(&e),
    };
    let outcome = Outcome::new(&analysis, &shown, started.elapsed().as_millis());
    if let Some(warning) = render::nothing_in(&analysis, &args.paths, &cwd) {
        say(&format!("stratlint: warning: {warning}"));
    }
    if !args.quiet {
        for note in &analysis.notes {
            match note.strip_prefix("warning: ") {
                Some(warning) => say(&format!("stratlint: warning: {warning}")),
                None => say(&format!("stratlint: note: {note}")),
            }
        }
    }
    let color = use_color(args.color);
    let width = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .or_else(|| terminal_size::terminal_size().map(|(w, _)| usize::from(w.0)))
        .unwrap_or(100);
    let text = if args.statistics {
        render::statistics(&outcome)
    } else {
        // `--quiet` leaves out the human format's summary line.
        let style = Style {
            color,
            width,
            summary: !args.quiet,
        };
        render::render(&outcome, args.format, style)
    };
    print(&text);
    let summary_on_stderr =
        args.statistics || matches!(args.format, Format::Concise | Format::Github);
    if summary_on_stderr && !args.quiet {
        // stdout holds only diagnostics (or workflow commands).
        say(&render::summary(&outcome));
    }
    write_step_summary(&outcome);
    let counts = Counts::of(outcome.diagnostics);
    // The process ends here: leave the loaded files and git's caches to the
    // OS instead of freeing them piece by piece (5 to 10% of a run).
    std::mem::forget(shown);
    std::mem::forget(analysis);
    let too_many_warnings = args.max_warnings.is_some_and(|max| counts.warnings > max);
    if counts.errors > 0 || too_many_warnings {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Whether to colour: `--color always|never`, else `FORCE_COLOR` or
/// `CLICOLOR_FORCE` (non-empty, not `0`) force it, `NO_COLOR` turns it off,
/// and otherwise only a terminal gets colour.
fn use_color(choice: ColorChoice) -> bool {
    let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty() && v != "0");
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto if set("FORCE_COLOR") || set("CLICOLOR_FORCE") => true,
        ColorChoice::Auto if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) => false,
        ColorChoice::Auto => std::io::stdout().is_terminal(),
    }
}

/// Appends the job summary to `$GITHUB_STEP_SUMMARY` when it is set (in
/// GitHub Actions), linking to the files at `$GITHUB_SHA` when it can.
fn write_step_summary(outcome: &Outcome<'_>) {
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

fn review(ids: &[String], date: Option<Date>, config: Option<&std::path::Path>) -> ExitCode {
    let date = date.unwrap_or_else(|| Date::from_unix(stratlint::date::clock()));
    let cwd = match std::env::current_dir() {
        Ok(d) => d,
        Err(e) => return fail(&Fatal::Usage(format!("current directory: {e}"))),
    };
    let options = Options {
        no_history: true,
        ..Default::default()
    };
    let done = project::locate(&cwd, &[], config)
        .and_then(|p| analysis::analyze(p, &Overlays::new(), &options))
        .and_then(|a| review::run(&a, ids, date));
    match done {
        Ok(edits) => {
            let mut out = String::new();
            for e in edits {
                out.push_str(&format!("{}: {} = {date} in {}\n", e.id, e.field, e.file));
            }
            print(&out);
            ExitCode::SUCCESS
        }
        Err(e) => fail(&e),
    }
}

/// Writes `text` to `output` (relative to the current directory) or stdout.
fn emit(text: &str, output: Option<&std::path::Path>) -> Result<(), Fatal> {
    match output {
        None => {
            print(text);
            Ok(())
        }
        Some(path) => std::fs::write(path, text)
            .map_err(|e| Fatal::Usage(format!("cannot write {}: {e}", path.display()))),
    }
}

/// Analyzes the project at `path` (the current directory's without one)
/// as `judge` says, with the state judged when `head` (the report's).
fn analyze_at(
    path: Option<PathBuf>,
    judge: &JudgeArgs,
    head: bool,
) -> Result<analysis::Analysis, Fatal> {
    let cwd =
        std::env::current_dir().map_err(|e| Fatal::Usage(format!("current directory: {e}")))?;
    let paths: Vec<PathBuf> = path.into_iter().collect();
    if let Some(p) = paths.iter().find(|p| std::fs::symlink_metadata(p).is_err()) {
        return Err(Fatal::Usage(format!(
            "path `{}` does not exist",
            p.display()
        )));
    }
    let options = Options {
        head,
        kpi_history: head,
        ..judge.options()
    };
    judge
        .locate(&cwd, &paths)
        .and_then(|p| analysis::analyze(p, &Overlays::new(), &options))
}

/// What `map` and `report` share: where to analyze, and where to write.
#[derive(Args, Clone)]
struct ViewArgs {
    /// The project (default: the current directory's).
    path: Option<PathBuf>,
    /// Write to this file (created or replaced) instead of stdout.
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
    #[command(flatten)]
    judge: JudgeArgs,
}

/// Analyzes the project (with the state judged, HEAD's, when `head`),
/// renders a view of it with `render`, writes it.
fn view(
    args: ViewArgs,
    head: bool,
    render: impl FnOnce(&analysis::Analysis) -> Result<String, Fatal>,
) -> ExitCode {
    let analysis = match analyze_at(args.path, &args.judge, head) {
        Ok(a) => a,
        Err(e) => return fail(&e),
    };
    let written = render(&analysis).and_then(|text| emit(&text, args.output.as_deref()));
    // As after a check: the process ends, the OS frees it all at once.
    std::mem::forget(analysis);
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(&e),
    }
}

/// `stratlint diff FROM [TO]`: both states analyzed with one clock, compared,
/// printed; exit 0 whatever changed.
fn run_diff(
    from: &str,
    to: Option<&str>,
    format: diff::DiffFormat,
    options: Options,
    config: Option<&std::path::Path>,
) -> ExitCode {
    let compared = std::env::current_dir()
        .map_err(|e| Fatal::Usage(format!("current directory: {e}")))
        .and_then(|cwd| {
            let at_commit = project::locate_at_commit(&cwd, &[], config)?;
            let work_tree = match to {
                None => Some(project::locate(&cwd, &[], config)?),
                Some(_) => None,
            };
            analysis::sides::analyze_sides(at_commit, work_tree, from, to, &options)
        });
    let sides = match compared {
        Ok(s) => s,
        Err(e) => return fail(&e),
    };
    let mut notes: Vec<&String> = sides.from.analysis.notes.iter().collect();
    notes.extend(&sides.to.analysis.notes);
    notes.sort();
    notes.dedup();
    for note in notes {
        match note.strip_prefix("warning: ") {
            Some(warning) => say(&format!("stratlint: warning: {warning}")),
            None => say(&format!("stratlint: note: {note}")),
        }
    }
    print(&diff::build(&sides).render(format));
    std::mem::forget(sides);
    ExitCode::SUCCESS
}

fn rules() -> ExitCode {
    let mut out = String::new();
    let name_width = RULES.iter().map(|r| r.name.len()).max().unwrap_or(0);
    for r in RULES {
        out.push_str(&format!(
            "{:<7} {:<8} {:<name_width$} {}\n",
            r.code.as_str(),
            r.severity.name(),
            r.name,
            r.summary
        ));
    }
    print(&out);
    ExitCode::SUCCESS
}

fn explain(code: &str) -> ExitCode {
    match schema::Code::parse(code) {
        Some(c) => {
            print(c.rule().doc);
            ExitCode::SUCCESS
        }
        None => {
            let hint = suggest::did_you_mean(code, all_codes())
                .map(|c| format!("; did you mean `{c}`?"))
                .unwrap_or_default();
            fail(&Fatal::Usage(format!(
                "`{code}` is not a rule code{hint} (`stratlint rules` lists them)"
            )))
        }
    }
}

fn main() -> ExitCode {
    stratlint::history::bound_caches();
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
        Some(Command::Diff {
            from,
            to,
            format,
            now,
            no_history,
            config,
        }) => {
            let options = Options {
                now,
                no_history,
                ..Options::default()
            };
            run_diff(&from, to.as_deref(), format, options, config.as_deref())
        }
        Some(Command::Review { ids, date, config }) => review(&ids, date, config.as_deref()),
        Some(Command::Map {
            format,
            root,
            view: args,
        }) => view(args, false, |a| {
            map::build(a, &root).map(|m| m.render(format))
        }),
        Some(Command::Report { format, view: args }) => view(args, true, |a| {
            report::build(a, format).map(|r| r.render(format))
        }),
        Some(Command::Trace {
            paths,
            format,
            judge,
        }) => match analyze_at(None, &judge, false) {
            Ok(a) => {
                print(&trace::render(&trace::build(&a, &paths), format));
                std::mem::forget(a);
                ExitCode::SUCCESS
            }
            Err(e) => fail(&e),
        },
        Some(Command::Server { now, .. }) => {
            let input = std::io::BufReader::new(std::io::stdin());
            let mut output = std::io::stdout().lock();
            let code = server::run(input, &mut output, now);
            ExitCode::from(u8::try_from(code).unwrap_or(1))
        }
        Some(Command::Mcp { now }) => {
            let cwd = match std::env::current_dir() {
                Ok(d) => d,
                Err(e) => return fail(&Fatal::Usage(format!("current directory: {e}"))),
            };
            let input = std::io::BufReader::new(std::io::stdin());
            let mut output = std::io::stdout().lock();
            let code = mcp::run(input, &mut output, cwd, now);
            ExitCode::from(u8::try_from(code).unwrap_or(1))
        }
        Some(Command::Completions { shell }) => {
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "stratlint", &mut out);
            print(&String::from_utf8_lossy(&out));
            ExitCode::SUCCESS
        }
        Some(Command::Init { dir }) => match init::run(&dir) {
            Ok(done) => {
                let mut out = String::new();
                for p in &done.written {
                    out.push_str(&format!("created {}\n", p.display()));
                }
                for a in &done.adopted {
                    let records = if a.records == 1 { "record" } else { "records" };
                    out.push_str(&format!(
                        "adopted {} ({} {records}) in [decisions] adr of stratlint.toml\n",
                        dir.join(&a.path).display(),
                        a.records
                    ));
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
