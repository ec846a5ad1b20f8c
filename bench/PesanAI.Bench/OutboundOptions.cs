using System.Globalization;

namespace PesanAI.Bench;

/// <summary>The outbound modes (send, dispatch, crash): what one run does. Every count is bounded, so a run ends by itself.</summary>
internal sealed record OutboundOptions
{
    public string Mode { get; init; } = "send";

    /// <summary>send: measured SendMessage calls (and as many baseline calls).</summary>
    public int Calls { get; init; } = 20_000;

    public int Warmup { get; init; } = 2_000;

    public int Concurrency { get; init; } = 32;

    /// <summary>send: the customers the calls go to, round robin (each wrote first, so the window is open).</summary>
    public int Customers { get; init; } = 1_000;

    /// <summary>send: give every call a request_id (the idempotent way partners should call).</summary>
    public bool RequestIds { get; init; }

    /// <summary>send: leave the dispatcher on (it then sends what the calls queue, competing for the same cores).</summary>
    public bool DispatcherOn { get; init; }

    /// <summary>dispatch, crash: messages queued, each to its own customer.</summary>
    public int? MessageCount { get; init; }

    public int Messages => MessageCount ?? (Mode == "crash" ? 1_000 : 2_000);

    /// <summary>dispatch, crash: PESANAI_DISPATCH_RATE.</summary>
    public int Rate { get; init; } = 80;

    /// <summary>
    /// dispatch: the number's throughput level at Meta (STANDARD: 80/s, HIGH: 1,000/s), set at the emulator and read by
    /// PesanAI on registration, with PESANAI_DISPATCH_RATE unset; <see cref="Rate"/> is then the level's rate.
    /// </summary>
    public string? Level { get; init; }

    /// <summary>dispatch, crash: the number's throughput at the emulator; by default twice the rate.</summary>
    public int? MetaLimit { get; init; }

    public int MetaThroughput => MetaLimit ?? 2 * Rate;

    /// <summary>Extra Npgsql connection-string settings for the server only (an experiment, e.g. "Maximum Pool Size=60").</summary>
    public string HostNpgsql { get; init; } = string.Empty;

    /// <summary>crash: SIGKILL the server once the emulator has accepted this many.</summary>
    public int KillAfter { get; init; } = 300;

    public const string Usage = """
        Outbound benchmarks: the real host, the Cloud API emulator in this process, real PostgreSQL.

        dotnet run -c Release --project bench/PesanAI.Bench -- --mode send|dispatch|crash [options]

          send      SendMessage (text) calls/s and latency over gRPC with an application token, beside an
                    authenticated ListTemplates baseline; the dispatcher off (see --dispatcher-on); every message checked
            --calls N          measured calls of each RPC              (default 20000)
            --warmup N         unmeasured calls of each RPC first      (default 2000)
            --concurrency N    concurrent callers on one channel       (default 32)
            --customers N      customers who wrote first; calls go round robin (default 1000)
            --request-ids      give every SendMessage a request_id
            --dispatcher-on    leave the dispatcher on: it sends what is queued at --rate (default 80)
          dispatch  the dispatcher's steady rate against PESANAI_DISPATCH_RATE, from the emulator's accepted times
            --messages N       queued before the dispatcher starts, one per customer (default 2000)
            --rate R           PESANAI_DISPATCH_RATE                   (default 80)
            --meta-limit N     the number's throughput at the emulator (default 2 × rate)
            --level L          standard|high: PESANAI_DISPATCH_RATE unset; the number's throughput level at Meta
                               (set at the emulator, read on registration) sets the rate: 80/s or 1,000/s
          crash     the server as its own OS process, SIGKILLed mid-dispatch and restarted: lost, doubled, in doubt
            --messages N       queued, one per customer                (default 1000)
            --kill-after N     SIGKILL once the emulator accepted N    (default 300)
            --rate R, --meta-limit N   as for dispatch
          every mode: --host-npgsql TEXT  extra Npgsql settings for the server (e.g. "Maximum Pool Size=60")
        """;

    public static OutboundOptions Parse(string mode, IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new OutboundOptions { Mode = mode };
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name is "--request-ids" or "--dispatcher-on")
            {
                options = name == "--request-ids" ? options with { RequestIds = true } : options with { DispatcherOn = true };
                continue;
            }

            if (i + 1 >= args.Count)
            {
                throw new ArgumentException($"{name} needs a value (or is unknown).\n\n{Usage}");
            }

            if (name == "--host-npgsql")
            {
                options = options with { HostNpgsql = args[++i] };
                continue;
            }

            if (name == "--level" && mode == "dispatch")
            {
                options = args[++i].ToUpperInvariant() switch
                {
                    "STANDARD" => options with { Level = "STANDARD", Rate = 80 },
                    "HIGH" => options with { Level = "HIGH", Rate = 1_000 },
                    var other => throw new ArgumentException($"--level wants standard or high, not '{other}'.\n\n{Usage}"),
                };
                continue;
            }

            var value = Count(name, args[++i]);
            options = name switch
            {
                "--calls" => options with { Calls = Math.Max(1, value) },
                "--warmup" => options with { Warmup = value },
                "--concurrency" => options with { Concurrency = Math.Max(1, value) },
                "--customers" => options with { Customers = Math.Max(1, value) },
                "--messages" => options with { MessageCount = Math.Max(1, value) },
                "--rate" when options.Level is null => options with { Rate = Math.Clamp(value, 1, 1_000) },
                "--rate" => throw new ArgumentException($"--rate and --level exclude each other: the level sets the rate.\n\n{Usage}"),
                "--meta-limit" => options with { MetaLimit = Math.Max(1, value) },
                "--kill-after" => options with { KillAfter = value },
                _ => throw new ArgumentException($"Unknown option {name} for --mode {mode}.\n\n{Usage}"),
            };
        }

        return options;
    }

    private static int Count(string name, string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ArgumentException($"{name} wants a non-negative whole number, not '{text}'.\n\n{Usage}");
}
