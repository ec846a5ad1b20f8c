using Microsoft.Extensions.Configuration;
using PesanAI.Host.Hosting;

namespace PesanAI.FunctionalTests;

/// <summary>A setting out of its range stops the start with a message naming the variable and the range.</summary>
public sealed class SettingsValidationTests
{
    [Theory]
    [InlineData("PESANAI_DISPATCH_RATE", "1001", "PESANAI_DISPATCH_RATE must be within (0, 1000]")]
    [InlineData("PESANAI_AI_QUIET_MS", "-1", "PESANAI_AI_QUIET_MS must be between 0 and 60000")]
    [InlineData("PESANAI_RAW_WEBHOOK_RETENTION_DAYS", "0", "PESANAI_RAW_WEBHOOK_RETENTION_DAYS must be between 1 and 3650")]
    [InlineData("PESANAI_RETENTION_PURGE_INTERVAL_MINUTES", "0", "PESANAI_RETENTION_PURGE_INTERVAL_MINUTES must be between 1 and 1440")]
    [InlineData("PESANAI_GRPC_PORT", "70000", "PESANAI_GRPC_PORT must be between 0 and 65535")]
    [InlineData("PESANAI_PAIR_BURST", "many", "'PESANAI_PAIR_BURST'")]
    [InlineData("PESANAI_MEDIA_STORE", "disk", "PESANAI_MEDIA_STORE must be postgres or s3")]
    [InlineData("PESANAI_TENANT_DELETION_GRACE", "00:00:30", "PESANAI_TENANT_DELETION_GRACE must be a TimeSpan within [00:01:00, 365.00:00:00]")]
    [InlineData("PESANAI_MEDIA_STORE", "s3", "PESANAI_S3_BUCKET must be set when PESANAI_MEDIA_STORE is s3")]
    public async Task A_value_out_of_range_stops_the_start_and_names_the_variable(string variable, string value, string expected)
    {
        var failure = await Record.ExceptionAsync(async () =>
        {
            await using var app = PesanAiHost.Build(["--environment", "Development"], builder =>
                builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
                {
                    // Never reached: validation runs before any hosted service (the schema migrator) starts.
                    ["ConnectionStrings:Postgres"] = "Host=127.0.0.1;Port=1;Database=never_opened;Timeout=1",
                    ["PESANAI_GRPC_PORT"] = "0",
                    ["PESANAI_HTTP_PORT"] = "0",
                    [variable] = value,
                }));
            await app.StartAsync();
            await app.StopAsync();
        });

        Assert.NotNull(failure);
        Assert.Contains(expected, failure.ToString(), StringComparison.Ordinal);
    }
}
