using System.Globalization;
using System.Text;

namespace PesanAI.Bench;

/// <summary>The results as Markdown tables (pasted as is into docs/benchmarks.md), and the goals met or not.</summary>
internal static class Report
{
    public const double SinglePostsGoal = 1_000;
    public const double BatchedMessagesGoal = 5_000;
    public const double BaselineRatioGoal = 0.5;

    /// <summary>The tables, then the goals.</summary>
    public static IEnumerable<string> All(IReadOnlyList<ScenarioResult> ours, IReadOnlyList<ScenarioResult>? baseline)
    {
        IReadOnlyList<ScenarioResult> every = baseline is null ? ours : [.. ours, .. baseline];
        yield return Results(every);
        yield return TimeGoes(every);
        if (baseline is not null)
        {
            yield return Ratios([(ours[0], baseline[0]), (ours[1], baseline[1])]);
        }

        foreach (var line in Goals(ours[0], ours[1], baseline?[0], baseline?[1]))
        {
            yield return line;
        }
    }

    public static string Results(IEnumerable<ScenarioResult> results)
    {
        var text = new StringBuilder();
        text.AppendLine("| scenario | POSTs | messages | seconds | POSTs/s | messages/s | p50 ms | p99 ms | max ms | non-200 (redelivered after) |");
        text.AppendLine("|---|--:|--:|--:|--:|--:|--:|--:|--:|---|");
        foreach (var r in results)
        {
            var failures = r.Failures.Count == 0 ? "0" : $"{r.FailureText} ({r.RedeliveredPosts} POSTs)";
            text.AppendLine(Row(r.Name, N(r.Posts), N(r.Messages), F(r.Seconds, "0.0"), N(r.PostsPerSecond), N(r.MessagesPerSecond),
                F(r.Latency.P50), F(r.Latency.P99), F(r.Latency.Max), failures));
        }

        return text.ToString();
    }

    public static string TimeGoes(IEnumerable<ScenarioResult> results)
    {
        var text = new StringBuilder();
        text.AppendLine("| scenario | cores: this process (senders + server) | cores: PostgreSQL | cores busy (machine) | cores: other processes | DB round trips per POST | DB wait per POST ms | mean POST ms |");
        text.AppendLine("|---|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var r in results)
        {
            text.AppendLine(Row(r.Name, F(r.Cpu.BenchProcess, "0.00"), F(r.Cpu.Postgres, "0.00"), F(r.Cpu.Machine, "0.00"),
                F(Math.Max(0, r.Cpu.Machine - r.Cpu.BenchProcess - r.Cpu.Postgres), "0.00"),
                F((double)r.Database.Operations / r.Posts, "0.0"), F(r.Database.Seconds * 1000 / r.Posts, "0.00"), F(r.Timings.LatenciesMs.DefaultIfEmpty().Average(), "0.00")));
        }

        return text.ToString();
    }

    public static string Ratios(IEnumerable<(ScenarioResult Ours, ScenarioResult Baseline)> pairs)
    {
        var text = new StringBuilder();
        text.AppendLine("| messages per POST | ours messages/s | baseline messages/s | ratio (ours / baseline) | ours p50 / p99 ms | baseline p50 / p99 ms |");
        text.AppendLine("|--:|--:|--:|--:|--:|--:|");
        foreach (var (ours, baseline) in pairs)
        {
            text.AppendLine(Row(N(ours.MessagesPerPost), N(ours.MessagesPerSecond), N(baseline.MessagesPerSecond),
                F(ours.MessagesPerSecond / baseline.MessagesPerSecond, "0.00"),
                $"{F(ours.Latency.P50)} / {F(ours.Latency.P99)}", $"{F(baseline.Latency.P50)} / {F(baseline.Latency.P99)}"));
        }

        return text.ToString();
    }

    public static IEnumerable<string> Goals(ScenarioResult single, ScenarioResult batched, ScenarioResult? singleBaseline, ScenarioResult? batchedBaseline)
    {
        yield return Goal($"≥ {N(SinglePostsGoal)} single-message POSTs/s", single.PostsPerSecond >= SinglePostsGoal, $"{N(single.PostsPerSecond)} POSTs/s");
        yield return Goal($"≥ {N(BatchedMessagesGoal)} messages/s batched ({batched.MessagesPerPost} per POST)", batched.MessagesPerSecond >= BatchedMessagesGoal, $"{N(batched.MessagesPerSecond)} messages/s");
        foreach (var (ours, baseline) in new[] { (single, singleBaseline), (batched, batchedBaseline) })
        {
            if (baseline is not null)
            {
                var ratio = ours.MessagesPerSecond / baseline.MessagesPerSecond;
                yield return Goal($"≥ {BaselineRatioGoal:0.0}× the baseline's rate, {ours.MessagesPerPost} per POST", ratio >= BaselineRatioGoal, $"{ratio:0.00}×");
            }
        }
    }

    private static string Goal(string goal, bool met, string measured) => $"- {goal}: {(met ? "met" : "NOT met")} ({measured})";

    private static string Row(params string[] cells) => "| " + string.Join(" | ", cells) + " |";

    private static string N(double value) => value.ToString("#,0", CultureInfo.InvariantCulture);

    private static string F(double value, string format = "0.0") => value.ToString(format, CultureInfo.InvariantCulture);
}
