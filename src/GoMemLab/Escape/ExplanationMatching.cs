using System.Runtime.InteropServices;

namespace GoMemLab.Escape;

/// <summary>
/// Ties each <c>X escapes to heap:</c> explanation to the heap decision it explains (see
/// <see cref="EscapeLogBuilder"/> for why this cannot be done line by line).
/// </summary>
internal static class ExplanationMatching
{
    private readonly record struct Key(int Package, int File, int Line, int Column);

    /// <summary>
    /// Within one package and position: explanations go to decisions with the same subject (pairwise
    /// when the counts agree, otherwise each to the first such decision printed after it); the rest
    /// go, subject by subject, to the decisions there that have none; what is still left becomes a
    /// diagnostic of <paramref name="orphanKind"/> appended to <paramref name="drafts"/>.
    /// </summary>
    public static void Match(List<EscapeLogBuilder.Draft> drafts, List<EscapeLogBuilder.Explanation> explanations, EscapeKind orphanKind)
    {
        var decisions = new Dictionary<Key, List<int>>();
        for (var i = 0; i < drafts.Count; i++)
        {
            var d = drafts[i];
            if (!d.Kind.IsHeapDecision()) continue;
            var key = new Key(d.Package, d.File, d.Line, d.Column);
            if (!decisions.TryGetValue(key, out var list)) decisions[key] = list = [];
            list.Add(i);
        }
        var pending = new Dictionary<Key, List<int>>();
        for (var e = 0; e < explanations.Count; e++)
        {
            var x = explanations[e];
            if (x.Owner >= 0) continue;
            var key = new Key(x.Package, x.File, x.Line, x.Column);
            if (!pending.TryGetValue(key, out var list)) pending[key] = list = [];
            list.Add(e);
        }

        var xs = CollectionsMarshal.AsSpan(explanations);
        foreach (var (key, waiting) in pending)
        {
            var here = decisions.TryGetValue(key, out var found) ? found : [];
            var leftover = new List<int>();
            foreach (var group in waiting.GroupBy(e => explanations[e].Subject))
            {
                var same = here.Where(d => drafts[d].Subject == group.Key).ToList();
                var members = group.ToList();
                if (same.Count == 0) { leftover.AddRange(members); continue; }
                for (var k = 0; k < members.Count; k++)
                {
                    var e = members[k];
                    var owner = same.Count == members.Count ? same[k] : FirstAfter(drafts, same, xs[e].Sequence);
                    Attach(drafts, xs, e, owner);
                }
            }
            var unexplained = here.Where(d => drafts[d].FirstExplanation < 0).ToList();
            var next = 0;
            foreach (var group in leftover.GroupBy(e => explanations[e].Subject))
            {
                if (next < unexplained.Count)
                {
                    foreach (var e in group) Attach(drafts, xs, e, unexplained[next]);
                    next++;
                    continue;
                }
                var x = xs[group.First()];
                drafts.Add(new EscapeLogBuilder.Draft
                {
                    Package = x.Package, File = x.File, Line = x.Line, Column = x.Column, Kind = orphanKind,
                    Subject = orphanKind == EscapeKind.Other ? "" : x.Subject, Message = x.Message, LogLine = x.LogLine,
                    Sequence = x.Sequence, FirstExplanation = -1,
                });
                foreach (var e in group) Attach(drafts, xs, e, drafts.Count - 1);
            }
        }
    }

    private static int FirstAfter(List<EscapeLogBuilder.Draft> drafts, List<int> candidates, long sequence)
    {
        foreach (var d in candidates)
            if (drafts[d].Sequence > sequence) return d;
        return candidates[^1];
    }

    private static void Attach(List<EscapeLogBuilder.Draft> drafts, Span<EscapeLogBuilder.Explanation> xs, int explanation, int owner)
    {
        xs[explanation].Owner = owner;
        var draft = CollectionsMarshal.AsSpan(drafts);
        if (draft[owner].Subject.Length == 0 && draft[owner].Kind.IsHeapDecision())
        {
            // The JSON form's decision record has no message; its explanation names the subject.
            draft[owner].Subject = xs[explanation].Subject;
            draft[owner].Message = xs[explanation].Subject + " escapes to heap";
        }
        if (draft[owner].FirstExplanation < 0) { draft[owner].FirstExplanation = explanation; return; }
        var tail = draft[owner].FirstExplanation;
        while (xs[tail].Next >= 0) tail = xs[tail].Next;
        xs[tail].Next = explanation;
    }
}
