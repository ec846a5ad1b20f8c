using System.Diagnostics;
using System.Globalization;

namespace PesanAI.Bench;

/// <summary>Where a phase sends its deliveries: the webhook over HTTP (with the server's log), or the baseline.</summary>
internal sealed record Target(Func<Delivery, Task<bool>> Send, int Concurrency, DatabaseCalls Calls, WebhookSender? Sender, ServerLog? Log);

/// <summary>One measured phase, a traced probe, a check of the store.</summary>
internal static class Phase
{
    private const string Indent = "            ";

    /// <param name="name">The phase's name in the output.</param>
    /// <param name="deliveries">What it sends, each once.</param>
    /// <param name="target">Where to, over how many concurrent senders (closed loop).</param>
    /// <param name="perSecond">When given: open loop instead, one delivery every 1/perSecond s (<see cref="PacedRunner"/>).</param>
    public static async Task<ScenarioResult> MeasureAsync(string name, Delivery[] deliveries, Target target, double? perSecond = null)
    {
        var cpu = CpuSample.Take();
        var db = target.Calls.Snapshot();
        var timings = perSecond is { } rate
            ? await PacedRunner.RunAsync(deliveries.Length, rate, i => target.Send(deliveries[i]))
            : await LoadRunner.RunAsync(deliveries.Length, target.Concurrency, i => target.Send(deliveries[i]));
        var cpuUse = CpuSample.Take().Since(cpu);
        var dbAfter = target.Calls.Snapshot();
        var failures = target.Sender?.TakeFailures() ?? new Dictionary<int, int>();
        var serverLog = target.Log?.Take() ?? [];
        var redelivered = target.Sender is null ? 0 : await target.Sender.RedeliverAsync([.. timings.Failed.Select(i => deliveries[i])]);
        target.Sender?.TakeFailures();
        var result = new ScenarioResult(name, deliveries.Length, deliveries.FirstOrDefault()?.Messages.Count ?? 0, timings, failures, redelivered,
            cpuUse, new DatabaseUse(dbAfter.Operations - db.Operations, dbAfter.Seconds - db.Seconds, dbAfter.Failed - db.Failed));
        Out.Line(string.Create(CultureInfo.InvariantCulture,
            $"{name,-52} {result.Posts,7:N0} POSTs in {result.Seconds,6:0.0} s: {result.PostsPerSecond,7:N0} POSTs/s, {result.MessagesPerSecond,7:N0} msgs/s, "
            + $"p50 {result.Latency.P50:0.0} ms, p99 {result.Latency.P99:0.0} ms, non-200 {result.FailureText}"));

        // Marten logs a failed batch once per command in it: these counts say which errors, not how many POSTs.
        Out.Lines(serverLog, Indent + "server log: ");
        if (redelivered > 0)
        {
            Out.Line($"{Indent}redelivered the refused POSTs after the phase, one at a time like Meta's retries: {redelivered:N0} POSTs until all were answered 200");
            Out.Lines(target.Log?.Take() ?? [], Indent + "server log while redelivering: ");
        }

        return result;
    }

    /// <summary>A fresh single-message POST, the same again, and a fresh batch, each alone, with each database command listed.</summary>
    public static async Task TraceAsync(WebhookSender sender, Delivery single, Delivery batch)
    {
        using var trace = new CommandTrace();
        foreach (var (what, delivery) in new[] { ("a fresh 1-message POST", single), ("the same POST again (a duplicate)", single), ($"a fresh {batch.Messages.Count}-message POST", batch) })
        {
            trace.Take();
            var started = Stopwatch.GetTimestamp();
            var ok = await sender.PostAsync(delivery);
            var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            Out.Line(string.Create(CultureInfo.InvariantCulture, $"trace:      {what}, alone: {(ok ? "200" : "REFUSED")} in {ms:0.0} ms; its database round trips:"));
            Out.Lines(trace.Take(), Indent);
        }
    }

    public static async Task<bool> VerifyAsync(string connectionString, long expected, string when)
    {
        var counts = await StoreCounts.ReadAsync(connectionString);
        var ok = counts.HoldsExactly(expected);
        Out.Line($"verified:   {when}, for {expected:N0} messages sent: {counts}: "
            + (ok ? "exact, every webhook processed" : "WRONG: messages lost or doubled, or webhooks pending or parked"));
        return ok;
    }
}
