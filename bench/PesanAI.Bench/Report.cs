using System.Globalization;
using System.Text;

namespace PesanAI.Bench;

/// <summary>The results as Markdown tables (pasted as is into docs/benchmarks.md), each figure beside its goal, met or not.</summary>
internal static class Report
{
    /// <summary>Issue 14: p99 of the 200 for 1,000-message POSTs.</summary>
    public const double LargeAckP99GoalMs = 250;

    /// <summary>Meta's target for any webhook answer: median ≤ 250 ms, fewer than 1 % over 1 s (WHATSAPP.md).</summary>
    public const double MetaMedianMs = 250;
    public const double MetaP99Ms = 1_000;

    public const double RawInsertRatioGoal = 0.5;
    public const double ProcessingGoal = 5_000;
    public const double LagP99GoalMs = 1_000;

    /// <summary>The offered rate (messages/s) at which the lag goal is stated.</summary>
    public const double LagGoalRate = 1_000;

    public static IEnumerable<string> All(IngestRun run, IReadOnlyList<ScenarioResult>? rawInsert, ScenarioResult? eventStore)
    {
        ArgumentNullException.ThrowIfNull(run);
        IReadOnlyList<ScenarioResult> every = [.. run.Ack.Select(a => a.Result), .. run.Others, .. rawInsert ?? [], .. eventStore is null ? [] : new[] { eventStore }];
        yield return Results(every);
        yield return TimeGoes(every);
        yield return Acknowledgement(run.Ack, rawInsert);
        yield return Processing(run.Processing, eventStore);
        yield return Note;
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

    /// <summary>Per POST size: the 200's rate and latency, against the raw insert of the same bodies and against the goals.</summary>
    public static string Acknowledgement(IReadOnlyList<AckResult> ack, IReadOnlyList<ScenarioResult>? rawInsert)
    {
        ArgumentNullException.ThrowIfNull(ack);
        var text = new StringBuilder();
        text.AppendLine("| messages per POST | senders | ack POSTs/s | ack messages/s | raw inserts/s | ack / raw insert (goal ≥ 0.5×) | ack p50 / p99 ms | raw insert p50 / p99 ms | Meta: p50 ≤ 250 ms, p99 ≤ 1 s | p99 < 250 ms (goal at 1,000 per POST) |");
        text.AppendLine("|--:|--:|--:|--:|--:|--:|--:|--:|---|---|");
        for (var i = 0; i < ack.Count; i++)
        {
            var (ours, senders) = (ack[i].Result, ack[i].Senders);
            var raw = rawInsert is not null && i < rawInsert.Count ? rawInsert[i] : null;
            var ratio = raw is null ? "–" : Met(ours.PostsPerSecond / raw.PostsPerSecond >= RawInsertRatioGoal, F(ours.PostsPerSecond / raw.PostsPerSecond, "0.00") + "×");
            var meta = Met(ours.Latency.P50 <= MetaMedianMs && ours.Latency.P99 <= MetaP99Ms, $"{F(ours.Latency.P50)} / {F(ours.Latency.P99)}");
            var large = ours.MessagesPerPost == 1_000 ? Met(ours.Latency.P99 < LargeAckP99GoalMs, F(ours.Latency.P99) + " ms") : "–";
            text.AppendLine(Row(N(ours.MessagesPerPost), N(senders), N(ours.PostsPerSecond), N(ours.MessagesPerSecond), raw is null ? "–" : N(raw.PostsPerSecond),
                ratio, $"{F(ours.Latency.P50)} / {F(ours.Latency.P99)}", raw is null ? "–" : $"{F(raw.Latency.P50)} / {F(raw.Latency.P99)}", meta, large));
        }

        return text.ToString();
    }

    /// <summary>Processing throughput and the lag from acknowledgement to stored, each against its goal.</summary>
    public static string Processing(IReadOnlyList<ProcessingResult> processing, ScenarioResult? eventStore)
    {
        ArgumentNullException.ThrowIfNull(processing);
        var text = new StringBuilder();
        text.AppendLine("| processing | webhooks | messages | seconds | webhooks/s | messages/s (goal ≥ 5,000 sustained) | lag p50 ms | lag p99 ms (goal < 1 s at 1,000 messages/s) | lag max ms |");
        text.AppendLine("|---|--:|--:|--:|--:|---|--:|---|--:|");
        foreach (var p in processing)
        {
            var lagGoal = p.Lag is null ? "–"
                : p.OfferedPerSecond is { } offered
                    ? Met(p.Lag.P99 < LagP99GoalMs, F(p.Lag.P99)) + (offered == LagGoalRate ? string.Empty : $" (offered {N(offered)} messages/s, not the goal's 1,000)")
                    : F(p.Lag.P99) + " (backlog: no goal)";
            // A paced phase stores what it is offered: its rate is no throughput. A span processed in under a second is a
            // claim or two, too short to time.
            var rate = p.OfferedPerSecond is not null ? N(p.MessagesPerSecond) + " (as offered: no goal)"
                : p.Seconds < 1 ? N(p.MessagesPerSecond) + " (under 1 s: too short to time, raise the counts)"
                : Met(p.MessagesPerSecond >= ProcessingGoal, N(p.MessagesPerSecond));
            text.AppendLine(Row(p.Name, N(p.Webhooks), N(p.Messages), F(p.Seconds, "0.0"), N(p.WebhooksPerSecond), rate,
                p.Lag is null ? "–" : F(p.Lag.P50), lagGoal, p.Lag is null ? "–" : F(p.Lag.Max)));
        }

        if (eventStore is not null)
        {
            text.AppendLine(Row($"reference: {eventStore.Name}", N(eventStore.Posts), N(eventStore.Messages), F(eventStore.Seconds, "0.0"),
                N(eventStore.PostsPerSecond), N(eventStore.MessagesPerSecond), "–", "–", "–"));
        }

        return text.ToString();
    }

    private const string Note = """
        Lag = processed_at - received_at per webhook, from pesanai.inbound_webhooks: received_at is taken when the request
        has verified the body, just before its append and 200; processed_at is set (clock_timestamp()) when the processor
        settles its claim, in the claim's transaction, after the webhook's events committed. So the lag is an upper bound
        of the time from acknowledgement to stored event (by the rest of the claim: other tenants' transactions and the
        settling, about a millisecond with one tenant as here).
        Messages/s of the ack phases' backlog drained: a part's messages / (its last processed_at - the last processed_at of
        the part before it); of the backlog sent while the processor ran: messages / (last processed_at - first received_at).
        """;

    private static string Met(bool met, string measured) => $"{measured} {(met ? "met" : "NOT met")}";

    private static string Row(params string[] cells) => "| " + string.Join(" | ", cells) + " |";

    private static string N(double value) => value.ToString("#,0", CultureInfo.InvariantCulture);

    private static string F(double value, string format = "0.0") => value.ToString(format, CultureInfo.InvariantCulture);
}

/// <summary>One acknowledgement phase, with the concurrent senders it ran under.</summary>
internal sealed record AckResult(ScenarioResult Result, int Senders);

/// <summary>The server's side of a run: acknowledgement per POST size, the other HTTP phases, and the processing.</summary>
internal sealed record IngestRun(IReadOnlyList<AckResult> Ack, IReadOnlyList<ScenarioResult> Others, IReadOnlyList<ProcessingResult> Processing);
