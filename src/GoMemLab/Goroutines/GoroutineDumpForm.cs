namespace GoMemLab.Goroutines;

/// <summary>Which of Go's goroutine dump forms a <see cref="GoroutineDump"/> was read from.</summary>
public enum GoroutineDumpForm
{
    /// <summary>pprof protobuf (<c>/debug/pprof/goroutine</c>, <c>debug=0</c>): a count per distinct stack.</summary>
    Protobuf,
    /// <summary>The legacy text of <c>debug=1</c>: <c>goroutine profile: total N</c>, then a count per distinct stack.</summary>
    CountText,
    /// <summary><c>debug=2</c>: every goroutine with its id, state, wait, stack with arguments and creation site.</summary>
    Stacks,
    /// <summary>The <c>debug=2</c> shape as a crash prints it: a panic, fatal error or signal (SIGQUIT) before the goroutines.</summary>
    Traceback,
}

/// <summary>Words for <see cref="GoroutineDumpForm"/>, as cards and tables print them.</summary>
public static class GoroutineDumpFormText
{
    public static string ToText(this GoroutineDumpForm form) => form switch
    {
        GoroutineDumpForm.Protobuf => "protobuf (debug=0)",
        GoroutineDumpForm.CountText => "count text (debug=1)",
        GoroutineDumpForm.Stacks => "stacks (debug=2)",
        GoroutineDumpForm.Traceback => "traceback (panic or signal)",
        _ => throw new ArgumentOutOfRangeException(nameof(form), form, null),
    };

    /// <summary>True for the forms that list every goroutine (id, state, wait, creation site).</summary>
    public static bool HasGoroutineDetail(this GoroutineDumpForm form) => form is GoroutineDumpForm.Stacks or GoroutineDumpForm.Traceback;
}
