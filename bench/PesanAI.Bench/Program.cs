using PesanAI.Bench;

// --mode picks the benchmark: ingest (the default, options in BenchOptions), ingest-crash (IngestCrashOptions),
// or send, dispatch, crash (OutboundOptions).
var modeAt = Array.IndexOf(args, "--mode");
var mode = modeAt >= 0 && modeAt + 1 < args.Length ? args[modeAt + 1] : "ingest";
string[] rest = modeAt >= 0 ? [.. args[..modeAt], .. args[Math.Min(args.Length, modeAt + 2)..]] : args;
var help = rest.Contains("--help") || rest.Contains("-h");

if (mode == "knowledge")
{
    return KnowledgeBenchmark.Run(rest);
}

if (mode == "ingest-crash")
{
    if (help)
    {
        Console.WriteLine(IngestCrashOptions.Usage);
        return 0;
    }

    IngestCrashOptions crash;
    try
    {
        crash = IngestCrashOptions.Parse(rest);
    }
    catch (ArgumentException ex)
    {
        Console.Error.WriteLine(ex.Message);
        return 2;
    }

    // 0: every acknowledged message stored exactly once after each kill; 1: not.
    return await IngestCrash.RunAsync(crash) ? 0 : 1;
}

if (mode == "ingest")
{
    if (help)
    {
        Console.WriteLine(BenchOptions.Usage);
        return 0;
    }

    BenchOptions options;
    try
    {
        options = BenchOptions.Parse(rest);
    }
    catch (ArgumentException ex)
    {
        Console.Error.WriteLine(ex.Message);
        return 2;
    }

    // 0: measured (goals met or not, the report says); 1: the store did not hold exactly what was sent.
    return await IngestBenchmark.RunAsync(options) ? 0 : 1;
}

if (help || mode is not ("send" or "dispatch" or "crash"))
{
    Console.WriteLine(OutboundOptions.Usage);
    return help ? 0 : 2;
}

OutboundOptions outbound;
try
{
    outbound = OutboundOptions.Parse(mode, rest);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}

// 0: measured (goals met or not, the report says); 1: a message was lost, doubled or left unsettled.
return await OutboundBench.RunAsync(outbound) ? 0 : 1;
