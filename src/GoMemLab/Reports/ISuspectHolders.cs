using GoMemLab.Joins;

namespace GoMemLab.Reports;

/// <summary>
/// What keeps a leak suspect alive, from evidence a heap profile does not carry: a heap dump's roots. An
/// <see cref="IncidentReport"/> given one (<see cref="IncidentReportInputs.Holders"/>) names, under each suspect's remedy, the root
/// that holds it. The heap-dump reader provides the implementation (its holders per allocation site); the report only asks.
/// </summary>
public interface ISuspectHolders
{
    /// <summary>
    /// One line naming the root that holds most of the suspect's objects and the path from it (e.g. "main.sessions → []*Session"),
    /// or null when the evidence has none of the suspect's objects. Must not throw for a site it does not know.
    /// </summary>
    string? HeldBy(SiteLeakSuspect suspect);
}
