using System.CommandLine;
using System.Globalization;
using GoMemLab.Cli.Terminal;
using GoMemLab.HeapDumps;

namespace GoMemLab.Cli.Commands;

/// <summary>
/// `gomemlab heapdump info|roots|sites|path|dominators|suspects|diff|redact`: who keeps the memory of a Go heap dump
/// alive. Each command loads with <see cref="HeapDump.Load(string, IProgress{Profiles.LoadProgress}?, CancellationToken)"/>
/// and prints one analysis; no analysis lives here.
/// </summary>
public static class HeapDumpCommands
{
    public static Command Create()
    {
        var command = new Command("heapdump",
            "Who keeps it alive: GC roots, dominator tree and retained sizes of a Go heap dump (runtime/debug.WriteHeapDump).");
        command.Subcommands.Add(Info());
        command.Subcommands.Add(Roots());
        command.Subcommands.Add(Sites());
        command.Subcommands.Add(PathCommand());
        command.Subcommands.Add(Dominators());
        command.Subcommands.Add(Suspects());
        command.Subcommands.Add(DiffCommand());
        command.Subcommands.Add(Redact());
        return command;
    }

    private static Argument<string> DumpArgument(string name = "DUMP") =>
        new(name)
        {
            Description = "A heap dump written by runtime/debug.WriteHeapDump (file or http(s) URL of a /debug/heapdump handler).",
        };

    internal static Option<string?> BinaryOption() => new("--binary")
    {
        Description = "The program that wrote the dump (ELF, not stripped): names global roots by symbol (main.sessions, main.cache+0x8).",
    };

    internal static async Task<HeapDump> LoadAsync(string pathOrUrl, string? binary, CancellationToken cancel)
    {
        var progress = LoadProgressDisplay.OnStderr();
        HeapDump dump;
        try
        {
            dump = await HeapDump.LoadAsync(pathOrUrl, progress, cancel);
        }
        finally
        {
            progress.Complete();
        }
        if (binary is not null)
        {
            var note = dump.NameRootsWith(binary);
            if (note is not null) Console.Error.WriteLine($"gomemlab: {note}");
        }
        return dump;
    }

    private static Command Info()
    {
        var dump = DumpArgument();
        var format = CommonOptions.Format();
        var command = new Command("info",
            "One row: objects and bytes, reachable and garbage (the dump runs no GC), roots, Go version, pointer size.") { dump, format };
        command.SetAction((parse, cancel) => CliRun.GuardAsync(async () =>
        {
            var loaded = await LoadAsync(parse.GetValue(dump)!, null, cancel);
            return CommonOptions.Print(loaded.Info().ToDataFrame(), parse.GetValue(format));
        }));
        return command;
    }

    private static Command Roots()
    {
        var dump = DumpArgument();
        var binary = BinaryOption();
        var format = CommonOptions.Format();
        var output = CommonOptions.Output();
        var command = new Command("roots",
            "Every GC root (global, goroutine, finalizer, other) with the bytes and objects it alone keeps alive, largest first.")
        {
            dump, binary, format, output,
        };
        command.SetAction((parse, cancel) => CliRun.GuardAsync(async () =>
        {
            var loaded = await LoadAsync(parse.GetValue(dump)!, parse.GetValue(binary), cancel);
            return CommonOptions.Print(loaded.RootRetention().ToDataFrame(), parse.GetValue(format), parse.GetValue(output));
        }));
        return command;
    }

    private static Command Sites()
    {
        var dump = DumpArgument();
        var format = CommonOptions.Format();
        var output = CommonOptions.Output();
        var command = new Command("sites",
            "Allocation sites (file:line of the first non-runtime frame) with their reachable objects, what they retain, and their "
                + "garbage. "
            + "Only sampled objects have a site: all of them with runtime.MemProfileRate = 1.")
        {
            dump, format, output,
        };
        command.SetAction((parse, cancel) => CliRun.GuardAsync(async () =>
        {
            var loaded = await LoadAsync(parse.GetValue(dump)!, null, cancel);
            var report = loaded.SiteRetention();
            Console.Error.WriteLine($"gomemlab: {report.Coverage}");
            return CommonOptions.Print(report.ToDataFrame(), parse.GetValue(format), parse.GetValue(output));
        }));
        return command;
    }

    private static Command PathCommand()
    {
        var dump = DumpArgument();
        var binary = BinaryOption();
        var site = new Option<string?>("--site")
        {
            Description = "Path to the nearest reachable object allocated at FILE:LINE (a unique suffix such as cache.go:33 will do).",
        };
        var address = new Option<string?>("--object") { Description = "Path to the object containing this address (0x…)." };
        var merged = new Option<bool>("--merged")
        {
            Description = "With --site: MAT's merged shortest paths of all the site's objects, as a tree, instead of one path.",
        };
        var format = CommonOptions.Format();
        var command = new Command("path",
            "A shortest path from the GC roots to an object or to a site's objects: depth 0 is the root, the last row the target.")
        {
            dump, binary, site, address, merged, format,
        };
        command.SetAction((parse, cancel) => CliRun.GuardAsync(async () =>
        {
            var siteValue = parse.GetValue(site);
            var addressValue = parse.GetValue(address);
            if ((siteValue is null) == (addressValue is null))
                throw new ArgumentException("give exactly one of --site FILE:LINE and --object 0xADDR");
            if (parse.GetValue(merged) && siteValue is null) throw new ArgumentException("--merged needs --site");
            ulong target = 0;
            if (addressValue is not null && !TryParseAddress(addressValue, out target))
                throw new ArgumentException($"--object {addressValue} is not an address (expected hexadecimal such as 0xc000012000)");
            var loaded = await LoadAsync(parse.GetValue(dump)!, parse.GetValue(binary), cancel);
            if (parse.GetValue(merged))
                return CommonOptions.Print(loaded.MergedPathsToSite(siteValue!).ToDataFrame(), parse.GetValue(format));
            var report = siteValue is not null ? loaded.PathToSite(siteValue) : loaded.PathTo(target);
            if (report.Rows.Count == 0)
                Console.Error.WriteLine($"gomemlab: {report.Target} is not reachable from any root (garbage the next GC frees)");
            return CommonOptions.Print(report.ToDataFrame(), parse.GetValue(format));
        }));
        return command;
    }

    private static bool TryParseAddress(string text, out ulong address)
    {
        var digits = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? text[2..] : text;
        return ulong.TryParse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out address);
    }

    private static Command Dominators()
    {
        var dump = DumpArgument();
        var binary = BinaryOption();
        var depth = new Option<int>("--depth")
        {
            Description = "Levels of the tree below the roots to print (default 2).",
            DefaultValueFactory = _ => 2,
        };
        var children = new Option<int>("--children")
        {
            Description = "Biggest children printed per node (default 10).",
            DefaultValueFactory = _ => 10,
        };
        var format = CommonOptions.Format();
        var command = new Command("dominators",
            "The top of the dominator tree: each root and object with the bytes it alone keeps alive, children largest first.")
        {
            dump, binary, depth, children, format,
        };
        command.SetAction((parse, cancel) => CliRun.GuardAsync(async () =>
        {
            if (parse.GetValue(depth) < 0) throw new ArgumentException("--depth must be 0 or more");
            if (parse.GetValue(children) < 1) throw new ArgumentException("--children must be at least 1");
            var loaded = await LoadAsync(parse.GetValue(dump)!, parse.GetValue(binary), cancel);
            return CommonOptions.Print(loaded.Dominators(parse.GetValue(depth), parse.GetValue(children)).ToDataFrame(),
                parse.GetValue(format));
        }));
        return command;
    }

    private static Command Suspects()
    {
        var dump = DumpArgument();
        var binary = BinaryOption();
        var threshold = new Option<double>("--threshold")
        {
            Description = "Share of the reachable heap a suspect retains (default 0.1, as Eclipse MAT).", DefaultValueFactory = _ => 0.1,
        };
        var format = CommonOptions.Format();
        var command = new Command("suspects",
            "Leak suspects as Eclipse MAT finds them: roots (or groups of goroutines) retaining more than a tenth of the reachable "
                + "heap, each with its accumulation point.")
        {
            dump, binary, threshold, format,
        };
        command.SetAction((parse, cancel) => CliRun.GuardAsync(async () =>
        {
            if (parse.GetValue(threshold) is <= 0 or >= 1) throw new ArgumentException("--threshold must be between 0 and 1");
            var loaded = await LoadAsync(parse.GetValue(dump)!, parse.GetValue(binary), cancel);
            var report = loaded.LeakSuspects(parse.GetValue(threshold));
            foreach (var suspect in report.Rows) Console.Error.WriteLine($"gomemlab: {suspect.Description}");
            return CommonOptions.Print(report.ToDataFrame(), parse.GetValue(format));
        }));
        return command;
    }

    private static Command DiffCommand()
    {
        var before = DumpArgument("OLD");
        var after = DumpArgument("NEW");
        var binary = BinaryOption();
        var by = new Option<string>("--by")
        {
            Description = "Compare per root (default) or per allocation site.", HelpName = "root|site",
            DefaultValueFactory = _ => "root",
        };
        by.AcceptOnlyFromAmong("root", "site");
        var format = CommonOptions.Format();
        var command = new Command("diff",
            "Retained bytes per root (or per site) in two dumps of one program, biggest growth first.") { before, after, binary, by,
                format };
        command.SetAction((parse, cancel) => CliRun.GuardAsync(async () =>
        {
            var old = await LoadAsync(parse.GetValue(before)!, parse.GetValue(binary), cancel);
            var @new = await LoadAsync(parse.GetValue(after)!, parse.GetValue(binary), cancel);
            var diff = HeapDumpDiff.Compare(old, @new);
            return CommonOptions.Print(parse.GetValue(by) == "site" ? diff.SitesToDataFrame() : diff.RootsToDataFrame(),
                parse.GetValue(format));
        }));
        return command;
    }

    private static Command Redact()
    {
        var input = new Argument<string>("IN") { Description = "The heap dump to redact." };
        var output = new Argument<string>("OUT") { Description = "Where to write the redacted dump (must not exist)." };
        var command = new Command("redact",
            "Write a copy safe to share: every byte of object, stack and global contents that is not a pointer is zeroed; every "
                + "analysis of OUT equals that of IN.")
        {
            input, output,
        };
        command.SetAction((parse, cancel) => CliRun.GuardAsync(() =>
        {
            var summary = HeapDumpRedactor.Redact(parse.GetValue(input)!, parse.GetValue(output)!, cancel);
            Console.Error.WriteLine($"gomemlab: wrote {parse.GetValue(output)}: {summary}");
            return Task.FromResult(0);
        }));
        return command;
    }
}
