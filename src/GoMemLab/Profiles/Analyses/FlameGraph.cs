namespace GoMemLab.Profiles.Analyses;

/// <summary>
/// The call tree of a profile as a flame graph: every distinct path root → callers → leaf becomes one node
/// (identical paths of different samples merge; the same function reached by two paths is two nodes), and a
/// node's value is the sum of the chosen sample value over the samples whose stack starts with its path.
/// Stacks are those <see cref="Top"/> sees (the profile's drop_frames pruning, then focus/ignore/hide); every
/// line of a location is a frame, so inlined calls are levels of their own, as in pprof's flame graph.
/// <para>
/// For a diff profile (<see cref="ProfileDiff.Compare"/>: base samples labelled <c>pprof::base</c> and negated) each node
/// also gets <c>base</c> (the base profile's value, positive) and <c>current</c>; the width is then
/// current + base, so paths that shrank to nothing stay visible, and <c>delta</c> = current − base says which
/// way it went.
/// </para>
/// </summary>
public static class FlameGraph
{
    /// <summary>The id of the root node (all samples).</summary>
    public const string RootId = "root";

    /// <summary>
    /// Builds the tree (see <see cref="FlameGraphReport"/> for its rows). <paramref name="sampleIndex"/> as in
    /// <see cref="Profile.SampleIndexByName"/>. Nodes whose value is below <paramref name="minimumShare"/> of the root's
    /// are dropped with their subtrees (a parent's value then exceeds the sum of its children's). Throws
    /// <see cref="ArgumentException"/> for an unknown sample index or an invalid filter regex.
    /// </summary>
    public static FlameGraphReport Compute(Profile profile, string? sampleIndex = null, ProfileFilter? filter = null,
        double minimumShare = 0.001)
    {
        var index = profile.SampleIndexByName(sampleIndex);
        var stacks = (filter ?? ProfileFilter.None).Apply(profile);
        var frameNames = FrameNames(profile);
        var locationLines = stacks.LocationLines;
        var lineFunction = profile.Locations.LineFunction;

        var tree = new Tree();
        var samples = profile.Samples;
        var hasLabels = samples.LabelStart is not null;
        for (var s = 0; s < stacks.SampleIds.Length; s++)
        {
            var sample = stacks.SampleIds[s];
            var value = samples.Value(sample, index);
            if (value == 0) continue;
            var isBase = hasLabels && samples.StringLabel(sample, ProfileDiff.BaseLabel) == "true";
            long current = isBase ? 0 : value, baseValue = isBase ? -value : 0;
            var node = 0;
            tree.Add(node, current, baseValue);
            for (var i = stacks.StackEnd[s] - 1; i >= stacks.StackStart[s]; i--)
            {
                var location = stacks.Frames[i];
                var lines = locationLines[location];
                if (lines.Length == 0)
                {
                    node = tree.Child(node, frameNames.Unsymbolized(location));
                    tree.Add(node, current, baseValue);
                    continue;
                }
                for (var k = lines.Length - 1; k >= 0; k--)
                {
                    node = tree.Child(node, frameNames.Line(location, lineFunction[lines[k]]));
                    tree.Add(node, current, baseValue);
                }
            }
            tree.AddSelf(node, current, baseValue);
        }
        return new FlameGraphReport(tree.Nodes(frameNames.Names, minimumShare), profile.SampleTypes[index], ProfileDiff.IsDiff(profile));
    }

    /// <summary>Names of frames as small integers, so tree edges are keyed by (parent, name id).</summary>
    private sealed class FrameNamer(Profile profile)
    {
        private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
        public readonly List<string> Names = [];

        public int Line(int location, int function) =>
            function < 0 ? Unsymbolized(location) : Id(profile.Functions.Name(function) is { Length: > 0 } name ? name : "<unknown>");

        public int Unsymbolized(int location)
        {
            var m = profile.Locations.MappingIndex(location);
            return Id(m >= 0 && profile.Mappings[m].File.Length > 0 ? "[" + Path.GetFileName(profile.Mappings[m].File) + "]" : "<unknown>");
        }

        private int Id(string name)
        {
            if (_ids.TryGetValue(name, out var id)) return id;
            _ids[name] = id = Names.Count;
            Names.Add(name);
            return id;
        }
    }

    private static FrameNamer FrameNames(Profile profile) => new(profile);

    private sealed class Tree
    {
        private readonly List<int> _parent = [-1];
        private readonly List<int> _name = [-1];
        private readonly List<long> _current = [0], _base = [0], _selfCurrent = [0], _selfBase = [0];
        private readonly Dictionary<(int Parent, int Name), int> _children = [];

        public int Child(int parent, int name)
        {
            if (_children.TryGetValue((parent, name), out var child)) return child;
            child = _parent.Count;
            _children[(parent, name)] = child;
            _parent.Add(parent);
            _name.Add(name);
            _current.Add(0);
            _base.Add(0);
            _selfCurrent.Add(0);
            _selfBase.Add(0);
            return child;
        }

        public void Add(int node, long current, long baseValue)
        {
            _current[node] += current;
            _base[node] += baseValue;
        }

        public void AddSelf(int node, long current, long baseValue)
        {
            _selfCurrent[node] += current;
            _selfBase[node] += baseValue;
        }

        private long Width(int node) => Math.Abs(_current[node]) + Math.Abs(_base[node]);

        public List<FlameNode> Nodes(List<string> names, double minimumShare)
        {
            var children = new List<int>[_parent.Count];
            for (var n = 1; n < _parent.Count; n++) (children[_parent[n]] ??= []).Add(n);
            var cutoff = Width(0) * minimumShare;
            var nodes = new List<FlameNode>();
            var pending = new Stack<(int Node, int Depth)>();
            pending.Push((0, 0));
            while (pending.Count > 0)
            {
                var (n, d) = pending.Pop();
                nodes.Add(new FlameNode(
                    n == 0 ? FlameGraph.RootId : "n" + n,
                    n == 0 ? "" : _parent[n] == 0 ? FlameGraph.RootId : "n" + _parent[n],
                    n == 0 ? "total" : names[_name[n]],
                    d, Width(n), Math.Abs(_selfCurrent[n]) + Math.Abs(_selfBase[n]), _current[n], _base[n]));
                if (children[n] is not { } kids) continue;
                // Pushed lightest first so the heaviest child comes out (and is listed) first.
                foreach (var kid in kids.Where(k => Width(k) > 0 && Width(k) >= cutoff)
                             .OrderBy(k => Width(k)).ThenByDescending(k => names[_name[k]], StringComparer.Ordinal))
                    pending.Push((kid, d + 1));
            }
            return nodes;
        }
    }
}
