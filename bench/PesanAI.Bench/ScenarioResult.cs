namespace PesanAI.Bench;

/// <summary>One measured phase: N POSTs (or baseline transactions) of M messages each.</summary>
internal sealed record ScenarioResult(
    string Name,
    int Posts,
    int MessagesPerPost,
    PhaseTimings Timings,
    IReadOnlyDictionary<int, int> Failures,
    int RedeliveredPosts,
    CpuUse Cpu,
    DatabaseUse Database)
{
    public long Messages => (long)Posts * MessagesPerPost;

    public double Seconds => Timings.Elapsed.TotalSeconds;

    /// <summary>POSTs answered 200 within the measured time, per second (failed ones are not counted as done).</summary>
    public double PostsPerSecond => (Posts - Timings.Failed.Count) / Seconds;

    public double MessagesPerSecond => PostsPerSecond * MessagesPerPost;

    public LatencySummary Latency { get; } = LatencySummary.From(Timings.LatenciesMs);

    public string FailureText => Failures.Count == 0
        ? "0"
        : string.Join(" ", Failures.Select(f => $"{f.Value}×{(f.Key == 0 ? "no answer" : f.Key.ToString(System.Globalization.CultureInfo.InvariantCulture))}"));
}
