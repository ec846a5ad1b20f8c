using PesanAI.Bench;

if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine(BenchOptions.Usage);
    return 0;
}

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}

// 0: measured (goals met or not, the report says); 1: the store did not hold exactly what was sent.
return await IngestBenchmark.RunAsync(options) ? 0 : 1;
