using System.Globalization;

namespace PesanAI.Bench;

/// <summary>The inbound results as a Markdown table (pasted as is into docs/benchmarks.md).</summary>
internal static class MediaReport
{
    public static IEnumerable<string> Inbound(MediaOptions options, MediaPhase pipeline, MediaPhase? baseline)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(pipeline);
        yield return "| inbound 1 MiB images | files | concurrency | seconds | stored/s | ratio to the floor | latency p50 / p95 / p99 / max ms | of which ack → fetch listed, p50 / p99 ms | server RSS MiB: peak / mean (VmHWM) | checked |";
        yield return "|---|--:|--:|--:|--:|--:|--:|--:|--:|---|";
        foreach (var phase in baseline is null ? [pipeline] : new[] { pipeline, baseline })
        {
            var ratio = baseline is null ? "–" : F(phase.PerSecond / baseline.PerSecond, "0.00") + "×";
            var memory = phase.Server is { } m ? $"{F(m.PeakRssMiB, "0")} / {F(m.MeanRssMiB, "0")} ({F(m.After.HwmMiB, "0")})" : "–";
            var concurrency = phase == pipeline ? $"{options.Concurrency} webhooks, {options.FetchConcurrency} fetches" : $"{options.Concurrency}";
            yield return string.Create(CultureInfo.InvariantCulture,
                $"| {phase.Name} | {phase.Files:N0} | {concurrency} | {phase.Seconds:0.00} | {phase.PerSecond:0.0} | {ratio} | "
                + $"{phase.Percentile(0.5):0} / {phase.Percentile(0.95):0} / {phase.Percentile(0.99):0} / {phase.Percentile(1):0} | {Registered(phase)} | {memory} | "
                + $"{(phase.Problems.Count == 0 ? "every file once, SHA-256 equal" : "PROBLEMS")} |");
        }
    }

    private static string Registered(MediaPhase phase) => phase.RegisteredMs.Length == 0
        ? "–"
        : F(MediaPhase.Percentile(phase.RegisteredMs, 0.5), "0") + " / " + F(MediaPhase.Percentile(phase.RegisteredMs, 0.99), "0");

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
