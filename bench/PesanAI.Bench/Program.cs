using PesanAI.Bench;
using PesanAI.Bench.Knowledge;

// --mode picks the benchmark: ingest (the default, options in BenchOptions), ingest-crash (IngestCrashOptions),
// send, dispatch, crash (OutboundOptions), media (MediaOptions), knowledge, or ai-eval (the responder on the
// evaluation sets of issue 18: Knowledge/EvalSets).
var modeAt = Array.IndexOf(args, "--mode");
var mode = modeAt >= 0 && modeAt + 1 < args.Length ? args[modeAt + 1] : "ingest";
string[] rest = modeAt >= 0 ? [.. args[..modeAt], .. args[Math.Min(args.Length, modeAt + 2)..]] : args;
var help = rest.Contains("--help") || rest.Contains("-h");

return mode switch
{
    "knowledge" => KnowledgeBenchmark.Run(rest),

    // 0: measured (figures printed; goals not enforced); 2: bad options.
    "ai-eval" => AiEvaluation.Run(rest),

    // 0: every acknowledged message stored exactly once after each kill; 1: not.
    "ingest-crash" => await RunAsync(IngestCrashOptions.Usage, () => IngestCrashOptions.Parse(rest), IngestCrash.RunAsync),

    // 0: measured (goals met or not, the report says); 1: the store did not hold exactly what was sent.
    "ingest" => await RunAsync(BenchOptions.Usage, () => BenchOptions.Parse(rest), IngestBenchmark.RunAsync),

    // 0: measured; 1: a file was not stored exactly once, or not byte-identical.
    "media" => await RunAsync(MediaOptions.Usage, () => MediaOptions.Parse(rest), MediaBenchmark.RunAsync),

    // 0: measured (goals met or not, the report says); 1: a message was lost, doubled or left unsettled.
    "send" or "dispatch" or "crash" => await RunAsync(OutboundOptions.Usage, () => OutboundOptions.Parse(mode, rest), OutboundBench.RunAsync),
    _ => Usage(),
};

// --help prints the mode's usage (0); options it cannot parse print why (2); else the run's verdict (0 or 1).
async Task<int> RunAsync<T>(string usage, Func<T> parse, Func<T, Task<bool>> run)
{
    if (help)
    {
        Console.WriteLine(usage);
        return 0;
    }

    T options;
    try
    {
        options = parse();
    }
    catch (ArgumentException ex)
    {
        Console.Error.WriteLine(ex.Message);
        return 2;
    }

    return await run(options) ? 0 : 1;
}

int Usage()
{
    Console.WriteLine(OutboundOptions.Usage);
    return help ? 0 : 2;
}
