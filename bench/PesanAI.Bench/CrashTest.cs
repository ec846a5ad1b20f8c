extern alias client;

using System.Collections.Concurrent;
using System.Diagnostics;
using client::PesanAI.Protos.Conversations.V1;
using client::PesanAI.Protos.Messaging.V1;
using PesanAI.CloudApiEmulator;
using PesanAI.TestBed;
using static PesanAI.Bench.OutboundReport;

namespace PesanAI.Bench;

/// <summary>
/// The server as its own OS process, SIGKILLed while it dispatches and started again on the same ports: is every
/// queued message accepted by Meta once, and what does PesanAI record for the attempts the kill cut off?
/// </summary>
internal static class CrashTest
{
    public static async Task<bool> RunAsync(OutboundOptions options, PostgresDatabase database)
    {
        var ports = ServerConfig.FreePorts();

        // Meta retries webhooks for days; here 0.5 s doubling over 12 attempts (~17 min) outlasts the restart.
        var delivery = new WebhookDeliveryOptions { MaxAttempts = 12, FirstRetryDelay = TimeSpan.FromMilliseconds(500) };
        await using var emulator = await Emulator.StartAsync(new Uri($"http://127.0.0.1:{ports.Http}/webhooks/whatsapp"), delivery);
        var config = ServerConfig.For(options, await database.OwnerConnectionStringAsync(), ports, emulator.Address);
        var logPath = Path.Combine(Path.GetTempPath(), $"pesanai-bench-crash-{DateTime.UtcNow:yyyyMMdd-HHmmss}.log");
        Out.Line($"run:        {options.Messages:N0} messages, one per customer; PESANAI_DISPATCH_RATE={options.Rate}; SIGKILL once the emulator accepted {options.KillAfter:N0}; "
            + $"server: dotnet {ServerProcess.HostDll()} (Development), its output in {logPath}");

        // Queued first with the dispatcher off, so the kill falls mid-backlog at a known point.
        var server = await ServerProcess.StartAsync(config.With("PESANAI_DISPATCH_ENABLED", "false"), logPath);
        try
        {
            using var partner = await Partner.OnboardAsync(config, emulator, options.MetaThroughput);
            var customers = Partner.WaIds(options.Messages);
            await partner.CustomersWriteAsync(emulator, customers);
            using var calls = new DatabaseCalls(database.DatabaseName);
            var queued = await Outbox.QueueAsync(partner, customers, 32, calls);
            await server.DisposeAsync();
            server = await ServerProcess.StartAsync(config, logPath);
            Out.Line("dispatch:   a server with the dispatcher on started over the backlog (same ports)");
            while ((await emulator.StatsAsync()).Accepted < options.KillAfter)
            {
                await Task.Delay(5);
            }

            var pid = server.Id;
            var exitCode = await server.KillAsync();
            var atKill = await emulator.StatsAsync();
            var storeAtKill = await OutboundStore.ReadAsync(database.ConnectionString);
            Out.Line($"kill:       SIGKILL to pid {pid}: exit code {exitCode} {(exitCode == 137 ? "(128 + 9: killed by SIGKILL)" : "(NOT SIGKILL?)")}; "
                + $"the emulator had accepted {atKill.Accepted:N0}; the store then held {storeAtKill.StateCounts()}");

            var restart = Stopwatch.GetTimestamp();
            await server.DisposeAsync();
            server = await ServerProcess.StartAsync(config, logPath);
            Out.Line($"restart:    the same ports, serving again after {Stopwatch.GetElapsedTime(restart).TotalSeconds:0.0} s");

            var settled = await Outbox.UntilSettledAsync(database.ConnectionString, TimeSpan.FromMinutes(3), () => InDoubtOnlyIfNeverSentAsync(database, emulator, partner));
            Out.Line($"settled:    {(settled ? "every message accepted, failed, or in doubt without having reached Meta" : "NOT settled within 3 minutes")} "
                + $"{Stopwatch.GetElapsedTime(restart).TotalSeconds:0.0} s after the kill");
            return await ReportAsync(partner, emulator, queued, storeAtKill, await OutboundStore.ReadAsync(database.ConnectionString), logPath);
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    /// <summary>An in-doubt message Meta has is settled by its status webhooks: wait for them (a restart is within their retries).</summary>
    private static async Task<bool> InDoubtOnlyIfNeverSentAsync(PostgresDatabase database, Emulator emulator, Partner partner)
    {
        var store = await OutboundStore.ReadAsync(database.ConnectionString);
        var atMeta = (await emulator.MessagesAsync(partner.Number.PhoneNumberId)).Select(s => s.BizOpaqueCallbackData).ToHashSet();
        return store.States.Where(s => s.Value == "InDoubt").All(s => !atMeta.Contains(s.Key.ToString("D")));
    }

    private static async Task<bool> ReportAsync(Partner partner, Emulator emulator, Guid[] queued, OutboundStore atKill, OutboundStore end, string logPath)
    {
        var stats = await emulator.StatsAsync();
        var sendsPerMessage = (await emulator.MessagesAsync(partner.Number.PhoneNumberId)).CountBy(s => s.BizOpaqueCallbackData ?? "").ToDictionary();
        var states = await SendStatesAsync(partner, queued);
        int Count(Func<Guid, bool> which) => queued.Count(which);
        bool AtMeta(Guid id) => sendsPerMessage.ContainsKey(id.ToString("D"));

        var accepted = Count(AtMeta);
        var neverLeft = Count(id => !AtMeta(id) && states[id] == SendState.InDoubt);
        var unsettled = Count(id => AtMeta(id) && states[id] != SendState.Accepted);
        var lost = Count(id => !AtMeta(id) && states[id] != SendState.InDoubt);
        var inFlight = atKill.States.Values.Count(s => s == "Attempting");
        var log = File.ReadLines(logPath).ToArray();

        Out.Line($"verified:   the store holds {end}; server log: {log.Count(l => l.StartsWith("warn:", StringComparison.Ordinal))} warnings, "
            + $"{log.Count(l => l.StartsWith("fail:", StringComparison.Ordinal) || l.StartsWith("crit:", StringComparison.Ordinal))} errors; emulator webhooks {stats.Webhooks}");
        Out.Line(string.Empty);
        Out.Line("| queued | accepted by Meta (distinct) | sent twice (duplicates) | in flight at the kill (attempt recorded, no outcome) | in doubt, never reached Meta | reached Meta, not settled | lost | SendState from GetMessage |");
        Out.Line("|--:|--:|--:|--:|--:|--:|--:|---|");
        Out.Line(Row(N(queued.Length), N(accepted), N(stats.Duplicates), N(inFlight), N(neverLeft), N(unsettled), N(lost),
            string.Join(", ", states.Values.CountBy(s => s).OrderBy(s => s.Key).Select(s => $"{s.Value:N0} {s.Key}"))));
        Out.Line(string.Empty);
        Out.Line(Goal($"{queued.Length:N0} accepted by Meta, 0 lost", accepted == queued.Length, $"{accepted:N0} accepted, {neverLeft} in doubt without having reached Meta, {lost} lost"));
        Out.Line(Goal($"0 sent twice (bound: {inFlight} in flight at the kill)", stats.Duplicates == 0, N(stats.Duplicates)));
        Out.Line(Goal("every message Meta has is settled ACCEPTED", unsettled == 0, $"{unsettled} not"));
        return lost == 0 && unsettled == 0 && stats.Duplicates <= inFlight;
    }

    /// <summary>Each message's SendState through the API (GetMessage), as a partner would check it.</summary>
    private static async Task<IReadOnlyDictionary<Guid, SendState>> SendStatesAsync(Partner partner, Guid[] queued)
    {
        var states = new ConcurrentDictionary<Guid, SendState>();
        await LoadRunner.RunAsync(queued.Length, 8, async i =>
        {
            var message = await partner.Messaging.GetMessageAsync(new GetMessageRequest { MessageId = queued[i].ToString("D") });
            states[queued[i]] = message.SendState;
            return true;
        });
        return states;
    }
}
