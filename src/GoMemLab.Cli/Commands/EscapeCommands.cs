using System.CommandLine;
using GoMemLab.Escape;

namespace GoMemLab.Cli.Commands;

/// <summary>
/// `gomemlab escape list|summary|steps|diff|check`: the compiler's escape-analysis decisions from
/// `go build -gcflags=-m` / `-m=2` text or a `-json=0,DIR` directory.
/// </summary>
public static class EscapeCommands
{
    public static Command Create()
    {
        var command = new Command("escape", "Read escape-analysis logs (go build -gcflags=-m, -m=2, -json=0,DIR).");
        command.Subcommands.Add(List());
        command.Subcommands.Add(Summary());
        command.Subcommands.Add(Causes());
        command.Subcommands.Add(Steps());
        command.Subcommands.Add(Diff());
        command.Subcommands.Add(Check());
        return command;
    }

    private static Argument<string> LogArgument(string name = "LOG_OR_DIR") => new(name)
    {
        Description = "A -m/-m=2 text log (stderr of go build -gcflags=-m) or a -json=0,DIR directory.",
    };

    private static Command List()
    {
        var log = LogArgument();
        var kind = new Option<string?>("--kind") { Description = "Only this kind: " + string.Join(", ", EscapeKindText.All) + "." };
        var format = CommonOptions.Format();
        var command = new Command("list", "One row per diagnostic: package,file,line,column,kind,subject,message,flow_steps.")
        {
            log,
            kind,
            format,
        };
        command.SetAction(parse => CliRun.Guard(() =>
        {
            var wanted = parse.GetValue(kind) is { } k ? EscapeKindText.Parse(k) : (EscapeKind?)null;
            var escapeLog = EscapeLog.Load(parse.GetValue(log)!);
            var frame = escapeLog.ToDataFrame(escapeLog.Diagnostics.Where(d => wanted is null || d.Kind == wanted));
            frame.Columns.Remove("function");
            return CommonOptions.Print(frame, parse.GetValue(format));
        }));
        return command;
    }

    private static Command Summary()
    {
        var log = LogArgument();
        var by = new Option<string>("--by")
        {
            Description = "Group by package or file.",
            DefaultValueFactory = _ => EscapeGrouping.Package.ToText(),
        };
        // Checked by the parser, before the log is read: a typo must not cost a 200 MB load and half an output.
        by.AcceptOnlyFromAmong([.. EscapeGroupingText.All]);
        var format = CommonOptions.Format();
        var command = new Command("summary",
            "Heap escapes by cause (from the -m=2 flows) per package or file; totals per kind on stderr.") { log, by, format };
        command.SetAction(parse => CliRun.Guard(() =>
        {
            var escapeLog = EscapeLog.Load(parse.GetValue(log)!);
            var counts = escapeLog.CountByKind().Where(kv => kv.Value > 0).Select(kv => $"{kv.Key.ToText()}={kv.Value}");
            Console.Error.WriteLine($"{escapeLog.Diagnostics.Count} diagnostics, {escapeLog.FlowStepCount} flow steps; "
                + $"{string.Join(" ", counts)}"
                + (escapeLog.UnpositionedLines > 0 ? $"; {escapeLog.UnpositionedLines} lines without a position kept as other" : ""));
            return CommonOptions.Print(escapeLog.Causes().Summary(EscapeGroupingText.Parse(parse.GetValue(by)!)), parse.GetValue(format));
        }));
        return command;
    }

    private static Command Causes()
    {
        var log = LogArgument();
        var format = CommonOptions.Format();
        var command = new Command("causes", "One row per heap escape with the cause its -m=2 flow shows.") { log, format };
        command.SetAction(parse => CliRun.Guard(() =>
            CommonOptions.Print(EscapeLog.Load(parse.GetValue(log)!).Causes().ToDataFrame(), parse.GetValue(format))));
        return command;
    }

    private static Command Steps()
    {
        var log = LogArgument();
        var file = new Option<string?>("--file") { Description = "Only diagnostics whose file ends with this." };
        var line = new Option<int?>("--line")
        {
            Description = "Only diagnostics on this line.",
            // The default message would name the CLR type (System.Nullable`1[System.Int32]) instead of what a line is.
            CustomParser = result =>
            {
                var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
                if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture,
                    out var number) && number > 0)
                    return number;
                result.AddError($"--line '{text}' is not a line number (a positive integer)");
                return null;
            },
        };
        var format = CommonOptions.Format();
        var command = new Command("steps", "The -m=2 explanation steps of each diagnostic (flow / from / note), one row per step.")
        {
            log,
            file,
            line,
            format,
        };
        command.SetAction(parse => CliRun.Guard(() =>
        {
            var escapeLog = EscapeLog.Load(parse.GetValue(log)!);
            var f = parse.GetValue(file);
            var l = parse.GetValue(line);
            var rows = escapeLog.Diagnostics.Where(d => (f is null || d.File.EndsWith(f, StringComparison.Ordinal))
                && (l is null || d.Line == l));
            return CommonOptions.Print(escapeLog.StepsToDataFrame(rows), parse.GetValue(format));
        }));
        return command;
    }

    private static Command Diff()
    {
        var before = LogArgument("BEFORE");
        var after = LogArgument("AFTER");
        var failOnNew = new Option<bool>("--fail-on-new")
        {
            Description = "Exit 1 when AFTER has a heap escape BEFORE does not (a CI gate).",
        };
        var all = new Option<bool>("--all") { Description = "Also list unchanged escapes." };
        var format = CommonOptions.Format();
        var command = new Command("diff", "New, removed and unchanged heap escapes, matched by file + function + subject.")
        {
            before,
            after,
            failOnNew,
            all,
            format,
        };
        command.SetAction(parse => CliRun.Guard(() =>
        {
            // A package with no diagnostics is a valid side of a diff (a CI gate compares whatever the build printed).
            var result = EscapeDiff.Compare(LoadMaybeEmpty(parse.GetValue(before)!), LoadMaybeEmpty(parse.GetValue(after)!));
            var shown = parse.GetValue(all) ? result
                : new EscapeDiff.Result([.. result.Rows.Where(r => r.Status != EscapeChange.Unchanged)]);
            CommonOptions.Print(shown.ToDataFrame(), parse.GetValue(format));
            Console.Error.WriteLine($"{result.New} new, {result.Removed} removed, {result.Unchanged} unchanged heap escapes");
            return parse.GetValue(failOnNew) && result.New > 0 ? 1 : 0;
        }));
        return command;
    }

    /// <summary>Loads a log, accepting an empty file with a note on stderr that keeps the usual cause in view.</summary>
    private static EscapeLog LoadMaybeEmpty(string path)
    {
        var log = EscapeLog.Load(path, allowEmpty: true);
        if (!Directory.Exists(path) && log.Diagnostics.Count == 0 && new FileInfo(path).Length == 0)
            Console.Error.WriteLine($"note: {path} is empty: read as a package with no diagnostics (if it should hold some, "
                + $"{Inputs.InputFile.CompilerOutputHint("-m")})");
        return log;
    }

    private static Command Check()
    {
        var log = LogArgument("LOG");
        var expect = new Option<string>("--expect")
        {
            Description = "A .go file or directory of .go files with // ERROR \"regex\" annotations.",
            Required = true,
        };
        var format = CommonOptions.Format();
        var command = new Command("check",
            "Check a log against // ERROR \"regex\" annotations; exit 1 listing every unmet and unexpected diagnostic.") { log, expect,
                format };
        command.SetAction(parse => CliRun.Guard(() =>
        {
            var expectations = EscapeExpectations.Load(parse.GetValue(expect)!);
            // Expectations that say nothing make an empty log the right answer (Go's test/escape_hash_maphash.go under -m -l);
            // when they expect diagnostics, an empty log is refused with its usual cause.
            var escapeLog = expectations.Expectations.Any(e => e.Line > 0)
                ? EscapeLog.Load(parse.GetValue(log)!)
                : LoadMaybeEmpty(parse.GetValue(log)!);
            var findings = expectations.Check(escapeLog);
            CommonOptions.Print(findings.ToDataFrame(), parse.GetValue(format));
            Console.Error.WriteLine($"{expectations.Expectations.Count(e => e.Line > 0)} expectations: {findings.Describe()}");
            return findings.AllMet ? 0 : 1;
        }));
        return command;
    }
}
