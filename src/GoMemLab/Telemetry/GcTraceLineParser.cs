using System.Buffers.Text;

namespace GoMemLab.Telemetry;

/// <summary>
/// Parses one gctrace line from its UTF-8 bytes without allocating: a cursor walks the fixed layout
/// the runtime prints (see <see cref="GcTraceLine"/>), so a million lines cost no more than reading them.
/// Anything that deviates (a truncated line, another program's output) is rejected, never guessed at.
/// </summary>
public static class GcTraceLineParser
{
    /// <summary>
    /// True when <paramref name="line"/> starts like a gctrace line ("gc " and a digit): such a line that
    /// then fails <see cref="TryParse"/> is damaged (truncated, interleaved), not merely someone else's output.
    /// </summary>
    public static bool LooksLikeGcLine(ReadOnlySpan<byte> line) =>
        line.Length > 3 && line[0] == (byte)'g' && line[1] == (byte)'c' && line[2] == (byte)' ' && IsDigit(line[3]);

    /// <summary>
    /// Parses a whole line (without its newline; a trailing '\r' is tolerated). Returns false, leaving
    /// <paramref name="result"/> default, when the line is not a complete gctrace line in the Go 1.18+
    /// layout (with Go 1.26's " (checking for goroutine leaks)" after the percent) or the older layout
    /// without "MB stacks" and "MB globals".
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> line, long lineNumber, out GcTraceLine result)
    {
        result = default;
        if (!line.IsEmpty && line[^1] == (byte)'\r') line = line[..^1];
        var c = new Cursor(line);
        if (!c.Literal("gc "u8) || !c.Integer(out var gc)) return false;
        if (!c.Literal(" @"u8) || !c.Decimal(out var at) || !c.Literal("s "u8)) return false;
        if (!c.Integer(out var cpuPercent) || !c.Literal("%"u8)) return false;
        // Go 1.26 (runtime/mgc.go, gcMarkTermination) marks a cycle that ran the goroutine leak check.
        var leakCheck = c.Literal(" (checking for goroutine leaks)"u8);
        if (!c.Literal(": "u8)) return false;
        if (!c.Decimal(out var clockSweep) || !c.Literal("+"u8) || !c.Decimal(out var clockMark) || !c.Literal("+"u8)
            || !c.Decimal(out var clockMarkTerm) || !c.Literal(" ms clock, "u8)) return false;
        if (!c.Decimal(out var cpuSweep) || !c.Literal("+"u8) || !c.Decimal(out var cpuAssist) || !c.Literal("/"u8)
            || !c.Decimal(out var cpuBackground) || !c.Literal("/"u8) || !c.Decimal(out var cpuIdle) || !c.Literal("+"u8)
            || !c.Decimal(out var cpuMarkTerm) || !c.Literal(" ms cpu, "u8)) return false;
        if (!c.Integer(out var heapStart) || !c.Literal("->"u8) || !c.Integer(out var heapEnd) || !c.Literal("->"u8)
            || !c.Integer(out var heapLive) || !c.Literal(" MB, "u8)) return false;
        if (!c.Integer(out var goal) || !c.Literal(" MB goal, "u8)) return false;

        // Go 1.18+ adds "X MB stacks, Y MB globals, " before the processor count.
        long? stacks = null, globals = null;
        if (!c.Integer(out var number)) return false;
        if (c.Literal(" MB stacks, "u8))
        {
            stacks = number;
            if (!c.Integer(out var g) || !c.Literal(" MB globals, "u8) || !c.Integer(out number)) return false;
            globals = g;
        }
        if (!c.Literal(" P"u8)) return false;
        var forced = c.Literal(" (forced)"u8);
        if (!c.AtEnd) return false;
        // Counts past int range are damage (the runtime prints int32 values), not a reason to throw.
        if (gc > int.MaxValue || cpuPercent > int.MaxValue || number > int.MaxValue) return false;

        result = new GcTraceLine
        {
            Gc = (int)gc,
            AtSeconds = at,
            CpuPercent = (int)cpuPercent,
            ClockSweepTerminationMs = clockSweep,
            ClockMarkMs = clockMark,
            ClockMarkTerminationMs = clockMarkTerm,
            CpuSweepTerminationMs = cpuSweep,
            CpuAssistMs = cpuAssist,
            CpuBackgroundMs = cpuBackground,
            CpuIdleMs = cpuIdle,
            CpuMarkTerminationMs = cpuMarkTerm,
            HeapStartMb = heapStart,
            HeapEndMb = heapEnd,
            HeapLiveMb = heapLive,
            GoalMb = goal,
            StacksMb = stacks,
            GlobalsMb = globals,
            Procs = (int)number,
            Forced = forced,
            CheckedGoroutineLeaks = leakCheck,
            LineNumber = lineNumber,
        };
        return true;
    }

    private static bool IsDigit(byte b) => (uint)(b - '0') <= 9;

    private ref struct Cursor(ReadOnlySpan<byte> text)
    {
        private ReadOnlySpan<byte> _rest = text;

        public readonly bool AtEnd => _rest.IsEmpty;

        public bool Literal(ReadOnlySpan<byte> expected)
        {
            if (!_rest.StartsWith(expected)) return false;
            _rest = _rest[expected.Length..];
            return true;
        }

        /// <summary>A non-negative decimal integer of at most 18 digits (no sign, no separators).</summary>
        public bool Integer(out long value)
        {
            value = 0;
            int i = 0;
            while (i < _rest.Length && i < 18 && IsDigit(_rest[i])) value = value * 10 + (_rest[i++] - '0');
            if (i == 0 || (i < _rest.Length && IsDigit(_rest[i]))) return false;
            _rest = _rest[i..];
            return true;
        }

        /// <summary>
        /// Digits with an optional fraction ("0.10", "12", "1.9"). The value is exact to the last bit: the
        /// digits form an integer below 2^53 and 10^k is exact for k ≤ 22, so one IEEE division is
        /// correctly rounded — the same double a full decimal parser returns, without its cost.
        /// </summary>
        public bool Decimal(out double value)
        {
            value = 0;
            long mantissa = 0;
            int i = 0, digits = 0, fraction = 0;
            while (i < _rest.Length && IsDigit(_rest[i])) { mantissa = mantissa * 10 + (_rest[i++] - '0'); digits++; }
            if (digits == 0) return false;
            if (i < _rest.Length && _rest[i] == (byte)'.')
            {
                i++;
                while (i < _rest.Length && IsDigit(_rest[i])) { mantissa = mantissa * 10 + (_rest[i++] - '0'); digits++; fraction++; }
                if (fraction == 0) return false;
            }
            if (digits > 15 || fraction > 15)
            {
                // Out of the exact fast path (never printed by the runtime): use the general parser.
                if (!Utf8Parser.TryParse(_rest[..i], out value, out var consumed) || consumed != i) return false;
            }
            else value = fraction == 0 ? mantissa : mantissa / PowersOfTen[fraction];
            _rest = _rest[i..];
            return true;
        }

        private static ReadOnlySpan<double> PowersOfTen => [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14,
            1e15];
    }
}
