namespace GoMemLab.Profiles.Analyses;

/// <summary>
/// The <c>top</c> report of <c>go tool pprof</c>: one row per node (function, line, file or address) with
/// flat (value of samples whose leaf is the node), cum (value of samples with the node anywhere on the
/// stack, counted once per sample) and their shares. Rows, values and order are those of
/// <c>go tool pprof -top -nodefraction=0</c> (Go 1.19's pprof) with the same sample index, granularity,
/// focus/ignore/hide and nodecount; see <see cref="TopOptions"/>.
/// <para>
/// Percentages are of pprof's total: the sum of |value| over ALL samples, before focus/ignore/hide (pprof's
/// default, not <c>-relative_percentages</c>); for a diff (samples labelled <c>pprof::base</c>), the total of the
/// base samples only. sum% is the running sum of flat down the rows. pprof's " (inline)" suffix is not part of
/// the name: <c>inline</c> is true when every remaining incoming call edge is an inlined call, <c>partial_inline</c>
/// when some are (pprof's "(partial-inline)").
/// </para>
/// </summary>
public static class Top
{
    /// <summary>Computes the report. Throws <see cref="ArgumentException"/> for an unknown sample index or a bad regex.</summary>
    public static TopReport Compute(Profile profile, TopOptions? options = null)
    {
        options ??= new TopOptions();
        var sampleIndex = profile.SampleIndexByName(options.SampleIndex);
        var total = ComputeTotal(profile, sampleIndex);
        var filter = options.Filter;
        var stacks = filter.Apply(profile);
        var (locationNodes, identities) = AssignNodes(profile, stacks, options.Granularity);
        var names = identities.Select(i => i.PrintableName).ToArray();

        var graph = CallGraph.Build(profile, stacks, sampleIndex, locationNodes, identities.Count, kept: null);
        long totalValue = 0;
        foreach (var n in graph.Nodes()) totalValue += graph.Flat[n];
        var nodeCutoff = Math.Abs((long)(totalValue * options.NodeFraction));
        var edgeCutoff = Math.Abs((long)(totalValue * options.EdgeFraction));
        var dropped = 0;
        if (nodeCutoff > 0)
        {
            var kept = new bool[identities.Count];
            int present = 0, keptCount = 0;
            foreach (var n in graph.Nodes())
            {
                present++;
                if (Math.Abs(graph.Cum[n]) >= nodeCutoff) { kept[n] = true; keptCount++; }
            }
            if (keptCount != present)
            {
                dropped = present - keptCount;
                graph = CallGraph.Build(profile, stacks, sampleIndex, locationNodes, identities.Count, kept);
            }
        }
        var order = Sort(graph, names, identities, options.SortByCum);
        if (options.NodeCount > 0 && order.Count > options.NodeCount)
        {
            var kept = new bool[identities.Count];
            foreach (var n in order.Take(options.NodeCount)) kept[n] = true;
            graph = CallGraph.Build(profile, stacks, sampleIndex, locationNodes, identities.Count, kept);
            order = Sort(graph, names, identities, options.SortByCum);
        }

        var (inline, partialInline) = InlineMarks(graph, identities.Count, edgeCutoff);
        var rows = new List<TopRow>(order.Count);
        long flatSum = 0;
        foreach (var n in order)
        {
            flatSum += graph.Flat[n];
            rows.Add(new TopRow(names[n], graph.Flat[n], Percentage(graph.Flat[n], total), Percentage(flatSum, total),
                graph.Cum[n], Percentage(graph.Cum[n], total), inline[n], partialInline[n], identities[n]));
        }
        var type = profile.SampleTypes[sampleIndex];
        return new TopReport(rows, total, type, options.Granularity, stacks.SampleIds.Length, dropped,
            string.IsNullOrEmpty(filter.Focus) || stacks.FocusMatched, string.IsNullOrEmpty(filter.Ignore) || stacks.IgnoreMatched,
            string.IsNullOrEmpty(filter.Hide) || stacks.HideMatched);
    }

    /// <summary>pprof's report total: Σ|value| over all samples, or over the diff-base samples when there are any.</summary>
    public static long ComputeTotal(Profile profile, int sampleIndex)
    {
        var samples = profile.Samples;
        long total = 0, baseTotal = 0;
        var hasLabels = samples.LabelStart is not null;
        for (var s = 0; s < samples.Count; s++)
        {
            var v = Math.Abs(samples.Value(s, sampleIndex));
            total += v;
            if (hasLabels && samples.StringLabel(s, ProfileDiff.BaseLabel) == "true") baseTotal += v;
        }
        return baseTotal > 0 ? baseTotal : total;
    }

    private static double Percentage(long value, long total) => total == 0 ? 0 : Math.Abs((double)value / total) * 100;

    private static (int[][] LocationNodes, List<NodeIdentity> Identities) AssignNodes(Profile profile, FilteredStacks stacks,
        Granularity granularity)
    {
        var locations = profile.Locations;
        var functions = profile.Functions;
        var identities = new List<NodeIdentity>();
        var index = new Dictionary<NodeIdentity, int>();
        var result = new int[locations.Count][];
        var cleanedFiles = new Dictionary<string, string>();
        for (var l = 0; l < locations.Count; l++)
        {
            var m = locations.MappingIndexes[l];
            var objectFile = m >= 0 ? profile.Mappings[m].File : "";
            var address = granularity == Granularity.Addresses ? locations.Addresses[l] : 0;
            var lines = stacks.LocationLines[l];
            var nodes = new int[Math.Max(1, lines.Length)];
            for (var k = 0; k < nodes.Length; k++)
            {
                NodeIdentity identity;
                var f = lines.Length == 0 ? -1 : locations.LineFunction[lines[k]];
                if (f < 0) identity = new NodeIdentity("", address, "", 0, 0, objectFile);
                else
                {
                    var name = granularity == Granularity.Files ? "" : functions.Names[f];
                    var line = granularity is Granularity.Lines or Granularity.Addresses ? locations.LineNumbers[lines[k]] : 0;
                    var file = "";
                    if (granularity != Granularity.Functions && functions.FileNames[f].Length > 0)
                    {
                        var raw = functions.FileNames[f];
                        if (!cleanedFiles.TryGetValue(raw, out file!)) cleanedFiles[raw] = file = GoPath.Clean(GoPath.TrimSourcePath(raw));
                    }
                    // pprof keeps the object file and start line only for frames without a function name.
                    identity = name.Length == 0
                        ? new NodeIdentity(name, address, file, functions.StartLines[f], line, objectFile)
                        : new NodeIdentity(name, address, file, 0, line, "");
                }
                if (!index.TryGetValue(identity, out var node))
                {
                    node = identities.Count;
                    identities.Add(identity);
                    index.Add(identity, node);
                }
                nodes[k] = node;
            }
            result[l] = nodes;
        }
        return (result, identities);
    }

    private static List<int> Sort(CallGraph graph, string[] names, List<NodeIdentity> identities, bool byCum)
    {
        var order = graph.Nodes().ToList();
        var sprint = new Dictionary<int, string>();
        string Sprint(int n) => sprint.TryGetValue(n, out var s) ? s : sprint[n] = identities[n].GoSprint();
        order.Sort((a, b) =>
        {
            long first = byCum ? Math.Abs(graph.Cum[a]) : Math.Abs(graph.Flat[a]),
                firstB = byCum ? Math.Abs(graph.Cum[b]) : Math.Abs(graph.Flat[b]);
            if (first != firstB) return firstB.CompareTo(first);
            var byName = GoPath.CompareGo(names[a], names[b]);
            if (byName != 0) return byName;
            long second = byCum ? Math.Abs(graph.Flat[a]) : Math.Abs(graph.Cum[a]),
                secondB = byCum ? Math.Abs(graph.Flat[b]) : Math.Abs(graph.Cum[b]);
            if (second != secondB) return secondB.CompareTo(second);
            return GoPath.CompareGo(Sprint(a), Sprint(b));
        });
        return order;
    }

    private static (bool[] Inline, bool[] Partial) InlineMarks(CallGraph graph, int nodeCount, long edgeCutoff)
    {
        var hasInline = new bool[nodeCount];
        var hasCall = new bool[nodeCount];
        for (var e = 0; e < graph.EdgeSource.Count; e++)
        {
            if (Math.Abs(graph.EdgeWeight[e]) < edgeCutoff) continue;
            var dest = graph.EdgeDestination[e];
            if (graph.EdgeInline[e]) hasInline[dest] = true; else hasCall[dest] = true;
        }
        var inline = new bool[nodeCount];
        var partial = new bool[nodeCount];
        for (var n = 0; n < nodeCount; n++)
        {
            inline[n] = hasInline[n] && !hasCall[n];
            partial[n] = hasInline[n] && hasCall[n];
        }
        return (inline, partial);
    }
}
