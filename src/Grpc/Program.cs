using PesanAI.Host.Hosting;

await using var app = PesanAiHost.Build(args);
await app.RunAsync();

/// <summary>The host's entry point; tests start it through <see cref="PesanAiHost.Build"/>.</summary>
public partial class Program;
