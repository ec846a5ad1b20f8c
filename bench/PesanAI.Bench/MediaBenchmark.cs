using System.Globalization;
using PesanAI.TestBed;

namespace PesanAI.Bench;

/// <summary>
/// --mode media: inbound images through the whole pipeline against a fetch + insert floor, and a large document both
/// ways over gRPC, with the server as its own process so that its memory can be read from /proc.
/// </summary>
internal static class MediaBenchmark
{
    public static Task<bool> RunAsync(MediaOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Preflight.WithFreshDatabaseAsync(database => RunAsync(options, database));
    }

    private static async Task<bool> RunAsync(MediaOptions options, PostgresDatabase database)
    {
        var ports = ServerConfig.FreePorts();
        await using var emulator = await Emulator.StartAsync(new Uri($"http://127.0.0.1:{ports.Http}/webhooks/whatsapp"));
        var config = new ServerConfig(await database.OwnerConnectionStringAsync(), ports.Grpc, ports.Http, emulator.Address,
            new Dictionary<string, string> { ["PESANAI_MEDIA_FETCH_CONCURRENCY"] = options.FetchConcurrency.ToString(CultureInfo.InvariantCulture) });
        var logPath = Path.Combine(Path.GetTempPath(), $"pesanai-bench-media-{DateTime.UtcNow:yyyyMMdd-HHmmss}.log");
        Out.Line(string.Create(CultureInfo.InvariantCulture,
            $"run:        {options.Files:N0} images of {options.FileBytes / 1024} KiB from {options.Customers:N0} customers, {options.Concurrency} concurrent webhooks, "
            + $"PESANAI_MEDIA_FETCH_CONCURRENCY={options.FetchConcurrency}; document {options.DocumentMiB} MiB × {options.DocumentRuns}; "
            + $"server: dotnet {ServerProcess.HostDll()} (Development), its output in {logPath}"));

        var ok = true;
        var server = await ServerProcess.StartAsync(config, logPath);
        try
        {
            using var partner = await Partner.OnboardAsync(config, emulator, 80);
            Out.Line($"server:     pid {server.Id}, {MemoryReading.Of(server.Id).RssMiB:0} MiB RSS after start-up and onboarding");
            var inbound = new MediaInboundRun(options, emulator, partner, database.ConnectionString, server.Id);
            var (pipeline, baseline) = await inbound.RunAsync();
            ok &= pipeline.Problems.Count == 0 && (baseline?.Problems.Count ?? 0) == 0;
            var (items, keys) = await MediaRows.StoreTotalsAsync(database.ConnectionString);
            ok &= items == keys;
            Out.Line($"store:      {items:N0} stored media items, {keys:N0} objects in pesanai.media_chunks {(items == keys ? "(one each: nothing stored twice)" : "(NOT one each)")}");
            Out.Line(string.Empty);
            Out.Lines(MediaReport.Inbound(options, pipeline, baseline));

            if (options.DocumentMiB > 0)
            {
                var legs = new List<DocumentLeg>();
                legs.AddRange(await DocumentsAsync("postgres", options, partner, server.Id, database.ConnectionString));
                if (options.S3 && Directory.Exists(S3Server.InstallDirectory))
                {
                    await server.DisposeAsync();
                    legs.AddRange(await S3DocumentsAsync(options, config, emulator, logPath, s => server = s));
                }
                else
                {
                    Out.Line("s3:         skipped (--no-s3, or s3rver not installed: ./pesanai setup)");
                }

                ok &= legs.All(l => l.Sha256Equal);
                Out.Line(string.Empty);
                Out.Line(MediaDocument.Header.TrimEnd());
                Out.Lines(legs.Select(MediaDocument.Row));
            }

            var log = File.ReadLines(logPath).ToArray();
            Out.Line($"server log: {log.Count(l => l.StartsWith("warn:", StringComparison.Ordinal))} warnings, "
                + $"{log.Count(l => l.StartsWith("fail:", StringComparison.Ordinal) || l.StartsWith("crit:", StringComparison.Ordinal))} errors");
            Out.Line($"- every file stored exactly once and byte-identical: {(ok ? "met" : "NOT met")}");
            return ok;
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    /// <summary>A small round trip first (JIT, connections), then the measured ones; beside them the plain-Npgsql floor of the same size.</summary>
    private static async Task<IReadOnlyList<DocumentLeg>> DocumentsAsync(string store, MediaOptions options, Partner partner, int serverPid, string admin)
    {
        await MediaDocument.RoundTripAsync(store, partner.Media, serverPid, Math.Min(8, options.DocumentMiB), 0);
        var legs = new List<DocumentLeg>();
        for (var run = 1; run <= options.DocumentRuns; run++)
        {
            await WarmUp.QuietAsync();
            var (upload, download) = await MediaDocument.RoundTripAsync(store, partner.Media, serverPid, options.DocumentMiB, run);
            legs.Add(upload);
            legs.Add(download);
            Out.Line(string.Create(CultureInfo.InvariantCulture,
                $"document:   {store} run {run}: upload {upload.Seconds:0.00} s ({upload.MBPerSecond:0.0} MB/s), download {download.Seconds:0.00} s ({download.MBPerSecond:0.0} MB/s); "
                + $"server upload: {upload.Server}; server download: {download.Server}"));
        }

        if (store == "postgres" && options.Baseline)
        {
            await using var floor = await MediaBaseline.CreateDocumentAsync(admin);
            await floor.DocumentAsync(0, Math.Min(8, options.DocumentMiB));
            for (var run = 1; run <= options.DocumentRuns; run++)
            {
                await WarmUp.QuietAsync();
                var (write, read) = await floor.DocumentAsync(run, options.DocumentMiB);
                var megabytes = options.DocumentMiB * 1.048576;
                Out.Line(string.Create(CultureInfo.InvariantCulture,
                    $"floor:      run {run}: {options.DocumentMiB} × 1 MiB plain bytea rows, one transaction: write {write:0.00} s ({megabytes / write:0.0} MB/s), "
                    + $"read back one row per query {read:0.00} s ({megabytes / read:0.0} MB/s)"));
            }
        }

        return legs;
    }

    /// <summary>The same database, a server with PESANAI_MEDIA_STORE=s3 against s3rver on other ports, a tenant of its own.</summary>
    private static async Task<IReadOnlyList<DocumentLeg>> S3DocumentsAsync(MediaOptions options, ServerConfig config, Emulator emulator, string logPath, Action<ServerProcess> started)
    {
        await using var s3 = await S3Server.StartAsync("pesanai-bench");
        var ports = ServerConfig.FreePorts();
        var s3Config = (config with { GrpcPort = ports.Grpc, HttpPort = ports.Http })
            .With("PESANAI_MEDIA_STORE", "s3")
            .With("PESANAI_S3_ENDPOINT", s3.Endpoint.ToString())
            .With("PESANAI_S3_BUCKET", s3.Bucket)
            .With("PESANAI_S3_ACCESS_KEY_ID", S3Server.AccessKeyId)
            .With("PESANAI_S3_SECRET_ACCESS_KEY", S3Server.SecretAccessKey);
        var server = await ServerProcess.StartAsync(s3Config, logPath);
        started(server);
        using var partner = await Partner.OnboardAsync(s3Config, emulator, 80);
        Out.Line($"s3:         s3rver {S3Server.PackageVersion} at {s3.Endpoint}; a server with PESANAI_MEDIA_STORE=s3, pid {server.Id}");
        return await DocumentsAsync("s3 (s3rver)", options, partner, server.Id, config.ConnectionString);
    }
}
