using System.Diagnostics;
using System.Globalization;
using PesanAI.TestBed;

namespace PesanAI.Bench;

/// <summary>
/// The server as its own OS process, SIGKILLed around the ingest processor and started again on the same ports and
/// database: (1) after acknowledging webhooks with the processor off, before any was processed; (2) while the
/// processor works through a backlog. After each restart every acknowledged message must be stored exactly once and
/// every webhook processed (none pending, none parked).
/// </summary>
internal static class IngestCrash
{
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromMinutes(10);

    public static Task<bool> RunAsync(IngestCrashOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Preflight.WithFreshDatabaseAsync(database => RunAsync(options, database));
    }

    private static async Task<bool> RunAsync(IngestCrashOptions options, PostgresDatabase database)
    {
        // No message is sent to Meta here: the Graph API address is a closed loopback port.
        var ports = ServerConfig.FreePorts();
        var config = new ServerConfig(await database.OwnerConnectionStringAsync(), ports.Grpc, ports.Http, new Uri("http://127.0.0.1:9/"), new Dictionary<string, string>());
        var ackOnly = config.With("PESANAI_INBOUND_PROCESSOR", "false");
        var admin = database.ConnectionString;
        var logPath = Path.Combine(Path.GetTempPath(), $"pesanai-bench-ingest-crash-{DateTime.UtcNow:yyyyMMdd-HHmmss}.log");
        Out.Line(string.Create(CultureInfo.InvariantCulture,
            $"run:        {options.Webhooks:N0} webhooks of {options.Size} messages per case, {options.Concurrency} concurrent senders; "
            + $"case 2 SIGKILLs once {options.KillAfter:N0} of its webhooks are processed; server: dotnet {ServerProcess.HostDll()} (Development), its output in {logPath}"));

        var server = await ServerProcess.StartAsync(ackOnly, logPath);
        try
        {
            var tenant = await BenchHost.RegisterTenantAsync(config.GrpcAddress, config.HttpAddress);
            var workload = new Workload(tenant, 1_000, 20_240_601);
            long sent = 0;

            // Case 1: acknowledged, killed before any processing, processed by the next server.
            var first = workload.Create(options.Webhooks, options.Size);
            await AcknowledgeAsync("case 1", config, first, options.Concurrency, database);
            sent += first.Sum(d => (long)d.Messages.Count);
            var pending = (await StoreCounts.ReadAsync(admin)).Pending;
            Out.Line($"case 1:     {pending:N0} webhooks pending (processor off); {await KillAsync(server)}");
            await server.DisposeAsync();
            var restart = Stopwatch.GetTimestamp();
            server = await ServerProcess.StartAsync(config, logPath);
            var ok = await DrainedAsync("case 1", admin, sent, restart);

            // Case 2: a backlog acknowledged with the processor off, then killed while a processing server works on it.
            await server.DisposeAsync();
            server = await ServerProcess.StartAsync(ackOnly, logPath);
            var before = await InboundTable.LastSeqAsync(admin);
            var second = workload.Create(options.Webhooks, options.Size);
            await AcknowledgeAsync("case 2", config, second, options.Concurrency, database);
            sent += second.Sum(d => (long)d.Messages.Count);
            await server.DisposeAsync();
            server = await ServerProcess.StartAsync(config, logPath);
            var processed = await UntilProcessedAsync(admin, before, options.KillAfter);
            var kill = await KillAsync(server);
            var atKill = await InboundTable.SpanAsync(admin, before);
            var stored = await StoreCounts.ReadAsync(admin);
            var settled = atKill.Webhooks - atKill.Pending;

            // Events of webhooks not yet settled: the killed claim had stored them; its webhooks are processed again after the restart.
            var inFlight = stored.MessageReceivedEvents - (sent - second.Sum(d => (long)d.Messages.Count)) - (settled * options.Size);
            Out.Line($"case 2:     {kill} once {processed:N0} of {second.Length:N0} webhooks were processed; at the kill: {settled:N0} settled, "
                + $"{atKill.Pending:N0} pending; the store held {stored.MessageReceivedEvents:N0} message_received events of {sent:N0} messages sent, "
                + $"{inFlight:N0} of them from webhooks not yet settled (the killed claim's, stored before its settlement)");
            await server.DisposeAsync();
            restart = Stopwatch.GetTimestamp();
            server = await ServerProcess.StartAsync(config, logPath);
            ok &= await DrainedAsync("case 2", admin, sent, restart);
            Out.Line($"- every acknowledged message stored exactly once after each SIGKILL, every webhook processed: {(ok ? "met" : "NOT met")}");
            return ok;
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    /// <summary>All POSTed and answered 200 (refused ones redelivered until they are, as Meta retries).</summary>
    private static async Task AcknowledgeAsync(string name, ServerConfig config, Delivery[] deliveries, int concurrency, PostgresDatabase database)
    {
        using var sender = new WebhookSender(config.HttpAddress, concurrency);
        using var calls = new DatabaseCalls(database.DatabaseName);
        await Phase.MeasureAsync($"{name}: acknowledged, processor off", deliveries, new Target(sender.PostAsync, concurrency, calls, sender, null));
    }

    private static async Task<string> KillAsync(ServerProcess server)
    {
        var pid = server.Id;
        var exitCode = await server.KillAsync();
        return $"SIGKILL to pid {pid}: exit code {exitCode} {(exitCode == 137 ? "(128 + 9: killed by SIGKILL)" : "(NOT SIGKILL?)")}";
    }

    /// <summary>Waits until at least <paramref name="count"/> webhooks after <paramref name="afterSeq"/> are processed; returns how many were.</summary>
    private static async Task<long> UntilProcessedAsync(string admin, long afterSeq, long count)
    {
        var deadline = Stopwatch.GetTimestamp() + (Stopwatch.Frequency * (long)DrainTimeout.TotalSeconds);
        while (true)
        {
            var span = await InboundTable.SpanAsync(admin, afterSeq);
            var processed = span.Webhooks - span.Pending;
            if (processed >= count || span.Pending == 0 || Stopwatch.GetTimestamp() > deadline)
            {
                return processed;
            }

            await Task.Delay(5);
        }
    }

    private static async Task<bool> DrainedAsync(string name, string admin, long sent, long restart)
    {
        var waited = await InboundTable.UntilDrainedAsync(admin, DrainTimeout);
        Out.Line(waited is null
            ? $"{name}:     NOT drained within {DrainTimeout.TotalMinutes} minutes of the restart"
            : $"{name}:     restarted with the processor on; nothing pending {Stopwatch.GetElapsedTime(restart).TotalSeconds:0.0} s after the restart began");
        return waited is not null && await Phase.VerifyAsync(admin, sent, $"{name}, after the restart");
    }
}

/// <summary>--mode ingest-crash: how many webhooks, of how many messages, when to kill.</summary>
internal sealed record IngestCrashOptions(int Webhooks = 2_000, int Size = 10, int Concurrency = 16, int? KillAfterCount = null)
{
    public int KillAfter => KillAfterCount ?? Webhooks / 2;

    public const string Usage = """
        Ingest crash test: the server as its own OS process (build it first: dotnet build -c Release bench/PesanAI.Bench),
        SIGKILLed (1) after acknowledging webhooks with PESANAI_INBOUND_PROCESSOR=false, and (2) while the processor
        works through a backlog; restarted each time with the processor on; every message checked exactly once.

        dotnet run -c Release --project bench/PesanAI.Bench -- --mode ingest-crash [options]

          --webhooks N      webhooks POSTed per case                        (default 2000)
          --size N          messages per webhook, at most 1000              (default 10)
          --concurrency N   concurrent senders                              (default 16)
          --kill-after N    case 2: SIGKILL once N of its webhooks are processed (default: half)
        """;

    public static IngestCrashOptions Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new IngestCrashOptions();
        for (var i = 0; i < args.Count; i += 2)
        {
            var name = args[i];
            if (i + 1 >= args.Count || !int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                throw new ArgumentException($"{name} needs a non-negative whole number (or is unknown).\n\n{Usage}");
            }

            options = name switch
            {
                "--webhooks" => options with { Webhooks = Math.Max(1, value) },
                "--size" => options with { Size = Math.Clamp(value, 1, 1_000) },
                "--concurrency" => options with { Concurrency = Math.Max(1, value) },
                "--kill-after" => options with { KillAfterCount = value },
                _ => throw new ArgumentException($"Unknown option {name} for --mode ingest-crash.\n\n{Usage}"),
            };
        }

        return options;
    }
}
