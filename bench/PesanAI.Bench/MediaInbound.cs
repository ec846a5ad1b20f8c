using System.Diagnostics;
using System.Globalization;
using PesanAI.Application.Media;

namespace PesanAI.Bench;

/// <summary>
/// One phase of files through the pipeline or the baseline: rate, per-file latency (ms), server memory, and what the
/// check found. Pipeline only: <see cref="RegisteredMs"/>, from the acknowledgement to the fetch being listed (the
/// ingest processor and the media feed on the async daemon); the rest of the latency is the worker's.
/// </summary>
internal sealed record MediaPhase(string Name, int Files, double Seconds, double[] LatenciesMs, MemoryUse? Server, IReadOnlyList<string> Problems)
{
    public double[] RegisteredMs { get; init; } = [];

    public double PerSecond => Files / Seconds;

    public double Percentile(double quantile) => Percentile(LatenciesMs, quantile);

    /// <summary>Nearest rank.</summary>
    public static double Percentile(double[] values, double quantile)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length == 0)
        {
            return 0;
        }

        var sorted = values.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Name}: {Files:N0} files in {Seconds:0.00} s = {PerSecond:0.0}/s; latency p50 {Percentile(0.5):0} / p95 {Percentile(0.95):0} / p99 {Percentile(0.99):0} / max {Percentile(1):0} ms{Split()}; {Checked()}");

    private string Split() => RegisteredMs.Length == 0
        ? string.Empty
        : string.Create(CultureInfo.InvariantCulture, $" (ack → fetch listed p50 {Percentile(RegisteredMs, 0.5):0} / p99 {Percentile(RegisteredMs, 0.99):0} ms)");

    private string Checked() => Problems.Count == 0 ? "checked" : $"{Problems.Count} PROBLEM(S): {string.Join("; ", Problems.Take(5))}";
}

/// <summary>
/// Customers' images through PesanAI: each staged file's webhook posted by the emulator (the simulate call returns
/// when PesanAI acknowledged it), then the database polled until every file is settled. Stored/s counts from the first
/// webhook sent to the last StoredAt; a file's latency is from its webhook acknowledged to its StoredAt.
/// </summary>
internal static class MediaInbound
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    public static async Task<MediaPhase> RunAsync(string name, Emulator emulator, string phoneNumberId, MediaFile[] files, int concurrency, string admin, int serverPid)
    {
        var sampler = MemorySampler.Start(serverPid);
        var acknowledged = new DateTimeOffset[files.Length];
        var wamids = new string?[files.Length];
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.GetTimestamp();
        var sent = await LoadRunner.RunAsync(files.Length, concurrency, async i =>
        {
            wamids[i] = await emulator.CustomerSendsImageAsync(phoneNumberId, files[i].WaId, files[i].MetaMediaId);
            acknowledged[i] = DateTimeOffset.UtcNow;
            return wamids[i] is not null;
        });
        var problems = new List<string>();
        if (sent.Failed.Count > 0)
        {
            problems.Add($"{sent.Failed.Count} webhooks not acknowledged 200");
        }

        var ids = wamids.Select(w => w is null ? Guid.Empty : MediaIds.Inbound(w)).ToArray();
        if (!await MediaRows.UntilSettledAsync(admin, ids, Timeout))
        {
            problems.Add($"not every file settled within {Timeout.TotalMinutes} minutes");
        }

        var waited = Stopwatch.GetElapsedTime(clock);
        var memory = await sampler.StopAsync();
        var rows = await MediaRows.ReadAsync(admin, ids);
        var latencies = new List<double>();
        var registered = new List<double>();
        var last = started;
        for (var i = 0; i < files.Length; i++)
        {
            if (!rows.TryGetValue(ids[i], out var row) || row.State != "Stored" || row.StoredAt is not { } storedAt)
            {
                problems.Add($"file {i}: {(rows.TryGetValue(ids[i], out var r) ? r.State : "no MediaItem")}");
                continue;
            }

            if (row.StoredEvents != 1 || row.Sha256 != files[i].Sha256 || row.EventSha256 != files[i].Sha256 || row.Size != files[i].Bytes)
            {
                problems.Add($"file {i}: {row.StoredEvents} media_stored events, SHA-256 {(row.Sha256 == files[i].Sha256 && row.EventSha256 == files[i].Sha256 ? "equal" : "DIFFERENT")}, size {row.Size}");
            }

            latencies.Add((storedAt - acknowledged[i]).TotalMilliseconds);
            registered.Add((row.CreatedAt - acknowledged[i]).TotalMilliseconds);
            last = storedAt > last ? storedAt : last;
        }

        // The wall clock of both processes is the machine's; a StoredAt a few ms past the poll's end is fine, a last store
        // later than when the poll saw every file settled is not possible.
        var seconds = Math.Min((last - started).TotalSeconds, waited.TotalSeconds);
        return new MediaPhase(name, files.Length, seconds, [.. latencies], memory, problems) { RegisteredMs = [.. registered] };
    }
}
