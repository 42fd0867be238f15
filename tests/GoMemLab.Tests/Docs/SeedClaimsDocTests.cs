using GoMemLab.Tests.Support;

namespace GoMemLab.Tests.Docs;

/// <summary>
/// docs/seed-claims.md quotes real toolchain output; data/gen/67-seed-claims.sh reruns every command it quotes and
/// writes data/artifacts/seed-claims/transcript.txt (failing when a verdict stops holding). This keeps the doc and the
/// transcript together: every line of every ```text block of the doc is in the transcript.
/// </summary>
public sealed class SeedClaimsDocTests
{
    [Fact]
    public void Every_quoted_output_line_is_in_the_toolchain_transcript()
    {
        var transcript = File.ReadAllLines(RepoPaths.Artifact("seed-claims", "transcript.txt")).Select(l => l.Trim()).ToList();
        var missing = new List<string>();
        var quoted = 0;
        var inBlock = false;
        foreach (var raw in File.ReadLines(Path.Combine(RepoPaths.Root, "docs", "seed-claims.md")))
        {
            if (raw.StartsWith("```", StringComparison.Ordinal))
            {
                inBlock = !inBlock && raw == "```text";
                continue;
            }
            var line = raw.Trim();
            if (!inBlock || line.Length == 0) continue;
            quoted++;
            if (!transcript.Any(t => t.Contains(line, StringComparison.Ordinal))) missing.Add(line);
        }
        Assert.True(quoted > 40, $"only {quoted} quoted lines found");
        Assert.Empty(missing);
    }

    [Fact]
    public void The_transcript_names_no_path_of_the_machine_that_made_it()
    {
        var text = File.ReadAllText(RepoPaths.Artifact("seed-claims", "transcript.txt"));
        Assert.DoesNotContain("/work/", text, StringComparison.Ordinal);
        Assert.DoesNotContain("/tmp/", text, StringComparison.Ordinal);
        Assert.DoesNotContain("/root/", text, StringComparison.Ordinal);
        Assert.Contains("## gcrootdump", text, StringComparison.Ordinal);
    }
}
