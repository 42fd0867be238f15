using GoMemLab.Cli.Commands;

// A command line the parser rejects exits 2, like any other bad argument, so that exit code 1 always means a
// finding (a new heap escape, a failing cell): a CI gate must not read a typo as a regression.
var parse = CliRoot.Create().Parse(args);
var exit = await parse.InvokeAsync();
return parse.Errors.Count > 0 ? CliRun.UsageOrInputError : exit;
