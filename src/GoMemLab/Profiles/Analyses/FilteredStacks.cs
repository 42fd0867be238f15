using System.Text.RegularExpressions;

namespace GoMemLab.Profiles.Analyses;

/// <summary>
/// The stacks a pprof report sees after the profile's own drop_frames/keep_frames pruning and the
/// focus/ignore/hide filters, computed without copying the profile: per location, the lines that remain;
/// per selected sample, its remaining stack. Semantics are pprof's (profile.Prune, FilterSamplesByName):
/// <list type="bullet">
/// <item>prune: a location whose frames match drop_frames (and not keep_frames) loses that frame and the
/// inlined frames under it; scanning a stack from the root, the first such location after a non-matching
/// one cuts the stack there (everything leafward goes);</item>
/// <item>focus/ignore test every line of a location (function name, file name) and its mapping file; a
/// sample is kept when some location is focused and none ignored (no focus = every location is focused);</item>
/// <item>hide removes matching lines; a location left without lines leaves the stack; an empty stack drops the sample.</item>
/// </list>
/// Samples are only selected here; their values still come from the profile.
/// </summary>
internal sealed class FilteredStacks
{
    /// <summary>Line positions (into the LocationTable line columns) kept for each location, innermost first.</summary>
    public readonly int[][] LocationLines;

    /// <summary>Selected samples: their index in the profile and their stack as a range of <see cref="Frames"/>.</summary>
    public readonly int[] SampleIds;
    public readonly int[] StackStart;
    public readonly int[] StackEnd;
    public readonly int[] Frames;

    public bool FocusMatched { get; }
    public bool IgnoreMatched { get; }
    public bool HideMatched { get; }

    public FilteredStacks(Profile profile, Regex? focus, Regex? ignore, Regex? hide)
    {
        var locations = profile.Locations;
        var functions = profile.Functions;
        var count = locations.Count;
        LocationLines = new int[count][];
        for (var l = 0; l < count; l++)
            LocationLines[l] = Enumerable.Range(locations.LineStart[l], locations.LineCount(l)).ToArray();

        var (prune, pruneBeneath) = Prune(profile);

        // 0 = neither, 1 = focused, 2 = ignored (pprof's focusOrIgnore map).
        var mark = new byte[count];
        var hidden = new bool[count];
        var anyHidden = false;
        for (var l = 0; l < count; l++)
        {
            if (ignore is not null && Matches(profile, l, ignore)) { IgnoreMatched = true; mark[l] = 2; }
            else if (focus is null || Matches(profile, l, focus)) { FocusMatched |= focus is not null; mark[l] = 1; }
            if (hide is not null && Matches(profile, l, hide))
            {
                HideMatched = true;
                LocationLines[l] = MappingMatches(profile, l, hide) ? [] :
                    LocationLines[l].Where(k => locations.LineFunction[k] < 0 || !FunctionMatches(functions, locations.LineFunction[k],
                        hide)).ToArray();
                if (LocationLines[l].Length == 0) { hidden[l] = true; anyHidden = true; }
            }
        }

        var samples = profile.Samples;
        var ids = new GrowableArray<int>(samples.Count);
        var starts = new GrowableArray<int>(samples.Count);
        var ends = new GrowableArray<int>(samples.Count);
        var all = samples.LocationIndexes;
        var frames = anyHidden ? new GrowableArray<int>(all.Length) : null;
        for (var s = 0; s < samples.Count; s++)
        {
            var start = samples.LocationStart[s];
            var end = samples.LocationStart[s + 1];
            start = PrunedStart(all, start, end, prune, pruneBeneath);
            var focused = false;
            var ignored = false;
            for (var i = start; i < end && !ignored; i++)
            {
                var m = mark[all[i]];
                if (m == 2) ignored = true;
                else if (m == 1) focused = true;
            }
            if (!focused || ignored) continue;
            if (frames is not null)
            {
                var first = frames.Count;
                for (var i = start; i < end; i++)
                    if (!hidden[all[i]]) frames.Add(all[i]);
                if (frames.Count == first) continue;
                start = first;
                end = frames.Count;
            }
            ids.Add(s);
            starts.Add(start);
            ends.Add(end);
        }
        SampleIds = ids.Detach();
        StackStart = starts.Detach();
        StackEnd = ends.Detach();
        Frames = frames?.Detach() ?? all;
    }

    /// <summary>
    /// The profile's own drop_frames / keep_frames pattern, anchored as pprof does. These come from the file, so they
    /// are input: a pattern that does not compile is the file's error, and the non-backtracking engine (linear time,
    /// like Go's RE2) keeps a hostile pattern from hanging the analysis. Go 1.19's pprof differs here: it drops the
    /// compile error (internal/driver/fetch.go ignores RemoveUninteresting's result) and silently prunes nothing.
    /// </summary>
    private static Regex FrameFilter(Profile profile, string field, string pattern)
    {
        try
        {
            return new Regex("^(" + pattern + ")$", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            var shown = pattern.Length <= 80 ? pattern : pattern[..80] + "…";
            throw new GoMemLab.Inputs.InputFormatException(profile.Source,
                $"its {field} \"{shown}\" is not a usable regular expression ({e.Message})", inner: e);
        }
    }

    private (bool[] Prune, bool[] PruneBeneath) Prune(Profile profile)
    {
        var count = profile.Locations.Count;
        var prune = new bool[count];
        var pruneBeneath = new bool[count];
        if (profile.DropFrames.Length == 0) return (prune, pruneBeneath);
        var drop = FrameFilter(profile, "drop_frames", profile.DropFrames);
        var keep = profile.KeepFrames.Length > 0 ? FrameFilter(profile, "keep_frames", profile.KeepFrames) : null;
        var functions = profile.Functions;
        var lineFunction = profile.Locations.LineFunction;
        for (var l = 0; l < count; l++)
        {
            var lines = LocationLines[l];
            int i;
            for (i = lines.Length - 1; i >= 0; i--)
            {
                var f = lineFunction[lines[i]];
                if (f < 0 || functions.Names[f].Length == 0) continue;
                var name = SimplifyFunctionName(functions.Names[f]);
                if (drop.IsMatch(name) && (keep is null || !keep.IsMatch(name))) break;
            }
            if (i < 0) continue;
            pruneBeneath[l] = true;
            if (i == lines.Length - 1) prune[l] = true;
            else LocationLines[l] = lines[(i + 1)..];
        }
        return (prune, pruneBeneath);
    }

    private static int PrunedStart(int[] all, int start, int end, bool[] prune, bool[] pruneBeneath)
    {
        // Scan from the root; frames before the first user frame are never pruned.
        var foundUser = false;
        for (var i = end - 1; i >= start; i--)
        {
            var l = all[i];
            if (!prune[l] && !pruneBeneath[l]) { foundUser = true; continue; }
            if (!foundUser) continue;
            return prune[l] ? i + 1 : i;
        }
        return start;
    }

    /// <summary>pprof's simplifyFunc: drop a leading '.', and an argument list from the first '(' not part of "(anonymous namespace)" or
    /// "operator()".</summary>
    internal static string SimplifyFunctionName(string name)
    {
        if (name.StartsWith('.')) name = name[1..];
        for (var i = name.IndexOf('('); i >= 0; i = name.IndexOf('(', i + 1))
        {
            if (string.CompareOrdinal(name, i, "(anonymous namespace)", 0, 21) == 0) { i += 20; continue; }
            if (i >= 8 && string.CompareOrdinal(name, i - 8, "operator()", 0, 10) == 0) { i += 1; continue; }
            return name[..i];
        }
        return name;
    }

    private bool Matches(Profile profile, int location, Regex rx)
    {
        var lineFunction = profile.Locations.LineFunction;
        foreach (var k in LocationLines[location])
        {
            var f = lineFunction[k];
            if (f >= 0 && FunctionMatches(profile.Functions, f, rx)) return true;
        }
        return MappingMatches(profile, location, rx);
    }

    private static bool FunctionMatches(FunctionTable functions, int f, Regex rx) =>
        rx.IsMatch(functions.Names[f]) || rx.IsMatch(functions.FileNames[f]);

    private static bool MappingMatches(Profile profile, int location, Regex rx)
    {
        var m = profile.Locations.MappingIndexes[location];
        return m >= 0 && rx.IsMatch(profile.Mappings[m].File);
    }
}
